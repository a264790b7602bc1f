"""The bundle's entry point: the same `summit-app` command as the wheel's."""

import sys

from summit_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
