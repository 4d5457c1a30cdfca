"""Help → Search Syntax: the query language of :mod:`viewer.search.query`, by example.

Each example is a link: clicking it puts it in the search field. The examples are checked
against the query parser by the tests, so the help cannot drift from what search reads.
"""

from __future__ import annotations

from html import escape

from viewer.gui.qt import QDialog, QDialogButtonBox, QEvent, QTextBrowser, QUrl, QVBoxLayout, QWidget, Signal


class SearchHelpDialog(QDialog):
    example_chosen = Signal(str)  # a query to search for

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchHelp")
        self.resize(720, 640)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.retranslate()

    def examples(self) -> list[tuple[list[str], str]]:
        """(queries, what they find), in the order shown."""
        return [
            (["交城"], self.tr("Articles whose text contains these characters, anywhere (also inside a longer word).")),
            (["交城 改革", "交城 AND 改革"], self.tr("Both: terms separated by spaces must all be there.")),
            (["交城 OR 文水"], self.tr("Either of them.")),
            (["交城 NOT 文水", "交城 -文水"], self.tr("The first without the second.")),
            (['"民生 提质"'], self.tr("Quoted text is one term (straight quotes; spaces in it are ignored, "
                                      "as in printed Chinese).")),
            (["(交城 OR 文水) 改革"], self.tr("Parentheses group terms.")),
            (["title:改革", "title：改革"], self.tr("In the title only (a half- or full-width colon).")),
            (["section:要闻", "publication:交城"], self.tr("The section's or the newspaper's name contains it.")),
            (["page:8", "page:A8", "page:[1 TO 4]"], self.tr("On that page, or a range of pages.")),
            (["date:2025", "date:2025-04", "date:2025-04-03"], self.tr("In that year, month or day.")),
            (["date:[2025-01-01 TO 2025-06-30]", "date:[2025-03-01 TO *]"],
             self.tr("Between two dates, both included; * leaves an end open.")),
            (["author:冀美丽"], self.tr("Written by someone whose name contains it (文, 记者, 通讯员 …).")),
            (["photographer:王"], self.tr("Photographed by (图, 摄影 …).")),
            (["editor:李"], self.tr("Edited by, in any page role (责编, 组版, 校对 …).")),
            (["person:王"], self.tr("Anyone credited, in any role.")),
            (["责编:王耀", "组版:李晓玲"], self.tr("A role by its own word.")),
            (["note:待核实"], self.tr("Editors' notes, highlight comments or highlighted passages contain it.")),
            (["tag:专题"], self.tr("Tagged exactly so.")),
            (["collection:春季专题"], self.tr("In the collection of that name.")),
            (["annotator:张"], self.tr("Noted, highlighted, tagged or corrected by someone whose name contains it.")),
            (["has:notes"], self.tr("With any note or highlight.")),
        ]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Search Syntax"))
        rows, self.queries = [], []
        for queries, meaning in self.examples():
            links = []
            for query in queries:
                links.append(f'<a href="example:{len(self.queries)}"><code>{escape(query)}</code></a>')
                self.queries.append(query)
            links = "<br/>".join(links)
            rows.append(f'<tr><td style="padding:4px 12px 4px 0; white-space:nowrap">{links}</td>'
                        f'<td style="padding:4px 0">{escape(meaning)}</td></tr>')
        intro = self.tr("Search finds every article whose text holds what you type, with any filters set "
                        "in the search panel. Click an example to search for it.")
        tail = self.tr("Filters (dates, section, person) and the facets narrow any of these searches.")
        self.text.setHtml(f"<p>{escape(intro)}</p><table>{''.join(rows)}</table><p>{escape(tail)}</p>")

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "example" and url.path().isdigit() and int(url.path()) < len(self.queries):
            self.example_chosen.emit(self.queries[int(url.path())])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
