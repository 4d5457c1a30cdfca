"""Page pictures in the archive's ``pages/`` folder, stored once by content hash.

For each picture: the original bytes (``ab/abcd….jpg``), a screen-size preview and a
thumbnail (``ab/abcd….preview.jpg``, ``….thumb.jpg``), made at import in the caller's
thread (the import worker). Paths in SQLite are relative to ``pages/``.

Pillow guards against decompression bombs: a picture of more than MAX_PIXELS is refused
with a message naming the file, and each page of a multi-page TIFF is measured before it is
decoded, against the limits of :mod:`viewer.limits`; below them, previews are made from a reduced decode
(JPEG's DCT scaling via ``draft``) so a 9000 × 13000 scan never has to be held at full size.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from viewer.errors import InputError
from viewer.limits import MAX_FILE_PIXELS, MAX_PIXELS, Deadline, check_page_count
from viewer.model import PageImage

PREVIEW_SIZE = 2400  # px, long side: sharp on a screen at fit-page and fit-width
THUMBNAIL_SIZE = 240  # px, long side
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow raises DecompressionBombError beyond twice this


def open_picture(data: bytes, source: str) -> Image.Image:
    """The picture in ``data``, checked (not decoded yet); InputError names the file."""
    limit = f"the {MAX_PIXELS // 1_000_000} million pixels a page picture may have"
    try:
        with warnings.catch_warnings():  # the limit is checked below, with the file's name
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:  # Pillow's own check, at twice MAX_PIXELS
        raise InputError(f"{source}: the picture is larger than {limit} ({_reason(error)})") from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise InputError(f"{source}: not a picture Gazette can read ({_reason(error)})") from error
    width, height = picture.size
    if width * height > MAX_PIXELS:
        raise InputError(f"{source}: {width} × {height} pixels is more than {limit}")
    return picture


def picture_pages(data: bytes, source: str, deadline: Deadline | None = None) -> list[bytes]:
    """Each page of a picture file as an encoded picture: the file's own bytes when it has one
    page, one PNG per page of a multi-page TIFF. The page count, each page's pixels (before it
    is decoded), the pixels of all pages together and the time taken are bounded."""
    picture = open_picture(data, source)
    try:
        frames = getattr(picture, "n_frames", 1)
    except (OSError, ValueError, Image.DecompressionBombError) as error:  # a broken chain of pages
        raise InputError(f"{source}: the pages of the picture cannot be read ({_reason(error)})") from error
    if frames == 1:
        return [data]
    check_page_count(frames, source)
    deadline = deadline or Deadline(source)
    pages, pixels = [], 0
    for number in range(1, frames + 1):
        try:
            with warnings.catch_warnings():  # the size is checked below, with the page number
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                picture.seek(number - 1)  # reads the page's header, not its pixels
        except Image.DecompressionBombError as error:
            raise InputError(f"{source}: page {number} of the picture is larger than the "
                             f"{MAX_PIXELS // 1_000_000} million pixels a page picture may have") from error
        except (OSError, ValueError, EOFError) as error:
            raise InputError(f"{source}: page {number} of the picture cannot be read ({_reason(error)})") from error
        width, height = picture.size
        if width * height > MAX_PIXELS:
            raise InputError(f"{source}: page {number} of the picture, {width} × {height} pixels, is more "
                             f"than the {MAX_PIXELS // 1_000_000} million pixels a page picture may have")
        pixels += width * height
        if pixels > MAX_FILE_PIXELS:
            raise InputError(f"{source}: its first {number} pages hold more than the "
                             f"{MAX_FILE_PIXELS // 1_000_000} million pixels one file may have")
        try:
            buffer = io.BytesIO()
            picture.save(buffer, "PNG", compress_level=1)  # the page just sought; a fast PNG: it is re-read at once
            pages.append(buffer.getvalue())
        except (OSError, ValueError) as error:
            raise InputError(f"{source}: page {number} of the picture cannot be read ({_reason(error)})") from error
        deadline.check(f"page {number} of {frames}")
    return pages


def store_picture(pages_dir: Path, data: bytes, source: str) -> PageImage:
    """Store ``data`` (an encoded picture) with its preview and thumbnail; decode errors and
    truncated files raise InputError before anything is written."""
    picture = open_picture(data, source)
    size = picture.size  # before reducing: ``draft`` and ``thumbnail`` shrink the picture in place
    digest = hashlib.sha256(data).hexdigest()
    suffix = {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif", "GIF": ".gif", "BMP": ".bmp",
              "WEBP": ".webp", "JPEG2000": ".jp2"}.get(picture.format or "", ".img")
    name = f"{digest[:2]}/{digest}"
    preview = reduced(picture, PREVIEW_SIZE, source)
    thumbnail = preview.copy()
    thumbnail.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
    folder = pages_dir / digest[:2]
    folder.mkdir(parents=True, exist_ok=True)
    _write_once(pages_dir / f"{name}{suffix}", data)
    _write_once(pages_dir / f"{name}.preview.jpg", _jpeg(preview))
    _write_once(pages_dir / f"{name}.thumb.jpg", _jpeg(thumbnail))
    return PageImage(f"{name}{suffix}", f"{name}.preview.jpg", f"{name}.thumb.jpg", *size)


def reduced(picture: Image.Image, size: int, source: str) -> Image.Image:
    """The picture decoded at about ``size`` px on its long side, never at full size when
    the format can decode reduced (JPEG)."""
    try:
        picture.draft("RGB", (size, size))  # JPEG: decode at 1/2, 1/4 or 1/8 scale
        picture.load()
        grey = picture.mode in ("1", "L", "I", "I;16", "F")  # a bilevel or grey scan stays grey: a third the memory
        reduced = picture if picture.mode in ("RGB", "L") else picture.convert("L" if grey else "RGB")
        reduced.thumbnail((size, size), Image.Resampling.LANCZOS)
        return reduced
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise InputError(f"{source}: the picture is damaged or truncated ({_reason(error)})") from error


def _jpeg(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def _write_once(path: Path, data: bytes) -> None:
    """Content-addressed: a file already there holds the same bytes. Written under a temporary
    name and renamed, so a crash never leaves half a picture under its real name."""
    if path.exists():
        return
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


def _reason(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
