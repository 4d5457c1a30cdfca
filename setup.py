"""The one build step pyproject.toml cannot say: copy the top-level ``db/`` and ``resources/``
(the source of truth) into the wheel as ``viewer/_data/``, where :mod:`viewer.resources`
finds them once installed. An editable install reads the checkout's folders instead."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("db", "resources")  # found by viewer.resources.data_path; packaging/gazette.spec ships the same


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        here = Path(__file__).resolve().parent
        for name in SHIPPED:
            target = Path(self.build_lib) / "viewer" / "_data" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(here / name, target, ignore=shutil.ignore_patterns("*.ts"))


setup(cmdclass={"build_py": BuildWithData})
