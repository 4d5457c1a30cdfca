"""The reading room: a read-only web view of one archive (Starlette and Jinja2).

Thin, as the CLI is: every page asks the archive's services and renders a template. The
archive is opened read-only and used from one worker thread only (SQLite connections and the
search index are not shared across threads); pictures are streamed from the event loop.
Only the archive's stored pictures are ever read from disk, named by their SHA-256.
"""

from __future__ import annotations

import asyncio
import base64
import calendar
import concurrent.futures
import contextlib
import datetime as dt
import io
import logging
import os
import re
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from PIL import Image
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from viewer import marking
from viewer.archive import Archive
from viewer.citation import citation
from viewer.errors import GazetteError, IndexStale, NotFound, QueryError
from viewer.export import WRITERS
from viewer.model import Publication
from viewer.search import MARK_CLOSE, MARK_OPEN
from viewer.serve.i18n import MONTHS, WEEKDAY_HEADS, language_of, translate

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
RESULTS_PER_PAGE = 20
MAX_RESULT_PAGE = 250  # 5,000 results deep is as far as anyone pages; beyond, narrow the query
PHONE_WIDTH = 800  # px: the picture a narrow screen gets, scaled from the stored preview
SCALED_KEPT = 500  # phone-size pictures kept in memory (~50 kB each)
DOWNLOADS = ("txt", "md", "docx", "csv", "csl-json", "ris")
_PICTURE = re.compile(r"[0-9a-f]{64}")
_PICTURE_KINDS = {"thumb": ".thumb.jpg", "preview": ".preview.jpg"}
_MEDIA_TYPES = {"txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
                "csv": "text/csv; charset=utf-8", "csl-json": "application/vnd.citationstyles.csl+json",
                "ris": "application/x-research-info-systems",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class ReadingRoom:
    """The archive, opened read-only in the one thread that uses it."""

    def __init__(self, root: Path, *, with_notes: bool = False):
        self.with_notes = with_notes
        self._worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive")
        self.archive: Archive = self._worker.submit(Archive, root, read_only=True).result()
        self._worker.submit(self._warm_up)  # the first search loads the index: not on a visitor's time
        self.scaled: dict[str, bytes] = {}  # phone-size pictures, made once per process

    def _warm_up(self) -> None:
        try:
            self.archive.searching.search("的", limit=1)
        except GazetteError:
            pass  # a stale or missing index: each search page says so

    async def call(self, work: Callable[[Archive], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._worker, work, self.archive)

    def close(self) -> None:
        self._worker.submit(self.archive.close).result()
        self._worker.shutdown()

    def picture_file(self, digest: str, kind: str) -> Path:
        """The stored preview or thumbnail of the picture with this SHA-256."""
        if not _PICTURE.fullmatch(digest) or kind not in _PICTURE_KINDS:
            raise NotFound("no such picture")
        path = self.archive.browsing.page_file(f"{digest[:2]}/{digest}{_PICTURE_KINDS[kind]}")
        if path is None or not path.is_file():
            raise NotFound("no such picture")
        return path

    def phone_picture(self, digest: str) -> bytes:
        """The preview scaled to :data:`PHONE_WIDTH`, kept in memory (nothing is written)."""
        if digest not in self.scaled:
            with Image.open(self.picture_file(digest, "preview")) as preview:
                preview.thumbnail((PHONE_WIDTH, PHONE_WIDTH * 4))
                out = io.BytesIO()
                preview.convert("RGB").save(out, "JPEG", quality=80)
            self.scaled[digest] = out.getvalue()
            while len(self.scaled) > SCALED_KEPT:
                self.scaled.pop(next(iter(self.scaled)))  # the oldest made
        return self.scaled[digest]


# -- templates ---------------------------------------------------------------------------------

def _marked(snippet: str) -> Markup:
    """A snippet with ⟦hits⟧ as ``<mark>``, everything else escaped."""
    return Markup(str(escape(snippet)).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def _pieces(pieces: list[tuple[str, bool]]) -> Markup:
    return Markup("").join(Markup("<mark>{}</mark>").format(text) if hit else escape(text)
                           for text, hit in pieces)


def _digest(name: str | None) -> str | None:
    """The SHA-256 a stored picture's name (``ab/abcd….preview.jpg``) begins with."""
    match = _PICTURE.search(name or "")
    return match[0] if match else None


TEMPLATES = Environment(loader=PackageLoader("viewer.serve", "templates"), autoescape=select_autoescape())
TEMPLATES.filters.update(marked=_marked, pieces=_pieces, digest=_digest)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    language = request.state.language

    def t(text: str) -> str:
        return translate(text, language)

    def here(**changes: Any) -> str:
        """This page's address with some query parameters changed (None: removed)."""
        params = {**request.query_params, **changes}
        return request.url.path + "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

    html = TEMPLATES.get_template(template).render(
        request=request, t=t, page_name=lambda label: translate("Page {}", language).format(label),
        lang=language, here=here, month_names=MONTHS[language],
        weekday_heads=WEEKDAY_HEADS[language], with_notes=request.app.state.room.with_notes, **context)
    return HTMLResponse(html, status_code=status_code)


def _room(request: Request) -> ReadingRoom:
    return request.app.state.room


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value or default), low), high)
    except ValueError:
        return default


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise GazetteError(f"“{value}” is not a date (YYYY-MM-DD)") from None


# -- pages -------------------------------------------------------------------------------------

async def home(request: Request) -> Response:
    def read(archive: Archive) -> dict:
        browsing = archive.browsing
        return {"publications": browsing.publications(), "stats": browsing.stats(), "sections": browsing.sections()}
    return render(request, "home.html", **await _room(request).call(read))


async def publication(request: Request) -> Response:
    publication_id = request.path_params["publication_id"]

    def read(archive: Archive) -> dict:
        return {"publication": _publication(archive, publication_id),
                "years": archive.browsing.issue_years(publication_id)}
    return render(request, "publication.html", **await _room(request).call(read))


async def year(request: Request) -> Response:
    publication_id, year_number = request.path_params["publication_id"], request.path_params["year"]

    def read(archive: Archive) -> dict:
        browsing = archive.browsing
        found = _publication(archive, publication_id)
        first, last = dt.date(year_number, 1, 1), dt.date(year_number, 12, 31)
        missing = set(browsing.missing_dates(publication_id, first, last))
        months = []
        for month, count in browsing.issue_months(publication_id, year_number):
            issues = {i.date: i for i in browsing.issues_in_month(publication_id, year_number, month)}
            weeks = [[_day(day, month, issues, missing) for day in week]
                     for week in calendar.Calendar().monthdatescalendar(year_number, month)]
            months.append({"month": month, "issues": count, "weeks": weeks})
        return {"publication": found, "year": year_number, "months": months, "missing": sorted(missing)}
    return render(request, "year.html", **await _room(request).call(read))


def _publication(archive: Archive, publication_id: int) -> Publication:
    found = next((p for p in archive.browsing.publications() if p.id == publication_id), None)
    if found is None:
        raise NotFound(f"no publication with id {publication_id}")
    return found


def _day(day: dt.date, month: int, issues: dict, missing: set[dt.date]) -> dict:
    if day.month != month:
        return {"day": None}
    issue = issues.get(day.isoformat())
    return {"day": day.day, "issue": issue, "missing": day in missing}


async def issue(request: Request) -> Response:
    issue_id = request.path_params["issue_id"]

    def read(archive: Archive) -> dict:
        return {"issue": archive.browsing.issue(issue_id), "pages": archive.browsing.issue_pages(issue_id)}
    return render(request, "issue.html", **await _room(request).call(read))


async def search(request: Request) -> Response:
    params = request.query_params
    query = params.get("q", "").strip()
    if len(query) > MAX_QUERY_CHARS:
        raise GazetteError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    page_number = _int(params.get("page"), 1, 1, MAX_RESULT_PAGE)
    sort = "date" if params.get("sort") == "date" else "relevance"
    date_from, date_to = _date(params.get("from")), _date(params.get("to"))
    section = params.get("section") or None

    def read(archive: Archive) -> dict:
        context: dict = {"query": query, "sort": sort, "date_from": date_from or "", "date_to": date_to or "",
                         "section": section or "", "sections": archive.browsing.sections(), "result": None,
                         "error": None, "page_number": page_number, "per_page": RESULTS_PER_PAGE}
        if not (query or date_from or date_to or section):
            return context
        try:
            context["result"] = archive.searching.search(query, date_from=date_from, date_to=date_to, section=section,
                                               sort=sort, limit=RESULTS_PER_PAGE,
                                               offset=(page_number - 1) * RESULTS_PER_PAGE)
        except QueryError as error:
            context["error"] = str(error)
        return context
    context = await _room(request).call(read)
    result = context["result"]
    context["last_page"] = min(MAX_RESULT_PAGE, -(-result.total // RESULTS_PER_PAGE)) if result else 0
    return render(request, "search.html", **context)


async def page(request: Request) -> Response:
    page_id = request.path_params["page_id"]
    query = request.query_params.get("q", "")[:MAX_QUERY_CHARS]
    zoom = _int(request.query_params.get("zoom"), 1, 1, 3)

    def read(archive: Archive) -> dict:
        shown = archive.browsing.page(page_id)
        boxes = [box for a in shown.articles for box in marking.hit_boxes(archive.searching, a.id, query)] \
            if query and shown.image else []
        return {"page": shown, "hit_boxes": boxes, "query": query, "zoom": zoom}
    return render(request, "page.html", **await _room(request).call(read))


async def article(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    query = request.query_params.get("q", "")[:MAX_QUERY_CHARS]
    room = _room(request)

    def read(archive: Archive) -> dict:
        shown = archive.browsing.article(article_id)
        return {"article": shown, "query": query, "marked": marking.marked_reading(shown.text, query),
                "citation": citation(shown.to_json(with_annotations=False)), "downloads": DOWNLOADS,
                "annotations": shown.annotations if room.with_notes else ()}
    return render(request, "article.html", **await room.call(read))


async def download(request: Request) -> Response:
    article_id, fmt = request.path_params["article_id"], request.path_params["fmt"]
    if fmt not in DOWNLOADS:
        raise NotFound(f"no download as {fmt}")
    room = _room(request)

    def write(archive: Archive) -> bytes:
        with tempfile.TemporaryDirectory(prefix="gazette-serve-") as folder:  # outside the archive
            out = Path(folder) / f"article{WRITERS[fmt].suffix}"
            archive.exporting.export([article_id], fmt, out, with_annotations=room.with_notes)
            return out.read_bytes()
    data = await room.call(write)
    name = f"gazette-{article_id}{WRITERS[fmt].suffix}"
    return Response(data, media_type=_MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


async def picture(request: Request) -> Response:
    digest, kind = request.path_params["digest"], request.path_params["kind"]
    room = _room(request)
    headers = {"Cache-Control": "public, max-age=86400, immutable"}  # named by content hash
    if kind == "phone":
        data = room.scaled.get(digest) or await room.call(lambda archive: room.phone_picture(digest))
        return Response(data, media_type="image/jpeg", headers=headers)
    return FileResponse(room.picture_file(digest, kind), media_type="image/jpeg", headers=headers)


async def choose_language(request: Request) -> Response:
    language = request.path_params["language"]
    back = request.query_params.get("next", "/")
    if not back.startswith("/") or back.startswith("//"):
        back = "/"  # only back into this site
    response = RedirectResponse(back, status_code=303)
    if language in ("zh", "en"):
        response.set_cookie("lang", language, max_age=365 * 86400, samesite="lax")
    return response


# -- errors: always a page, never a traceback --------------------------------------------------

async def not_found(request: Request, error: Exception) -> Response:
    return render(request, "error.html", 404, title="Not found", message=str(error))


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    title = "Not found" if error.status_code == 404 else "Bad request"
    return render(request, "error.html", error.status_code, title=title, message=error.detail)


async def bad_request(request: Request, error: Exception) -> Response:
    status = 503 if isinstance(error, IndexStale) else 400
    return render(request, "error.html", status, title="Bad request", message=str(error))


async def server_error(request: Request, error: Exception) -> Response:
    log.exception("reading room: %s failed", request.url.path, exc_info=error)
    return render(request, "error.html", 500, title="Something went wrong",
                  message=translate("The error was logged; the archive is unchanged.", request.state.language))


# -- middleware ----------------------------------------------------------------------------------

class Language:
    """Sets ``request.state.language`` before anything renders (errors included)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            scope.setdefault("state", {})["language"] = language_of(
                request.headers.get("accept-language", ""), request.cookies.get("lang"))
        await self.app(scope, receive, send)


class Password:
    """HTTP Basic authentication against one Argon2 hash (any user name): a reading room that
    is not public. Use it over HTTPS (a reverse proxy) beyond a trusted network."""

    def __init__(self, app: ASGIApp, password_hash: str):
        self.app = app
        self.password_hash = password_hash
        self.hasher = PasswordHasher()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._allowed(Request(scope).headers.get("authorization", "")):
            response = Response("Password required / 需要密码", status_code=401,
                                headers={"WWW-Authenticate": 'Basic realm="Gazette", charset="UTF-8"'})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _allowed(self, header: str) -> bool:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            _, _, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
            return self.hasher.verify(self.password_hash, password)
        except (ValueError, VerificationError, InvalidHashError):
            return False


def read_password_file(path: Path) -> str:
    """The Argon2 hash in a password file (made by ``gazette serve --hash-password``)."""
    try:
        password_hash = path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise GazetteError(f"{path}: cannot read the password file ({error.strerror})") from error
    if not password_hash.startswith("$argon2"):
        raise GazetteError(f"{path}: not an Argon2 password hash; make one with `gazette serve --hash-password`")
    return password_hash


@contextlib.asynccontextmanager
async def _closing(room: ReadingRoom) -> AsyncIterator[None]:
    yield
    room.close()


def app_from_environment() -> Starlette:
    """The app for each of several server processes (``gazette serve --workers``), which start
    it by name and so get their settings from the environment ``gazette serve`` sets."""
    return create_app(os.environ["GAZETTE_SERVE_ARCHIVE"], with_notes=os.environ.get("GAZETTE_SERVE_NOTES") == "1",
                      password_hash=os.environ.get("GAZETTE_SERVE_PASSWORD_HASH") or None)


def create_app(root: Path | str, *, with_notes: bool = False, password_hash: str | None = None) -> Starlette:
    """The reading room over the archive at ``root``, opened read-only."""
    room = ReadingRoom(Path(root), with_notes=with_notes)
    static = Path(__file__).resolve().parent / "static"
    routes = [
        Route("/", home),
        Route("/publication/{publication_id:int}", publication),
        Route("/publication/{publication_id:int}/{year:int}", year),
        Route("/issue/{issue_id:int}", issue),
        Route("/search", search),
        Route("/page/{page_id:int}", page),
        Route("/article/{article_id:int}", article),
        Route("/article/{article_id:int}/download/{fmt:str}", download),
        Route("/picture/{digest:str}/{kind:str}", picture),
        Route("/language/{language:str}", choose_language),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={
        NotFound: not_found, HTTPException: http_error, GazetteError: bad_request, Exception: server_error},
        lifespan=lambda app: _closing(room))
    app.state.room = room
    app.add_middleware(Language)
    if password_hash:
        app.add_middleware(Password, password_hash=password_hash)
    return app
