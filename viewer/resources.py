"""Where the schema (``db/``) and ``resources/`` are: the checkout's top-level folders are the
source of truth; a wheel or a PyInstaller bundle carries copies of them in ``viewer/_data/``
(see ``setup.py`` and ``packaging/gazette.spec``)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "_data"
CHECKOUT = Path(__file__).resolve().parent.parent


def data_path(*parts: str) -> Path:
    """``data_path("db")``, ``data_path("resources", "i18n")``: the packaged copy when there is
    one (an installed wheel, a bundle), else the checkout's folder (an editable install)."""
    packaged = PACKAGE_DATA.joinpath(*parts)
    return packaged if packaged.exists() else CHECKOUT.joinpath(*parts)
