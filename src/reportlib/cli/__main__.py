"""``python -m reportlib.cli``: the CLI."""

import sys

from .app import main

if __name__ == "__main__":  # importing the module alone runs nothing
    sys.exit(main())
