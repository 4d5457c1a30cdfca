"""A page picture on the page view, read no larger than the screen needs.

Scans run to 9,000 px and more; decoded whole they would take hundreds of MB. The whole page
is shown from a screen-size image (the archive's preview, or the original read scaled with
``QImageReader.setScaledSize``). Zoomed in past that image's resolution, the visible part
(with a margin) is read again at the resolution the screen shows, at most full size, with
``setScaledClipRect``; so memory stays bounded by the window, not by the scan.

Scene coordinates are the original picture's pixels, which is what article regions use.
Reading happens on the reader thread; only the QPixmap is made on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from viewer.errors import InputError
from viewer.gui.qt import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QImage,
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


@dataclass(frozen=True)
class Picture:
    path: Path  # the original
    width: int
    height: int
    preview: Path | None = None  # a screen-size copy made at import, when there is one


def read_image(path: Path, *, longest: int | None = None, clip: QRect | None = None,
               scale: float = 1.0) -> QImage:
    """Read ``path`` scaled so its long side is at most ``longest``; or only ``clip`` (in the
    picture's own pixels) at ``scale``. Raises InputError naming the file."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid():
        raise InputError(f"{path}: {reader.errorString()}")
    if clip is not None:
        reader.setScaledSize(QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))))
        reader.setScaledClipRect(QRect(round(clip.x() * scale), round(clip.y() * scale),
                                       max(1, round(clip.width() * scale)), max(1, round(clip.height() * scale))))
    elif longest is not None and max(size.width(), size.height()) > longest:
        reader.setScaledSize(size.scaled(longest, longest, Qt.AspectRatioMode.KeepAspectRatio))
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
        self._active = True  # False once the view shows another page; late results are dropped
        source = picture.preview or picture.path
        task = runner.read(lambda work: read_image(source, longest=SCREEN_SIZE), "read page picture")
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
        scale = min(1.0, zoom)
        if self.sharp_item is not None and self._sharp_rect.contains(visible.intersected(self.rect())) \
                and self._sharp_scale >= scale * 0.9:
            return
        dx, dy = visible.width() * MARGIN, visible.height() * MARGIN
        wanted = visible.adjusted(-dx, -dy, dx, dy).intersected(self.rect()).toAlignedRect()
        if wanted.isEmpty() or self._wanted == (wanted, scale):
            return
        self._wanted = (wanted, scale)
        if self._request is not None:
            self._request.cancel()
        path = self.picture.path
        self._request = self.runner.read(
            lambda work: (read_image(path, clip=wanted, scale=scale), wanted, scale), "sharpen picture")
        self._request.finished.connect(self._show_sharp)
        self._request.failed.connect(self.failed)

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

    def _drop_sharp(self) -> None:
        self._remove_sharp_item()
        self._sharp_rect, self._sharp_scale, self._wanted = QRectF(), 0.0, None

    def _remove_sharp_item(self) -> None:
        if self.sharp_item is not None:
            self.scene.removeItem(self.sharp_item)
            self.sharp_item = None
