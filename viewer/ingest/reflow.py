"""Join hard-wrapped body lines into paragraphs.

A PDF text extractor gives one line per printed line. A paragraph's first line lost its
two-character indent, so it is about two characters short of its column; its last line is
short wherever the text ran out. Blank lines fall in odd places and prove nothing. Columns
change width within a page, so the width is estimated per run of lines, not per page.

A new paragraph starts before a line when
  - the line before it is short of what it had room for (the column, or the column less the
    indent when it was itself a first line): a last line; or, when it ends no sentence and is
    much shorter, a heading or a caption; or
  - the line before it ends a sentence and filled its line, and this line is about two
    characters short (its indent) and runs on.
Where the layout cannot tell (a one-line paragraph that fills its line), the likelier reading
wins: the paragraph goes on.
"""

from __future__ import annotations

from collections import Counter

from viewer.ingest.textutil import CLOSERS, SENTENCE_END, display_width, ends_sentence, join_lines

RUN_CHANGE = 1.2  # a new column run starts where the local line width changes by this factor
RUN_LOOK = 6  # lines looked at on either side of a possible run change
WINDOW = 6  # lines either side used to estimate a line's column width
INDENT = 2.0  # the dropped indent of a paragraph's first line, in em
INDENT_TOLERANCE = 1.5  # how far from INDENT a first line may be (punctuation compression, digits)
SHORT = 2.5  # em short of the expected width that make a line "short"
FULL = 3.0  # em; lines this close to the widest nearby count towards the column width
NARROW_SHORT = 0.35  # share of a narrow column's width that makes a line short
CLAUSE_END = SENTENCE_END + "、，；：”」』"
CAPTION_OPENING = ("图为", "图片为", "上图", "下图", "左图", "右图")


def reflow(lines: list[str], indented: list[bool] | None = None, apart: list[bool] | None = None) -> list[str]:
    """Paragraphs from cleaned, non-blank lines (in reading order). ``indented`` marks lines
    known to be indented (a text file's leading ideographic spaces, a PDF line's position):
    those always start a paragraph. ``apart`` marks lines printed with a blank line above and
    below (pdftotext sets a line in another font, a bold sub-heading, as a block of its own):
    such a line may be a sub-heading up to nearly its column's width."""
    if not lines:
        return []
    widths = [display_width(line) for line in lines]
    columns = column_widths(widths, lines)
    paragraphs: list[list[str]] = [[lines[0]]]
    first_line = True
    for i in range(1, len(lines)):
        if (indented and indented[i]) or starts_paragraph(widths, columns, i, lines, prev_is_first=first_line,
                                                          apart=apart):
            paragraphs.append([])
            first_line = True
        else:
            first_line = False
        paragraphs[-1].append(lines[i])
    return [join_lines(p) for p in paragraphs]


def starts_paragraph(widths: list[float], columns: list[float], i: int, lines: list[str], *,
                     prev_is_first: bool, apart: list[bool] | None = None) -> bool:
    prev_width, prev_column, prev_line, line = widths[i - 1], columns[i - 1], lines[i - 1], lines[i]
    expected = prev_column - (INDENT if prev_is_first else 0.0)
    # In a narrow column a few characters are already a large share of the line.
    shortfall = min(SHORT if ends_sentence(prev_line) else 2 * SHORT, NARROW_SHORT * expected)
    if prev_width < expected - shortfall:
        return True  # the line before ran out: a last line, or (much shorter) a heading, a caption
    if _is_subheading(lines, widths, columns, i, apart) or (i >= 2 and _is_subheading(lines, widths, columns, i - 1, apart)):
        return True
    if line.startswith(CAPTION_OPENING) and prev_line[-1] in CLAUSE_END:
        return True  # a photo caption under its picture
    if prev_is_first or not ends_sentence(prev_line):
        return False  # a full paragraph of one line is rarer than a first line that ends a sentence
    # A line of indent width that itself ends a sentence is more often the last line of its
    # paragraph than a paragraph of one line: the layout cannot tell, so take the likelier.
    return (abs(columns[i] - INDENT - widths[i]) <= INDENT_TOLERANCE and widths[i] <= columns[i] - 1
            and not ends_sentence(line))


def _is_subheading(lines: list[str], widths: list[float], columns: list[float], i: int,
                   apart: list[bool] | None = None) -> bool:
    """A sub-heading (小标题): a line of at most half its column that follows a finished
    sentence or clause (older papers end paragraphs with 、), ends in no punctuation, and is
    followed by more text; or a line that ends in no punctuation set apart by blank lines
    between blocks of several lines (pdftotext sets a line in bold as a block of its own),
    whatever its width (in a narrow column a sub-heading fills it) or the line before it."""
    if not (0 < i < len(lines) - 1 and lines[i][-1].isalnum()):
        return False
    if apart and apart[i]:
        return widths[i] <= columns[i] + 1
    return lines[i - 1].rstrip(CLOSERS)[-1:] in CLAUSE_END and widths[i] <= columns[i] / 2


def column_widths(widths: list[float], lines: list[str]) -> list[float]:
    """Each line's column width: the commonest width among the fuller lines near it, within
    its run. Justified lines spread a little (punctuation and digits set tighter or looser),
    so neither the widest line nor the mean tells the column; and the first line and lines
    after a full stop are left out, as they may be first lines, two characters short."""
    columns = [0.0] * len(widths)
    maybe_first = [i == 0 or ends_sentence(lines[i - 1]) for i in range(len(lines))]
    for start, end in run_bounds(widths):
        for i in range(start, end):
            near = range(max(start, i - WINDOW), min(end, i + WINDOW + 1))
            widest = sorted((widths[j] for j in near), reverse=True)[min(2, len(near) - 1)]  # two may run wide
            fuller = [j for j in near if widths[j] >= widest - FULL]
            counts = Counter(round(widths[j]) for j in fuller if not maybe_first[j]) or \
                Counter(round(widths[j]) for j in fuller)
            columns[i] = float(max(counts, key=lambda width: (counts[width], -width)))
    return columns


def run_bounds(widths: list[float]) -> list[tuple[int, int]]:
    """Split lines into runs of one column width: where the widest of RUN_LOOK lines before and
    the widest of RUN_LOOK lines after differ by more than RUN_CHANGE. The change is then
    pinned to the first line that does not fit the old column (widening) or just after the
    last line that does not fit the new one (narrowing)."""
    bounds = [0]
    i = 2
    while i <= len(widths) - RUN_LOOK:  # a new run shows its width over RUN_LOOK lines
        before = max(widths[max(bounds[-1], i - RUN_LOOK):i])
        after = max(widths[i:i + RUN_LOOK])
        if max(before, after) / max(min(before, after), 0.5) > RUN_CHANGE and i - bounds[-1] >= RUN_LOOK:
            if after > before:
                # The first wide line may already be behind i, when it was a short one.
                start = max(bounds[-1] + 2, i - RUN_LOOK)
                wider = next((j for j in range(start, len(widths)) if widths[j] > before + 1), None)
                if wider is None:  # "wider" only by the ratio of near-empty lines: no new run
                    i += 1
                    continue
                i = wider
            else:
                # Lines too wide for the new column (the old column's last lines) stay behind.
                while too_wide := [j for j in range(i, min(i + RUN_LOOK, len(widths)))
                                   if widths[j] > _new_column_width(widths[i:i + 2 * RUN_LOOK]) + 1]:
                    i = too_wide[-1] + 1
            bounds.append(i)
        i += 1
    bounds.append(len(widths))
    return list(zip(bounds, bounds[1:]))


def _new_column_width(widths: list[float]) -> float:
    """The width of a column that may begin with a line of the old, wider one: the second
    widest of its first lines."""
    ordered = sorted(widths, reverse=True)
    return ordered[min(1, len(ordered) - 1)]
