"""The desktop viewer: Qt widgets and models over :class:`viewer.archive.Archive`.

The only part of Gazette that imports Qt, always through :mod:`viewer.gui.qt`. Widgets hold no
SQL and no parsing; long work runs through :mod:`viewer.gui.tasks`.
"""
