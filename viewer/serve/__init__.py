"""The reading room: a read-only web view of an archive (``gazette serve``)."""

from viewer.serve.app import create_app, read_password_file

__all__ = ["create_app", "read_password_file"]
