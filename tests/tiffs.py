"""Multi-page TIFFs written byte by byte, so a test can make the hostile files the issue met
(pages that claim huge sizes, many blank pages sharing one strip) in a few hundred bytes."""

from __future__ import annotations

import struct

PACKBITS = 32773


def blank_rows(width: int, height: int) -> bytes:
    """PackBits data for ``height`` white rows of a 1-bit picture ``width`` pixels wide."""
    row, left = b"", (width + 7) // 8
    while left:
        run = min(left, 128)
        row += bytes([257 - run, 0]) if run > 1 else b"\x00\x00"
        left -= run
    return row * height


def tiff(sizes: list[tuple[int, int]], strip: bytes | None = None) -> bytes:
    """A little-endian TIFF with one 1-bit PackBits page per ``(width, height)``; every page
    points at the same ``strip`` (by default blank rows for the first page's size)."""
    strip = strip if strip is not None else blank_rows(*sizes[0])
    header_size, entries = 8, 8
    ifd_size = 2 + entries * 12 + 4
    strip_at = header_size
    first_ifd = strip_at + len(strip) + (len(strip) % 2)
    out = bytearray(b"II*\x00" + struct.pack("<I", first_ifd) + strip + b"\x00" * (len(strip) % 2))
    for n, (width, height) in enumerate(sizes):
        at = first_ifd + n * ifd_size
        following = at + ifd_size if n + 1 < len(sizes) else 0
        tags = [(256, 4, width), (257, 4, height), (258, 3, 1), (259, 3, PACKBITS), (262, 3, 0),
                (273, 4, strip_at), (278, 4, height), (279, 4, len(strip))]
        out += struct.pack("<H", entries)
        for tag, kind, value in tags:
            out += struct.pack("<HHII", tag, kind, 1, value) if kind == 4 else struct.pack("<HHIHH", tag, kind, 1, value, 0)
        out += struct.pack("<I", following)
    return bytes(out)
