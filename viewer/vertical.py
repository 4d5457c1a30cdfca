"""Vertical presentation forms (as typeset in a vertical headline) and their horizontal
mainland forms. One table for the page reader, the search normaliser and the page geometry."""

VERTICAL_FORMS = str.maketrans({
    "﹁": "‘", "﹂": "’", "﹃": "“", "﹄": "”",
    "︵": "（", "︶": "）", "︷": "｛", "︸": "｝", "︹": "〔", "︺": "〕",
    "︻": "【", "︼": "】", "︽": "《", "︾": "》", "︿": "〈", "﹀": "〉",
    "﹇": "［", "﹈": "］", "︗": "〖", "︘": "〗",
    "︐": "，", "︑": "、", "︒": "。", "︓": "：", "︔": "；", "︕": "！", "︖": "？",
    "︙": "…", "︰": "‥", "︱": "—", "︲": "–", "︳": "_", "︴": "_",
})


def horizontal(text: str) -> str:
    """``﹃改革﹄`` → ``“改革”``: the same length, character for character."""
    return text.translate(VERTICAL_FORMS)
