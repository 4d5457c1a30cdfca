"""The command line: thin over :class:`viewer.archive.Archive`.

Known errors print one line on stderr and exit non-zero; nothing else is caught here.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from pathlib import Path

import click

from viewer import __version__
from viewer.archive import Archive
from viewer.errors import GazetteError
from viewer.ingest import DEFAULT_PUBLICATION, ReadOptions


def _print_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _archive_command(function):
    """Open the archive named by --archive for the command and turn GazetteError into one line."""
    @click.pass_context
    @functools.wraps(function)
    def wrapper(ctx: click.Context, *args, **kwargs):
        try:
            with Archive(ctx.obj["archive"]) as archive:
                return ctx.invoke(function, archive, *args, **kwargs)
        except GazetteError as error:
            raise click.ClickException(str(error)) from error
    return wrapper


def _parse_date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--archive", type=click.Path(file_okay=False, path_type=Path), envvar="GAZETTE_ARCHIVE",
              help="Archive folder (default: the user data folder; or GAZETTE_ARCHIVE).")
@click.version_option(__version__, prog_name="gazette")
@click.pass_context
def cli(ctx: click.Context, archive: Path | None) -> None:
    """Gazette (县报档案): an offline archive of county newspaper pages.

    \b
    Examples:
        gazette import pages/2025/          # a folder, recursively
        gazette list --json
        gazette show 1
    """
    ctx.obj = {"archive": archive}


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--publication", default=DEFAULT_PUBLICATION, show_default=True, help="Newspaper name.")
@click.option("--encoding", help="Text encoding of the files, when detection is unsure (e.g. gb18030).")
@click.option("--replace", is_flag=True, help="Replace a page already in the archive from another file.")
@click.option("--date", callback=_parse_date, help="Date (YYYY-MM-DD) for files whose text carries none.")
@click.option("--page", type=click.IntRange(min=1), help="Page number for files whose text carries none.")
@_archive_command
def import_command(archive: Archive, paths, publication, encoding, replace, date, page) -> None:
    """Import page files and folders; print what was imported, skipped and failed."""
    options = ReadOptions(publication=publication, encoding=encoding, date=date, page=page)
    report = archive.import_paths(paths, options, replace=replace)
    for outcome in report.outcomes:
        click.echo(f"{outcome.status}: {outcome.path}: {outcome.message}" if outcome.status != "failed"
                   else f"failed: {outcome.message}")
        for warning in outcome.warnings:
            click.echo(f"  warning: {warning}")
    click.echo(f"{len(report.imported)} imported, {len(report.skipped)} skipped, {len(report.failed)} failed")
    if report.failed:
        sys.exit(1)


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@_archive_command
def list_command(archive: Archive, as_json: bool) -> None:
    """List the articles in date, page and on-page order."""
    articles = archive.list_articles()
    if as_json:
        _print_json(articles)
        return
    for a in articles:
        click.echo(f"{a['id']:>6}  {a['date']}  {a['publication']}  第{a['page']}版 {a['section']}  "
                   f"{a['title'] or '（无题）'}")


@cli.command("show")
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@_archive_command
def show_command(archive: Archive, article_id: int, as_json: bool) -> None:
    """Show one article with its page's metadata."""
    article = archive.article(article_id)
    if as_json:
        _print_json(article)
        return
    click.echo(article["title"] or "（无题）")
    for line in (article["subtitle"], article["kicker"]):
        if line:
            click.echo(line)
    click.echo(f"{article['publication']} {article['date']} {article['weekday']} 第{article['page']}版 "
               f"{article['section']}")
    for group in (article["credits"], article["page_credits"]):
        if group:
            click.echo("  ".join(f"{role}: {' '.join(names)}" for role, names in group.items()))
    click.echo()
    for paragraph in article["paragraphs"]:
        click.echo("　　" + paragraph)


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True)
@_archive_command
def stats_command(archive: Archive, as_json: bool) -> None:
    """What the archive holds."""
    stats = archive.stats()
    if as_json:
        _print_json(stats)
        return
    for key, value in stats.items():
        click.echo(f"{key}: {value}")


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="gazette")
