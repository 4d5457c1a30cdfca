"""The command line: thin over :class:`viewer.archive.Archive`.

Known errors print one line on stderr and exit non-zero; nothing else is caught here.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from viewer import __version__
from viewer.archive import Archive, default_archive_path
from viewer.display import display_problem
from viewer.errors import GazetteError
from viewer.export import ENCODINGS, FORMATS
from viewer.failures import one_line
from viewer.ingest import DEFAULT_PUBLICATION, ReadOptions
from viewer.ingest.ocr import DEFAULT_ENGINE, DEFAULT_LANG, ENGINES, OCR_MODES, OcrOptions
from viewer.search import MERGING
from viewer.serve.command import serve_command
from viewer.terminal import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from viewer.reread import RereadOutcome  # imported by the commands that need it: start-up stays light


OCR_LANG_HELP = "OCR language (Tesseract's names: chi_sim, chi_tra, chi_sim_vert, chi_tra_vert, eng, a+b)."


def echo(message: str = "", **kwargs) -> None:
    """click.echo, with control characters from titles and file names made visible."""
    click.echo(for_terminal(message), **kwargs)


def _print_json(value: object) -> None:
    click.echo(json_for_terminal(json.dumps(value, ensure_ascii=False, indent=2)))


def _archive_command(function=None, *, create: bool = False):
    """Open the archive named by --archive for the command and turn GazetteError into one line.
    Only commands that add to an archive (``create=True``) make a new one."""
    if function is None:
        return functools.partial(_archive_command, create=create)

    @click.pass_context
    @functools.wraps(function)
    def wrapper(ctx: click.Context, *args, **kwargs):
        try:
            with Archive(ctx.obj["archive"], create=create) as archive:
                return ctx.invoke(function, archive, *args, **kwargs)
        except GazetteError as error:
            raise click.ClickException(for_terminal(str(error))) from error
        except (OSError, sqlite3.Error) as error:  # a full disk, read-only storage: one line, traceback logged
            line = one_line(error, ctx.obj["archive"] or default_archive_path())
            if line is None:
                raise
            raise click.ClickException(for_terminal(line)) from error
    return wrapper


def _parse_date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
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
        gazette                             # no command: the window
    """
    ctx.obj = {"archive": archive}
    if ctx.invoked_subcommand is None:
        ctx.exit(_open_window(archive))


def _open_window(archive: Path | None) -> int:
    problem = display_problem()
    if problem:
        raise click.ClickException(problem)
    from viewer.gui.app import main as gui_main  # Qt only when the window is wanted

    return gui_main([sys.argv[0]], archive)


@cli.command("open")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.pass_context
def open_command(ctx: click.Context, folder: Path) -> None:
    """Open the window on the archive in FOLDER."""
    ctx.exit(_open_window(folder))


@cli.command("install-desktop")
def install_desktop_command() -> None:
    """Add Gazette to the desktop's application menu (freedesktop .desktop file and icon)."""
    from viewer.desktop import install_desktop_entry

    for written in install_desktop_entry():
        click.echo(f"wrote {written}")


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--publication", default=DEFAULT_PUBLICATION, show_default=True, help="Newspaper name.")
@click.option("--encoding", help="Text encoding of the files, when detection is unsure (e.g. gb18030).")
@click.option("--replace", is_flag=True, help="Replace a page already in the archive from another file.")
@click.option("--date", callback=_parse_date, help="Date (YYYY-MM-DD) for files whose text carries none.")
@click.option("--page", type=click.IntRange(min=1), help="Page number for files whose text carries none.")
@click.option("--ocr", "ocr_mode", type=click.Choice(OCR_MODES), default="auto", show_default=True,
              help="Read pictures by OCR: auto (scans with no text beside them, PDF pages without text), "
                   "always (every picture, ignoring text beside it), never (pictures only).")
@click.option("--ocr-engine", type=click.Choice(tuple(ENGINES)), default=DEFAULT_ENGINE, show_default=True)
@click.option("--lang", default=DEFAULT_LANG, show_default=True, help=OCR_LANG_HELP)
@_archive_command(create=True)
def import_command(archive: Archive, paths, publication, encoding, replace, date, page, ocr_mode, ocr_engine,
                   lang) -> None:
    """Import page files and folders; print what was imported, skipped and failed."""
    if archive.read_only:
        raise click.ClickException(for_terminal(f"{archive.root}: cannot import: {archive.store.read_only_reason}"))
    options = ReadOptions(publication=publication, encoding=encoding, date=date, page=page,
                          ocr=OcrOptions(ocr_mode, ocr_engine, lang))
    report = archive.importing.import_paths(paths, options, replace=replace)
    for outcome in report.outcomes:
        echo(f"{outcome.status}: {outcome.path}: {outcome.message}" if outcome.status != "failed"
                   else f"failed: {outcome.message}{_import_flags(outcome.needs)}")
        for warning in outcome.warnings:
            echo(f"  warning: {warning}")
    echo(f"{len(report.imported)} imported, {len(report.skipped)} skipped, {len(report.failed)} failed")
    if report.failed:
        sys.exit(1)


IMPORT_FLAGS = {"date": "--date YYYY-MM-DD", "page": "--page N", "publication": "--publication NAME",
                "replace": "--replace"}


def _import_flags(needs: tuple[str, ...]) -> str:
    """The options of ``gazette import`` that give what a refused file needs: " (--date …)"."""
    return f" ({' '.join(IMPORT_FLAGS[need] for need in needs)})" if needs else ""


@cli.command("init")
@_archive_command(create=True)
def init_command(archive: Archive) -> None:
    """Make a new, empty archive (in --archive, or the default folder); an existing one is kept."""
    echo(f"archive ready at {archive.root}")


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
        echo(f"{a.id:>6}  {a.date}  {a.publication}  第{a.page_label}版 {a.section}  {a.title or '（无题）'}")


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
    echo(text.title or "（无题）")
    for line in (text.subtitle, text.kicker):
        if line:
            echo(line)
    echo(f"{article.publication} {article.date} {article.weekday} 第{article.page_label}版 {article.section}")
    for group in (text.credits_by_role, article.page_credits):
        if group:
            echo("  ".join(f"{role}: {' '.join(names)}" for role, names in group.items()))
    echo()
    for paragraph in text.paragraphs:
        echo("　　" + paragraph)


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
        echo(f"{key}: {value}")


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
    echo(f"{result.total} article(s)")
    if result.pending:
        echo(f"({result.pending} article(s) just imported are still being indexed)", err=True)
    for hit in result.hits:
        echo(f"{hit.article_id:>6}  {hit.date}  第{hit.page_label or hit.page}版  {hit.title or '（无题）'}")
        echo(f"        {hit.snippet}")


@cli.command("sample")
@_archive_command(create=True)
def sample_command(archive: Archive) -> None:
    """Import the sample page that comes with Gazette (a real county paper's page 8)."""
    for outcome in archive.importing.load_sample().outcomes:
        click.echo(f"{outcome.status}: {outcome.message}")


@cli.command("reindex")
@_archive_command
def reindex_command(archive: Archive) -> None:
    """Rebuild the search index from the archive's database, with progress on stderr."""
    def progress(done: int, total: int, message: str) -> None:
        click.echo(f"\r{'merging' if message == MERGING else 'indexing'} {done}/{total}    ", err=True, nl=False)

    count = archive.indexing.rebuild(on_progress=progress)
    echo("", err=True)
    echo(f"indexed {count} article(s)")


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
@click.option("--csv-raw", is_flag=True,
              help="CSV cells as stored: no ' before a cell beginning = + - @ (which a spreadsheet would run).")
@_archive_command
def export_command(archive: Archive, article_ids, query, everything, collection, fmt, out,
                   one_file_per_article, with_annotations, encoding, crlf, csv_raw) -> None:
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
                           crlf=crlf, with_annotations=with_annotations, csv_raw=csv_raw)
    count = len(dict.fromkeys(ids))
    echo(f"exported {count} article(s) to {out}" + (f" ({len(files)} files)" if one_file_per_article else ""))


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
    echo(f"note {archive.editing.add_note(article_id, text, author=editor)} added to article {article_id}")


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
        echo(f"removed from article {article_id}: {' '.join(tags)}")
    else:
        added = archive.editing.tag(article_id, list(tags), author=editor)
        echo(f"tagged article {article_id}: {' '.join(added) or '(had them all already)'}")


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
    echo(f"highlight {annotation_id} added to article {article_id}")


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
    echo(f"revision {revision} of article {article_id} saved")


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
    echo(f"{len(added)} article(s) added to “{name}”")


@collection_group.command("remove")
@click.argument("name")
@click.argument("article_ids", nargs=-1, type=int, required=True)
@_archive_command
def collection_remove(archive: Archive, name: str, article_ids: tuple[int, ...]) -> None:
    """Remove articles from a collection."""
    archive.editing.remove_from_collection(name, list(article_ids))
    echo(f"removed from “{name}”: {' '.join(map(str, article_ids))}")


@collection_group.command("list")
@click.argument("name", required=False)
@_archive_command
def collection_list(archive: Archive, name: str | None) -> None:
    """The collections, or the articles of one, in order."""
    if name is None:
        for collection in archive.browsing.collections():
            echo(f"{collection['name']}\t{collection['articles']}")
        return
    for article in archive.browsing.collection_rows(name):
        echo(f"{article.id:>6}  {article.date}  第{article.page_label}版  {article.title or '（无题）'}")


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

    echo(f"renamed {old} to {new}: {len(rename_publication(archive, old, new))} articles")


@publication_group.command("merge")
@click.argument("old")
@click.argument("into")
@_archive_command
def publication_merge(archive: Archive, old: str, into: str) -> None:
    """File every issue of OLD under INTO (one paper under two names)."""
    from viewer.publications import merge_publications

    echo(f"merged {old} into {into}: {len(merge_publications(archive, old, into))} articles")


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
    _print_rereads(reread_pages(archive, None if everything else list(page_ids)))


@cli.command("ocr")
@click.argument("page_ids", nargs=-1, type=click.IntRange(min=1))
@click.option("--pictures-only", is_flag=True, help="Every page that has a picture and no text.")
@click.option("--engine", type=click.Choice(tuple(ENGINES)), default=DEFAULT_ENGINE, show_default=True)
@click.option("--lang", default=DEFAULT_LANG, show_default=True, help=OCR_LANG_HELP)
@_archive_command
def ocr_command(archive: Archive, page_ids: tuple[int, ...], pictures_only: bool, engine: str, lang: str) -> None:
    """Read stored pages' pictures by OCR, replacing their text; articles read the same keep
    their ids and annotations. Prints what changed."""
    from viewer.reread import ocr_pages

    if not page_ids and not pictures_only:
        raise click.UsageError("give page ids, or --pictures-only")
    ids = list(page_ids) or archive.browsing.pages_without_text()

    def progress(done: int, total: int, _: str) -> None:
        if done < total:
            click.echo(f"OCR {done + 1}/{total} …", err=True)

    _print_rereads(ocr_pages(archive, ids, OcrOptions("always", engine, lang), on_progress=progress))


def _print_rereads(outcomes: list[RereadOutcome]) -> None:
    """What reading pages again changed: a line per page, and one per change."""
    for outcome in outcomes:
        if outcome.error:
            echo(f"failed: {outcome.where}: {outcome.error}")
            continue
        echo(f"{outcome.where}: " + (f"{len(outcome.changes)} change(s)" if outcome.changes else "read the same"))
        for change in outcome.changes:
            echo(f"  {change}")


# -- keeping the archive whole ------------------------------------------------------------------

@cli.command("check")
@click.option("--repair", is_flag=True, help="Remove files in pages/ that no page refers to.")
@_archive_command
def check_command(archive: Archive, repair: bool) -> None:
    """Check the database, every stored picture and its hash, the search index, and orphan
    files; print each problem and exit 1 if there is any."""
    from viewer.maintenance import check

    report = check(archive, repair=repair)
    for line in report.repaired:
        echo(f"repaired: {line}")
    for line in report.notes:
        echo(f"note: {line}")
    for line in report.problems:
        echo(f"problem: {line}")
    echo(f"{len(report.problems)} problem(s)" if report.problems else "the archive is sound")
    if report.problems:
        sys.exit(1)


@cli.command("backup")
@click.argument("destination", type=click.Path(path_type=Path))
@_archive_command
def backup_command(archive: Archive, destination: Path) -> None:
    """Copy the archive into DESTINATION (a new or empty folder), safe while the window is open."""
    from viewer.maintenance import backup

    echo(f"backed up to {backup(archive, destination)}")


@cli.command("restore")
@click.argument("backup_folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.pass_context
def restore_command(ctx: click.Context, backup_folder: Path) -> None:
    """Check the backup in BACKUP_FOLDER and put it in place of --archive (an archive already
    there is moved aside, not deleted)."""
    from viewer.maintenance import restore

    target = ctx.obj["archive"] or default_archive_path()
    try:
        moved_aside, _ = restore(backup_folder, target)
    except GazetteError as error:
        raise click.ClickException(for_terminal(str(error))) from error
    if moved_aside:
        echo(f"the archive that was there is kept at {moved_aside}")
    echo(f"restored {backup_folder} to {target}")


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="gazette")


def window_main() -> None:
    """``gazette-gui``, for desktop menus: the window, on the archive of GAZETTE_ARCHIVE or the last one."""
    main([])


cli.add_command(serve_command)
