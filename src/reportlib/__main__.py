"""``python -m reportlib``: the CLI."""

from .cli import run

if __name__ == "__main__":  # importing the module alone runs nothing
    run()
