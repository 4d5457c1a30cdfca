"""Colours, fonts and sizes shared by the widgets."""

from __future__ import annotations

from viewer.gui.qt import QApplication, QColor, QEvent, QFont, QLayout, QObject, QWidget

# Han glyphs differ between Chinese and Japanese fonts; asking for these families in order
# keeps Qt from falling back to a Japanese face for Chinese text.
CJK_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
                "PingFang SC"]

HIT_BACKGROUND = "#ffd54f"  # search hits in the article and in snippets
HIT_STYLE = f"background-color:{HIT_BACKGROUND}; color:#000000"  # dark on yellow, even in a selected row
# Characters OCR was unsure of: red and underlined, for an editor to check against the picture
UNSURE_STYLE = "color:#b3261e; text-decoration:underline"
# An editor's highlight colours, by the names the archive keeps (light enough that search hits
# stand out on them); a name the CLI was given that is not here is used as a CSS colour.
HIGHLIGHT_COLOURS = {"yellow": "#fff59d", "green": "#c5e1a5", "blue": "#b3e5fc", "pink": "#f8bbd0",
                     "orange": "#ffcc80"}
HIT_OUTLINE = QColor("#e65100")  # the open article's block or region on the page
REGION_FILL = QColor(255, 193, 7, 40)
HIT_FILL = QColor(255, 213, 79, 110)  # search hits marked on a page picture
WARNING_COLOR = QColor("#b23c17")  # issues with missing pages, missing dates
ISSUE_DATE_COLOR = QColor("#1565c0")
PAPER_COLOR = QColor("#fffdf7")
DESK_COLOR = QColor("#6d6d6d")


def apply_cjk_font(app: QApplication) -> None:
    font = QFont(app.font())
    font.setFamilies([*CJK_FAMILIES, app.font().family()])
    app.setFont(font)


def fit_title(dialog: QWidget) -> None:
    """Keep ``dialog`` wide enough for its title to show whole in its title bar (a small input
    dialog is otherwise only as wide as its field, and the title is cut off): the title's width
    in the dialog's font, a quarter more for a bolder title-bar font, and room for the bar's
    icon and buttons. Checked again when it is shown and whenever its title changes."""
    dialog.installEventFilter(_TitleFit(dialog))
    _fit_title(dialog)


class _TitleFit(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.WindowTitleChange) and isinstance(watched, QWidget):
            _fit_title(watched)
        return False


def _fit_title(dialog: QWidget) -> None:
    metrics = dialog.fontMetrics()
    needed = int(metrics.horizontalAdvance(dialog.windowTitle()) * 1.25) + 10 * metrics.height()
    layout = dialog.layout()  # (QInputDialog makes its own when first shown)
    if layout is not None and layout.sizeConstraint() != QLayout.SizeConstraint.SetDefaultConstraint:
        # A layout that sizes the dialog itself (QInputDialog's) would undo the minimum set here.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)
    if dialog.minimumWidth() < needed:
        dialog.setMinimumWidth(needed)


def highlight_colour(name: str | None) -> str:
    """The background a highlight of colour ``name`` is shown with."""
    if name in HIGHLIGHT_COLOURS:
        return HIGHLIGHT_COLOURS[name]
    return QColor(name).name() if name and QColor.isValidColorName(name) else HIGHLIGHT_COLOURS["yellow"]
