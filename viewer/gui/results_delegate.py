"""How one search result is drawn: title, then date · page · section, then the snippet with
its hits marked. Every row has the same height, so long result lists scroll smoothly."""

from __future__ import annotations

from html import escape

from viewer.gui.qt import (
    QAbstractTextDocumentLayout,
    QApplication,
    QModelIndex,
    QPainter,
    QPalette,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextDocument,
    translate,
)
from viewer.gui.results_model import HitRole
from viewer.gui.style import HIT_STYLE
from viewer.search import MARK_CLOSE, MARK_OPEN

SNIPPET_LINES = 2
PADDING = 6


def result_html(hit, text_color: str, muted_color: str) -> str:
    title = escape(hit.title or translate("SearchResults", "(untitled)"))
    shown_page = hit.page_label or (hit.page if hit.page is not None else "?")
    page = translate("SearchResults", "page {page}").format(page=shown_page)
    meta = " · ".join(x for x in (hit.date, page, hit.section) if x)
    snippet = escape(hit.snippet).replace(escape(MARK_OPEN), f'<span style="{HIT_STYLE}">') \
        .replace(escape(MARK_CLOSE), "</span>")
    return (f'<div style="color:{text_color}"><b>{title}</b></div>'
            f'<div style="color:{muted_color}">{escape(meta)}</div>'
            f'<div style="color:{text_color}">{snippet}</div>')


class ResultDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is None:
            return super().paint(painter, option, index)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = option.palette.color(group).name()
        muted = text_color if selected else option.palette.color(QPalette.ColorRole.PlaceholderText).name()
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(result_html(hit, text_color, muted))
        document.setTextWidth(option.rect.width() - 2 * PADDING)
        painter.save()
        painter.translate(option.rect.left() + PADDING, option.rect.top() + PADDING)
        painter.setClipRect(0, 0, option.rect.width() - 2 * PADDING, option.rect.height() - 2 * PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = option.palette
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        lines = 2 + SNIPPET_LINES
        return QSize(200, option.fontMetrics.lineSpacing() * lines + 2 * PADDING + 2)
