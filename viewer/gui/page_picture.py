"""A page picture on the page view, read no larger than the screen needs.

Scans run to 9,000 px and more; decoded whole they would take hundreds of MB. The whole page
is shown from a screen-size image (the archive's preview, or the original read reduced).
Zoomed in past that image's resolution, the visible part (with a margin) is read again, at
the first of 1/8, 1/4, 1/2 or full size that is at least as sharp as the screen shows it.

Those are the reductions a JPEG decodes to directly (libjpeg's DCT scaling), so Qt reads a
part of a JPEG at them without decoding the rest at full size. (Asked for any other size, Qt
decodes the whole picture at full size and scales all of it, in 32 bits a pixel: over 700 MB
for a 9000 × 13000 scan.) Other formats (PNG, TIFF) cannot be read in parts: Pillow decodes
them whole in their own pixel format (117 MB for a greyscale 9000 × 13000), then the part is
cut out and reduced by 2, 4 or 8. Pillow rather than Qt, because Pillow lets go of Python's
lock while it decodes and reduces, where ``QImage.scaled`` holds it, and with it the GUI
thread, for some 100 ms. (Pillow holds it only to allocate the decoded picture: 30–40 ms.)

Scene coordinates are the original picture's pixels, which is what article regions use.
Reading happens on the reader thread; only the QPixmap is made on the GUI thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from viewer.errors import InputError
from viewer.gui.qt import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QImage,
    QImageIOHandler,
    QImageReader,
    QObject,
    QPixmap,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from viewer.gui.tasks import TaskRunner

SCREEN_SIZE = 2400  # px, long side of the whole-page image
SHARPER_AT = 1.25  # read a sharper part once the screen enlarges the page image this much
MARGIN = 0.25  # of the visible width and height, read around it so a small pan needs nothing new
READ_SCALES = (1 / 8, 1 / 4, 1 / 2, 1.0)  # what a JPEG decodes directly


@dataclass(frozen=True)
class Picture:
    path: Path  # the original
    width: int
    height: int
    preview: Path | None = None  # a screen-size copy made at import, when there is one


def read_scale(zoom: float) -> float:
    """The reduction to read a part at for ``zoom`` screen pixels per picture pixel."""
    return next((scale for scale in READ_SCALES if scale >= zoom), 1.0)


def read_whole(path: Path, longest: int) -> QImage:
    """The picture at ``path`` with its long side at most ``longest``. Raises InputError."""
    reader = _reader(path)
    size = reader.size()
    if max(size.width(), size.height()) <= longest:
        return _read(reader, path)
    if _decodes_reduced(reader):
        reader.setScaledSize(size.scaled(longest, longest, Qt.AspectRatioMode.KeepAspectRatio))
        return _read(reader, path)
    with _pillow_picture(path) as picture:  # closing it frees the decoded picture too
        try:
            whole = _displayable(picture)
            whole.thumbnail((longest, longest))
        except (OSError, ValueError) as error:
            raise InputError(f"{path}: the picture is damaged or truncated ({error})") from error
        return _qimage(whole)


def part_to_read(rect: QRect, scale: float, picture: QRect) -> QRect:
    """``rect`` widened to whole pixels of the picture read at ``scale`` (so the part lies
    exactly where it belongs), within the ``picture``."""
    step = round(1 / scale)
    left, top = rect.left() // step * step, rect.top() // step * step
    return QRect(left, top, math.ceil((rect.right() + 1 - left) / step) * step,
                 math.ceil((rect.bottom() + 1 - top) / step) * step).intersected(picture)


def read_part(path: Path, part: QRect, scale: float) -> QImage:
    """``part`` of the picture at ``path`` (in its pixels, from :func:`part_to_read`) at
    ``scale`` (one of READ_SCALES). Raises InputError."""
    reader = _reader(path)
    if _decodes_reduced(reader):
        size = reader.size()
        reader.setScaledSize(QSize(math.ceil(size.width() * scale), math.ceil(size.height() * scale)))
        reader.setScaledClipRect(QRect(round(part.x() * scale), round(part.y() * scale),
                                       round(part.width() * scale), round(part.height() * scale)))
        return _read(reader, path)
    with _pillow_picture(path) as picture:
        try:
            cut = _displayable(picture.crop((part.x(), part.y(), part.right() + 1, part.bottom() + 1)))
        except (OSError, ValueError) as error:
            raise InputError(f"{path}: the picture is damaged or truncated ({error})") from error
    return _qimage(cut.reduce(round(1 / scale)) if scale < 1 else cut)


def _reader(path: Path) -> QImageReader:
    reader = QImageReader(str(path))
    reader.setAutoTransform(False)  # as stored: the preview and the regions ignore EXIF rotation too
    if not reader.size().isValid():
        raise InputError(f"{path}: {reader.errorString()}")
    return reader


def _pillow_picture(path: Path) -> Image.Image:
    try:
        return Image.open(path)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise InputError(f"{path}: not a picture Gazette can read ({error})") from error


def _displayable(picture: Image.Image) -> Image.Image:
    """``picture`` in greyscale or RGB (decoded, when it was not yet)."""
    if picture.mode in ("L", "RGB"):
        picture.load()
        return picture
    return picture.convert("L" if picture.mode in ("1", "LA", "I;16") else "RGB")


def _qimage(picture: Image.Image) -> QImage:
    """A Pillow picture (mode L or RGB) as a QImage of its own."""
    grey = picture.mode == "L"
    image = QImage(picture.tobytes(), picture.width, picture.height, picture.width * (1 if grey else 3),
                   QImage.Format.Format_Grayscale8 if grey else QImage.Format.Format_RGB888)
    return image.copy()  # the bytes above go when this function returns


def _decodes_reduced(reader: QImageReader) -> bool:
    """Whether the format decodes straight to a reduced size (JPEG does, by 1/2, 1/4, 1/8)."""
    return reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize)


def _read(reader: QImageReader, path: Path) -> QImage:
    image = reader.read()
    if image.isNull():
        raise InputError(f"{path}: {reader.errorString()}")
    return image


class PictureLayer(QObject):
    """The picture's items on ``scene``: the whole page, and a sharper part when zoomed in."""

    shown = Signal()  # the whole-page image is on the scene
    sharpened = Signal()  # a sharper part is on the scene
    failed = Signal(object)

    def __init__(self, scene: QGraphicsScene, runner: TaskRunner, picture: Picture):
        super().__init__()
        self.scene = scene
        self.runner = runner
        self.picture = picture
        self.page_item: QGraphicsPixmapItem | None = None
        self.sharp_item: QGraphicsPixmapItem | None = None
        self._sharp_rect = QRectF()
        self._sharp_scale = 0.0
        self._wanted: tuple[QRect, float] | None = None
        self._request = None
        self._unreadable = False  # a sharper read failed: the original is missing or damaged
        self._active = True  # False once the view shows another page; late results are dropped
        source = picture.preview or picture.path
        task = runner.read(lambda work: read_whole(source, SCREEN_SIZE), "read page picture")
        task.finished.connect(self._show_page)
        task.failed.connect(self.failed)

    def discard(self) -> None:
        """Stop: the view shows another page (its scene items go with the scene)."""
        self._active = False
        if self._request is not None:
            self._request.cancel()
        self.deleteLater()

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.picture.width, self.picture.height)

    def page_scale(self) -> float:
        """Pixels of the whole-page image per picture pixel (1.0 when read at full size)."""
        if self.page_item is None:
            return 1.0
        return self.page_item.pixmap().width() / self.picture.width

    def update_for(self, visible: QRectF, zoom: float) -> None:
        """Called when the view scrolls or zooms: ``visible`` in scene coordinates, ``zoom`` the
        screen pixels per picture pixel."""
        if not self._active:
            return
        if self.page_item is None or zoom <= self.page_scale() * SHARPER_AT:
            self._drop_sharp()
            return
        scale = read_scale(zoom)
        if self.sharp_item is not None and self._sharp_rect.contains(visible.intersected(self.rect())) \
                and self._sharp_scale >= scale:
            return
        dx, dy = visible.width() * MARGIN, visible.height() * MARGIN
        wanted = part_to_read(visible.adjusted(-dx, -dy, dx, dy).toAlignedRect(), scale, self.rect().toRect())
        if wanted.isEmpty() or self._wanted == (wanted, scale) or self._unreadable:
            return
        self._wanted = (wanted, scale)
        if self._request is not None:
            self._request.cancel()
        path = self.picture.path
        self._request = self.runner.read(
            lambda work: (read_part(path, wanted, scale), wanted, scale), "sharpen picture")
        self._request.finished.connect(self._show_sharp)
        self._request.failed.connect(self._sharpening_failed)

    def _show_page(self, image: QImage) -> None:
        if not self._active:
            return
        self.page_item = self.scene.addPixmap(QPixmap.fromImage(image))
        self.page_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.page_item.setScale(self.picture.width / image.width())
        self.page_item.setZValue(0)
        self.shown.emit()

    def _show_sharp(self, result: tuple[QImage, QRect, float]) -> None:
        image, rect, scale = result
        if not self._active or self._wanted != (rect, scale):
            return  # the view has moved on since this was asked for
        self._remove_sharp_item()
        self.sharp_item = self.scene.addPixmap(QPixmap.fromImage(image))
        self.sharp_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.sharp_item.setPos(rect.topLeft())
        self.sharp_item.setScale(1 / scale)
        self.sharp_item.setZValue(1)
        self._sharp_rect, self._sharp_scale = QRectF(rect), scale
        self.sharpened.emit()

    def _sharpening_failed(self, error: BaseException) -> None:
        """Said once: the page stays readable from its whole-page image."""
        if self._active and not self._unreadable:
            self._unreadable = True
            self.failed.emit(error)

    def _drop_sharp(self) -> None:
        self._remove_sharp_item()
        self._sharp_rect, self._sharp_scale, self._wanted = QRectF(), 0.0, None

    def _remove_sharp_item(self) -> None:
        if self.sharp_item is not None:
            self.scene.removeItem(self.sharp_item)
            self.sharp_item = None
