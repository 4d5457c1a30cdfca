"""The command line: thin over :class:`viewer.archive.Archive`.

Known errors print one line on stderr and exit non-zero; nothing else is caught here.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
import os
import sys
from pathlib import Path

import click

from viewer import __version__
from viewer.archive import Archive
from viewer.errors import GazetteError
from viewer.export import ENCODINGS, FORMATS
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
    report = archive.importing.import_paths(paths, options, replace=replace)
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
    articles = archive.browsing.list_articles()
    if as_json:
        _print_json([a.to_json() for a in articles])
        return
    for a in articles:
        click.echo(f"{a.id:>6}  {a.date}  {a.publication}  第{a.page_label}版 {a.section}  {a.title or '（无题）'}")


@cli.command("show")
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@_archive_command
def show_command(archive: Archive, article_id: int, as_json: bool) -> None:
    """Show one article with its page's metadata."""
    article = archive.browsing.article(article_id)
    if as_json:
        _print_json(article.to_json())
        return
    text = article.text
    click.echo(text.title or "（无题）")
    for line in (text.subtitle, text.kicker):
        if line:
            click.echo(line)
    click.echo(f"{article.publication} {article.date} {article.weekday} 第{article.page_label}版 {article.section}")
    for group in (text.credits_by_role, article.page_credits):
        if group:
            click.echo("  ".join(f"{role}: {' '.join(names)}" for role, names in group.items()))
    click.echo()
    for paragraph in text.paragraphs:
        click.echo("　　" + paragraph)


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True)
@_archive_command
def stats_command(archive: Archive, as_json: bool) -> None:
    """What the archive holds."""
    stats = archive.browsing.stats()
    if as_json:
        _print_json(stats)
        return
    for key, value in stats.items():
        click.echo(f"{key}: {value}")


@cli.command("search")
@click.argument("query")
@click.option("--from", "date_from", callback=_parse_date, help="Only articles dated on or after YYYY-MM-DD.")
@click.option("--to", "date_to", callback=_parse_date, help="Only articles dated on or before YYYY-MM-DD.")
@click.option("--section", help="Only articles of this section (版名), as printed.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="Best first, or oldest first.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True,
              help="{query, total, hits: [{article_id, title, date, page, section, score, snippet, spans}], facets}")
@_archive_command
def search_command(archive: Archive, query: str, date_from, date_to, section, sort, limit, as_json) -> None:
    """Find every article containing QUERY, best first.

    \b
    Terms are ANDed; "a phrase"; OR; NOT or -term; fields title: author:
    photographer: editor: person: section: page: publication:, each role word
    (责编:王耀 组版:李晓玲), date:2025-04, date:[2025-01-01 TO 2025-06-30];
    what editors added: note: tag: collection: annotator: has:notes.
    Hits are marked ⟦like this⟧ in snippets; a snippet beginning 〔更正前〕
    comes from the text as it read before a correction.

    \b
    Examples:
        gazette search 交城
        gazette search '"民生提质" 责编:王耀' --from 2025-01-01 --json
    """
    result = archive.searching.search(query, date_from=date_from, date_to=date_to, section=section, sort=sort,
                            limit=limit)
    if as_json:
        _print_json(result.to_json())
        return
    click.echo(f"{result.total} article(s)")
    if result.pending:
        click.echo(f"({result.pending} article(s) just imported are still being indexed)", err=True)
    for hit in result.hits:
        click.echo(f"{hit.article_id:>6}  {hit.date}  第{hit.page}版  {hit.title or '（无题）'}")
        click.echo(f"        {hit.snippet}")


@cli.command("reindex")
@_archive_command
def reindex_command(archive: Archive) -> None:
    """Rebuild the search index from the archive's database, with progress on stderr."""
    def progress(done: int, total: int, message: str) -> None:
        click.echo(f"\rindexing {done}/{total}", err=True, nl=False)

    count = archive.indexing.rebuild(on_progress=progress)
    click.echo("", err=True)
    click.echo(f"indexed {count} article(s)")


@cli.command("export")
@click.argument("article_ids", nargs=-1, type=click.IntRange(min=1))
@click.option("--query", "-q", help="The articles this search finds, best first.")
@click.option("--all", "everything", is_flag=True, help="Every article in the archive.")
@click.option("--collection", help="A collection's articles, in its order.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True)
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="The file to write; with --one-file-per-article, a folder.")
@click.option("--one-file-per-article", is_flag=True, help="One file per article, named from date, page and title.")
@click.option("--with-annotations", is_flag=True,
              help="Add each article's notes, highlights, tags, corrections and collections.")
@click.option("--encoding", type=click.Choice(ENCODINGS, case_sensitive=False), default="utf-8",
              show_default=True, help="gb18030 for old Windows tools (txt, md, csv).")
@click.option("--crlf", is_flag=True, help="Windows line ends (txt, md).")
@_archive_command
def export_command(archive: Archive, article_ids, query, everything, collection, fmt, out,
                   one_file_per_article, with_annotations, encoding, crlf) -> None:
    """Export articles, each with its GB/T 7714 reference, in the order given.

    \b
    Examples:
        gazette export 12 15 --out picks.txt
        gazette export --query 交城 --format docx --out 交城.docx
        gazette export --collection 两会报道 --with-annotations --format json --out 两会.json
        gazette export --all --format md --one-file-per-article --out articles/
        gazette export --query 交城 --format ris --out 交城.ris    # csl-json for Zotero, ris for EndNote
    """
    if not (article_ids or query or collection or everything):
        raise click.UsageError("name the articles to export: ARTICLE_ID..., --query Q, --collection NAME or --all")
    ids = list(article_ids)
    if query:
        ids += _all_hits(archive, query)
    if collection:
        ids += archive.browsing.collection_articles(collection)
    if everything:
        ids += [article.id for article in archive.browsing.list_articles()]
    files = archive.exporting.export(ids, fmt, out, one_file_per_article=one_file_per_article, encoding=encoding,
                           crlf=crlf, with_annotations=with_annotations)
    count = len(dict.fromkeys(ids))
    click.echo(f"exported {count} article(s) to {out}" + (f" ({len(files)} files)" if one_file_per_article else ""))


def _all_hits(archive: Archive, query: str) -> list[int]:
    """The ids of every article the search finds, best first."""
    total = archive.searching.search(query, limit=0).total
    if not total:
        raise click.ClickException(f"nothing to export: the search for “{query}” finds no articles")
    return [hit.article_id for hit in archive.searching.search(query, limit=total).hits]


# -- annotations ------------------------------------------------------------------------------

def _default_editor() -> str:
    try:
        return os.environ.get("GAZETTE_EDITOR") or getpass.getuser()
    except (KeyError, OSError):  # no login name (a container with an unknown user id)
        return "editor"


editor_option = click.option("--editor", default=_default_editor, show_default="GAZETTE_EDITOR or your login",
                             help="Who is annotating (recorded with each annotation).")


@cli.command("note")
@click.argument("article_id", type=int)
@click.argument("text")
@editor_option
@_archive_command
def note_command(archive: Archive, article_id: int, text: str, editor: str) -> None:
    """Add a note to an article."""
    click.echo(f"note {archive.editing.add_note(article_id, text, author=editor)} added to article {article_id}")


@cli.command("tag")
@click.argument("article_id", type=int)
@click.argument("tags", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Remove the tags instead.")
@editor_option
@_archive_command
def tag_command(archive: Archive, article_id: int, tags: tuple[str, ...], remove: bool, editor: str) -> None:
    """Tag an article (free words)."""
    if remove:
        archive.editing.untag(article_id, list(tags))
        click.echo(f"removed from article {article_id}: {' '.join(tags)}")
    else:
        added = archive.editing.tag(article_id, list(tags), author=editor)
        click.echo(f"tagged article {article_id}: {' '.join(added) or '(had them all already)'}")


@cli.command("highlight")
@click.argument("article_id", type=int)
@click.option("--quote", required=True, help="The words to highlight (their first place in the text).")
@click.option("--comment", default="", help="A comment on the passage.")
@click.option("--colour", default="yellow", show_default=True)
@editor_option
@_archive_command
def highlight_command(archive: Archive, article_id: int, quote: str, comment: str, colour: str, editor: str) -> None:
    """Highlight a passage of an article, with an optional comment."""
    annotation_id = archive.editing.add_highlight(article_id, quote=quote, comment=comment, colour=colour, author=editor)
    click.echo(f"highlight {annotation_id} added to article {article_id}")


@cli.command("correct")
@click.argument("article_id", type=int)
@click.option("--paragraph", type=click.IntRange(min=1), help="The paragraph to correct (from 1).")
@click.option("--text", help="Its corrected text; a line break splits it, empty removes it.")
@click.option("--title", help="The corrected title.")
@click.option("--subtitle", help="The corrected subtitle.")
@editor_option
@_archive_command
def correct_command(archive: Archive, article_id: int, paragraph, text, title, subtitle, editor: str) -> None:
    """Correct an article's text; the original reading is kept and every revision can be restored."""
    revision = archive.editing.correct(article_id, paragraph=paragraph, text=text, title=title, subtitle=subtitle,
                               author=editor)
    click.echo(f"revision {revision} of article {article_id} saved")


@cli.group("collection")
def collection_group() -> None:
    """Named lists of articles (the unit of an export)."""


@collection_group.command("add")
@click.argument("name")
@click.argument("article_ids", nargs=-1, type=int, required=True)
@editor_option
@_archive_command
def collection_add(archive: Archive, name: str, article_ids: tuple[int, ...], editor: str) -> None:
    """Add articles to a collection (made if new)."""
    added = archive.editing.add_to_collection(name, list(article_ids), author=editor)
    click.echo(f"{len(added)} article(s) added to “{name}”")


@collection_group.command("remove")
@click.argument("name")
@click.argument("article_ids", nargs=-1, type=int, required=True)
@_archive_command
def collection_remove(archive: Archive, name: str, article_ids: tuple[int, ...]) -> None:
    """Remove articles from a collection."""
    archive.editing.remove_from_collection(name, list(article_ids))
    click.echo(f"removed from “{name}”: {' '.join(map(str, article_ids))}")


@collection_group.command("list")
@click.argument("name", required=False)
@_archive_command
def collection_list(archive: Archive, name: str | None) -> None:
    """The collections, or the articles of one, in order."""
    if name is None:
        for collection in archive.browsing.collections():
            click.echo(f"{collection['name']}\t{collection['articles']}")
        return
    for article in archive.browsing.collection_rows(name):
        click.echo(f"{article.id:>6}  {article.date}  第{article.page_label}版  {article.title or '（无题）'}")


@cli.group("publication")
def publication_group() -> None:
    """Rename or merge the papers pages are filed under (``gazette publication rename 未命名报纸 吕梁日报``)."""


@publication_group.command("rename")
@click.argument("old")
@click.argument("new")
@_archive_command
def publication_rename(archive: Archive, old: str, new: str) -> None:
    """Give a paper its right name; a paper already called NEW is merged into."""
    from viewer.publications import rename_publication

    click.echo(f"renamed {old} to {new}: {len(rename_publication(archive, old, new))} articles")


@publication_group.command("merge")
@click.argument("old")
@click.argument("into")
@_archive_command
def publication_merge(archive: Archive, old: str, into: str) -> None:
    """File every issue of OLD under INTO (one paper under two names)."""
    from viewer.publications import merge_publications

    click.echo(f"merged {old} into {into}: {len(merge_publications(archive, old, into))} articles")


@cli.command("reread")
@click.argument("page_ids", nargs=-1, type=click.IntRange(min=1))
@click.option("--all", "everything", is_flag=True, help="Every page that has text.")
@_archive_command
def reread_command(archive: Archive, page_ids: tuple[int, ...], everything: bool) -> None:
    """Read stored pages again with the current reader; articles read the same keep their ids
    and annotations. Prints what changed."""
    from viewer.reread import reread_pages

    if not page_ids and not everything:
        raise click.UsageError("give page ids, or --all")
    for outcome in reread_pages(archive, None if everything else list(page_ids)):
        if outcome.error:
            click.echo(f"failed: {outcome.where}: {outcome.error}")
            continue
        click.echo(f"{outcome.where}: " + (f"{len(outcome.changes)} change(s)" if outcome.changes else "read the same"))
        for change in outcome.changes:
            click.echo(f"  {change}")


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="gazette")


from viewer.serve.command import serve_command

cli.add_command(serve_command)
