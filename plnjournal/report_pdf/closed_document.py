"""A QTextDocument that loads no resource from the file system or the network.

Qt's document opens whatever file an ``<img src>``, a ``background`` or a style sheet link
names, and when a loader returns nothing it still tries ``QImage.load(name)`` itself; so a
refusal must hand back a real (blank) image. Only what the text carries in itself (a small
``data:`` image) and what is compiled into the app (``qrc:``) load. The second wall behind the
sanitizer and the escaping: text from other people never names a file Qt then reads, nor a
server Qt would ask (issue 18, #1; issue 19, finding 5).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

# Resources a document may load: inside the text itself, or compiled into the app.
OPEN_SCHEMES = frozenset({"data", "qrc"})
# The longest ``data:`` URL that loads, and only as an image: a small picture the text carries.
# Nothing the app makes uses one (the report's charts are drawn by their own handler); a style
# sheet or a many-megabyte image in the text is refused like a file.
SMALL_DATA_CHARS = 64 * 1024


def _small_image(kind: int, url: QUrl) -> bool:
    return (
        kind == QTextDocument.ResourceType.ImageResource.value
        and url.path().lower().startswith("image/")
        and url.toEncoded().size() <= SMALL_DATA_CHARS
    )


def refused(kind: int, url: QUrl) -> object | None:
    """What stands in for resource ``url`` of ``kind``, or None when it may load: a blank
    image for an image (a null one would make Qt read the file itself), empty bytes else."""
    scheme = url.scheme().lower()
    if scheme == "qrc" or (scheme in OPEN_SCHEMES and _small_image(kind, url)):
        return None
    if kind == QTextDocument.ResourceType.ImageResource.value:
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(Qt.GlobalColor.transparent)
        return blank
    return QByteArray()


class ClosedDocument(QTextDocument):
    """A QTextDocument whose resources come only from ``OPEN_SCHEMES``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """QTextDocument.loadResource: ``refused`` stands in for anything not ours, and is
        kept, so each name is asked for once."""
        url = QUrl(name)
        stand_in = refused(int(kind), url)
        if stand_in is None:
            return super().loadResource(kind, url)
        self.addResource(kind, url, stand_in)
        return stand_in
