"""Summit: run an in-person summit from one laptop, offline."""

__version__ = "0.1.0"
