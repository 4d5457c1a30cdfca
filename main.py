"""Gazette: ``python main.py`` opens the desktop app; ``python main.py <command>`` is the CLI."""

import sys


def main() -> None:
    if sys.argv[1:]:
        from viewer.cli import main as cli_main

        cli_main(sys.argv[1:])
    else:
        from viewer.gui.app import main as gui_main

        sys.exit(gui_main())


if __name__ == "__main__":
    main()
