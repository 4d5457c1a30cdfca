"""``gazette serve``: the reading room on this machine's network (one click command, added to
the CLI by :mod:`viewer.cli`)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from viewer.errors import GazetteError

PUBLIC_HOSTS = ("0.0.0.0", "::", "")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens the reading room to the whole network.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes, each with the archive open read-only (one per core).")
@click.option("--with-notes", is_flag=True, help="Show editors' notes and highlights too.")
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file holding an Argon2 hash: visitors must give that password.")
@click.option("--hash-password", is_flag=True,
              help="Ask for a password, print its hash for --password-file, and exit.")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, workers: int, with_notes: bool, password_file: Path | None,
                  hash_password: bool) -> None:
    """Serve the archive read-only over HTTP: browse, search, read, cite, download.

    \b
    Examples:
        gazette serve                              # http://127.0.0.1:8080, this computer only
        gazette serve --hash-password > reading-room.pw
        gazette serve --host 0.0.0.0 --password-file reading-room.pw
    """
    if hash_password:
        from argon2 import PasswordHasher
        click.echo(PasswordHasher().hash(click.prompt("Password", hide_input=True, confirmation_prompt=True)))
        return
    import uvicorn

    from viewer.archive import default_archive_path
    from viewer.serve.app import create_app, read_password_file

    root = ctx.obj["archive"] or default_archive_path()
    try:
        password_hash = read_password_file(password_file) if password_file else None
        app = create_app(root, with_notes=with_notes, password_hash=password_hash)
    except GazetteError as error:
        raise click.ClickException(str(error)) from error
    if host in PUBLIC_HOSTS:
        click.echo(f"warning: serving {root} to every computer that can reach this one"
                   f"{'' if password_hash else ', without a password (--password-file)'}", err=True)
    click.echo(f"reading room for {root} (read-only) at http://{host}:{port}/", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.room.close()  # checked that it opens; each worker process opens its own
    os.environ.update(GAZETTE_SERVE_ARCHIVE=str(root), GAZETTE_SERVE_NOTES="1" if with_notes else "0",
                      GAZETTE_SERVE_PASSWORD_HASH=password_hash or "")
    uvicorn.run("viewer.serve.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")
