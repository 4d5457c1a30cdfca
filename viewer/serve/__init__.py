"""The reading room: a read-only web view of an archive (``gazette serve``).

:mod:`viewer.serve.app` builds the web application, :mod:`viewer.serve.command` is the CLI
command; the CLI imports only the command, so Starlette and Jinja2 load when a room is served.
"""
