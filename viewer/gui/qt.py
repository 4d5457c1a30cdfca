"""Every Qt name the GUI uses comes from here (as Anki's ``aqt.qt`` does), so a change of
binding or version is made in one place."""

from PySide6 import __version__ as PYSIDE_VERSION  # noqa: F401 (re-exported)
from PySide6.QtCore import *
from PySide6.QtCore import qVersion  # noqa: F401 (re-exported)
from PySide6.QtGui import *
from PySide6.QtWidgets import *

# ``translate("Context", "text")`` for code outside a QObject; lupdate finds calls by this name.
translate = QCoreApplication.translate

# The invisible root of every model, as the default ``parent`` of model methods.
ROOT_INDEX = QModelIndex()
