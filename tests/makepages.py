"""Page files the tests make themselves: a PDF laid out like the seed page, scans."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"  # a CID font every PDF reader knows: no font file needed
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

TITLE = "﹃改革攻坚﹄与﹃民生提质﹄双轮驱动"
SUBTITLE = "——交城县八大举措擘画新图景"
BYLINE = ["□", "文/", "冀美丽", "图/", "褚泰杰", "田谷仓"]
PARAGRAPHS = [
    "春日的交城大地处处涌动着奋进的热潮。三月下旬，交城县十七届人大七次会议、政协十届五次会议召开。",
    "在十四五规划收官之年，交城县以改革攻坚与民生提质双轮驱动，通过八大战略举措全面擘画高质量发展新图景。",
    "经济运行持续向好。全县地区生产总值完成一百零七亿元，同比增长四点六个百分点，连续四年进入百亿方阵。",
    "产业发展步伐有力。华亿铸造生产线等十个项目建成投产，金桃园焦炉煤气综合利用等九个项目有序推进。",
    "改革创新不断深化。新增规上工业企业十一户、国家级高新技术企业五户、专精特新企业五户。",
    "城乡发展协同推进。投资三亿六千万元实施开发区生态环境综合治理，完成六个道路工程建设。",
]
SIZE = 10  # pt, body
COLUMN_CHARS = 14
COLUMNS_X = (110, 270, 430)


def seed_like_pdf(path: Path, *, page: int = 8, date: str = "2025年4月3日 星期四", pages: int = 1) -> Path:
    """Masthead, credits, a vertical headline with subtitle and byline, three columns of body
    text whose first lines are indented two characters (as printed)."""
    pdf = canvas.Canvas(str(path), pagesize=(600, 850))
    for n in range(pages):
        _draw_page(pdf, page + n, date)
        pdf.showPage()
    pdf.save()
    return path


def _draw_page(pdf: canvas.Canvas, page: int, date: str) -> None:
    pdf.setFont(FONT, 12)
    pdf.drawString(30, 820, f"{page} 县域·交城 {date}")
    pdf.setFont(FONT, 9)
    pdf.drawString(30, 802, "组版:惠爱宏 李晓玲 责编:王耀 校对：白颖凯合办：交城县融媒体中心")
    _vertical(pdf, TITLE, x=30, top=770, size=16)
    _vertical(pdf, SUBTITLE, x=56, top=770, size=11)
    y = 770
    for word in BYLINE:
        y = _vertical(pdf, word, x=78, top=y, size=10) - 10  # a gap between the names
    lines = [line for paragraph in PARAGRAPHS for line in _wrap(paragraph)]
    per_column = -(-len(lines) // len(COLUMNS_X))
    pdf.setFont(FONT, SIZE)
    for n, (indent, text) in enumerate(lines):
        x = COLUMNS_X[n // per_column] + indent * SIZE
        y = 770 - (n % per_column) * (SIZE + 4)
        pdf.drawString(x, y, text)


def _vertical(pdf: canvas.Canvas, text: str, *, x: float, top: float, size: float) -> float:
    pdf.setFont(FONT, size)
    y = top
    for char in text:
        pdf.drawString(x, y, char)
        y -= size + 2
    return y


def _wrap(paragraph: str) -> list[tuple[int, str]]:
    """(indent in characters, text) per printed line: the first line indented two."""
    lines, rest = [(2, paragraph[:COLUMN_CHARS - 2])], paragraph[COLUMN_CHARS - 2:]
    while rest:
        lines.append((0, rest[:COLUMN_CHARS]))
        rest = rest[COLUMN_CHARS:]
    return lines


def textless_pdf(path: Path) -> Path:
    """A page of ink and no text layer. Small: importing it renders and OCRs it."""
    pdf = canvas.Canvas(str(path), pagesize=(150, 212))
    pdf.rect(12, 12, 125, 188, fill=1)
    pdf.showPage()
    pdf.save()
    return path


def scan(path: Path, size: tuple[int, int] = (1200, 1700), fmt: str = "JPEG") -> Path:
    picture = Image.new("L", size, 235)
    for y in range(100, size[1] - 100, 40):  # lines of "text"
        picture.paste(40, (100, y, size[0] - 100, y + 12))
    picture.save(path, fmt)
    return path


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb's
    calling card): readers that trust the header allocate gigabytes."""
    buffer = io.BytesIO()
    Image.new("L", (8, 8)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    path.write_bytes(bytes(data))
    return path
