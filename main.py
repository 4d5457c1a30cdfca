"""Gazette: ``python main.py`` opens the desktop app; ``python main.py <command>`` is the CLI."""

import sys


def main() -> None:
    from viewer.cli import main as cli_main

    # The desktop window is not built yet: with no command, show what the CLI can do.
    cli_main(sys.argv[1:] or ["--help"])


if __name__ == "__main__":
    main()
