"""Summit: run an in-person summit from one laptop, offline."""

import os

# Before numpy is first imported (sqlite-utils imports it): its BLAS would start a thread a
# core for the themes' matrix products, which one core does in milliseconds. Measured on a
# busy 2-core machine, those threads spinning against the window's, the phone server's and
# the model's made clustering 5,000 notes 2 to 7 times slower (0.4 s became 0.9 to 3.3 s).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
