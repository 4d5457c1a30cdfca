"""Gazette from a checkout: ``python main.py`` opens the desktop app; ``python main.py <command>``
is the command line (as the installed ``gazette``)."""

from viewer.cli import main

if __name__ == "__main__":
    main()
