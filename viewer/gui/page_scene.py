"""What the page view draws: a page's picture with its article regions, or, for a page with no
picture, its text laid out plainly on a sheet, one block per article.

Either way each article's items carry its id under :data:`ARTICLE_KEY`, so a click on the page
can open the article, and opening an article can outline where it is.
"""

from __future__ import annotations

from html import escape

from viewer.gui import article_html, style
from viewer.gui.qt import (
    QBrush,
    QColor,
    QFont,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsTextItem,
    QPen,
    QRectF,
    Qt,
    translate,
)
from viewer.model import PageArticle, PageView

ARTICLE_KEY = 0  # QGraphicsItem.data key holding the article id
SHEET_WIDTH = 860.0  # scene units (≈ px at 100 %) of the sheet a text-only page is set on
MARGIN = 40.0
GAP = 28.0


def add_regions(scene: QGraphicsScene, page: PageView) -> dict[int, list[QGraphicsItem]]:
    """Faint boxes over the picture where each article is (when known), by article id."""
    items: dict[int, list[QGraphicsItem]] = {}
    for article in page.articles:
        for x, y, w, h in article.region or ():
            box = QGraphicsRectItem(QRectF(x, y, w, h))
            box.setPen(QPen(Qt.PenStyle.NoPen))
            box.setBrush(QBrush(style.REGION_FILL))
            box.setData(ARTICLE_KEY, article.id)
            box.setToolTip(article.title)
            box.setZValue(2)
            scene.addItem(box)
            items.setdefault(article.id, []).append(box)
    return items


def add_text_sheet(scene: QGraphicsScene, page: PageView) -> dict[int, list[QGraphicsItem]]:
    """The page's text on a sheet: a notice that there is no scan, the masthead, the editors,
    then each article and the text that belongs to none. Returns the blocks by article id."""
    width = SHEET_WIDTH - 2 * MARGIN
    y = MARGIN
    sheet = scene.addRect(QRectF(0, 0, SHEET_WIDTH, 1), QPen(QColor("#c8c2b4")), QBrush(style.PAPER_COLOR))
    sheet.setZValue(-1)

    notice = _text(translate("PageView", "No scan of this page: its text is shown as extracted."), width)
    notice.setDefaultTextColor(QColor("#8a6d3b"))
    y = _place(scene, notice, y) + GAP / 2

    masthead = " 　".join(x for x in (
        translate("PageView", "Page {label}").format(label=page.label), page.section,
        f"{page.date} {page.weekday}".strip(), page.publication) if x)
    y = _place(scene, _text(f"<b>{escape(masthead)}</b>", width, html=True), y)
    if page.credits:
        editors = "　".join(f"{role}: {' '.join(names)}" for role, names in page.credits.items())
        line = _text(editors, width)
        line.setDefaultTextColor(QColor("#555555"))
        y = _place(scene, line, y)
    y += GAP / 2
    scene.addLine(MARGIN, y, SHEET_WIDTH - MARGIN, y, QPen(QColor("#333333"), 2))
    y += GAP

    blocks: dict[int, list[QGraphicsItem]] = {}
    for article in page.articles:
        block = _text(article_block_html(article), width, html=True)
        block.setData(ARTICLE_KEY, article.id)
        block.setCursor(Qt.CursorShape.PointingHandCursor)
        y = _place(scene, block, y) + GAP
        blocks[article.id] = [block]
    if page.unassigned:
        rest = _text("\n".join(page.unassigned), width)
        rest.setDefaultTextColor(QColor("#777777"))
        y = _place(scene, rest, y) + GAP
    sheet.setRect(QRectF(0, 0, SHEET_WIDTH, y + MARGIN - GAP))
    return blocks


def add_hit_marks(scene: QGraphicsScene, boxes: list[tuple[int, int, int, int]]) -> list[QGraphicsItem]:
    marks = []
    for x, y, w, h in boxes:
        mark = scene.addRect(QRectF(x, y, w, h), QPen(style.HIT_OUTLINE, 1), QBrush(style.HIT_FILL))
        mark.setZValue(4)
        marks.append(mark)
    return marks


def outline(scene: QGraphicsScene, items: list[QGraphicsItem]) -> QGraphicsRectItem | None:
    """A box around ``items`` (an article's blocks or regions); None when there are none."""
    if not items:
        return None
    rect = items[0].sceneBoundingRect()
    for item in items[1:]:
        rect = rect.united(item.sceneBoundingRect())
    box = scene.addRect(rect.adjusted(-6, -6, 6, 6), QPen(style.HIT_OUTLINE, 3), QBrush(Qt.BrushStyle.NoBrush))
    box.setZValue(3)
    return box


def article_block_html(article: PageArticle, spans: list[tuple[int, int]] = ()) -> str:
    """An article on the sheet; ``spans`` (as search gives them) are marked."""
    text = article.text
    parts = article_html.marked_parts(text, spans)
    html = []
    if text.kicker:
        html.append(f'<p style="color:#6b5a2e">{parts[article_html.KICKER]}</p>')
    if text.title:
        html.append(f'<p style="font-size:x-large; font-weight:bold">{parts[article_html.TITLE]}</p>')
    if text.subtitle:
        html.append(f'<p style="font-size:large">{parts[article_html.SUBTITLE]}</p>')
    if text.credits:
        html.append(f'<p style="color:#555">{parts[article_html.BYLINE]}</p>')
    html += [f"<p>　　{paragraph}</p>" for paragraph in parts[article_html.FIRST_PARAGRAPH:]]
    return "".join(html)


def _text(text: str, width: float, *, html: bool = False) -> QGraphicsTextItem:
    item = QGraphicsTextItem()
    font = QFont(item.font())
    font.setPointSize(11)
    item.setFont(font)
    if html:
        item.setHtml(text)
    else:
        item.setPlainText(text)
    item.setTextWidth(width)
    return item


def _place(scene: QGraphicsScene, item: QGraphicsTextItem, y: float) -> float:
    """Put ``item`` on the sheet at ``y``; return where the next item goes."""
    item.setPos(MARGIN, y)
    scene.addItem(item)
    return y + item.boundingRect().height()
