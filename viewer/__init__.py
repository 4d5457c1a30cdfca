"""Gazette (县报档案): an offline archive of county newspaper pages."""

__version__ = "0.1.0"
