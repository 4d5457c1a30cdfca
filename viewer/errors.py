"""Errors a user can read.

The core raises subclasses of :class:`GazetteError`; their ``str()`` is a message fit for a
person (it names the file and the problem). The CLI prints it on one line, the GUI in a dialog.
Anything that is not a ``GazetteError`` is a bug and is logged with its traceback.
"""


class GazetteError(Exception):
    """Base of every error meant for the user."""


class InputError(GazetteError):
    """A file that cannot be read as what it claims to be (bad encoding, truncated, binary)."""


class EncodingError(InputError):
    """The text encoding of a file could not be determined with confidence."""


class ImportRefused(GazetteError):
    """A file was read but cannot be imported as it is (missing date or page, page exists).

    ``needs`` names what would let it in, from :data:`IMPORT_NEEDS`: the window offers to
    import it again with those asked for, the CLI names its options for them."""

    def __init__(self, message: str, needs: tuple[str, ...] = ()):
        super().__init__(message)
        self.needs = needs


# What an import can be given that a file does not say, as the remedy in a message names it.
IMPORT_NEEDS = {"date": "its date", "page": "its page number", "publication": "the newspaper's name",
                "replace": "replace"}


def needed(needs: tuple[str, ...]) -> str:
    """``("date", "page")`` → "its date and its page number"."""
    words = [IMPORT_NEEDS[need] for need in needs]
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]


class NotFound(GazetteError):
    """An article, page or issue that does not exist."""


class QueryError(GazetteError):
    """A search query that cannot be parsed."""


class IndexStale(GazetteError):
    """The search index is behind the archive (a write to it failed, or it is being rebuilt):
    searching it could leave articles out, so search refuses until ``reindex`` has run."""


class Cancelled(GazetteError):
    """Long work stopped at the user's request; whatever was in progress was rolled back.

    ``partial`` holds what was done before the stop (e.g. the import report of the files
    imported so far), for the caller to show."""

    def __init__(self, message: str, partial: object = None):
        super().__init__(message)
        self.partial = partial


class ExportError(GazetteError):
    """An export that cannot be done as asked (an option that does not fit the format, an output
    path that cannot be written)."""
