"""Help ▸ About: the version, where the journal and its backups live, the licence, and a
"Copy diagnostics" button for a bug report (versions and folders, never a word of the journal)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal import __version__, paths
from plnjournal.gui.plain import plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.shell.crash_dialog import versions
from plnjournal.resources import folder as resource_folder

LICENCE = "MIT licence: free to use, change and share."


def app_icon_pixmap(size: int) -> QPixmap:
    """The app's icon at ``size`` pixels (a rendering shipped in resources/icons)."""
    image = QPixmap()
    image.loadFromData(resource_folder("icons").joinpath(f"plnjournal-{size}.png").read_bytes())
    return image


def diagnostics(journal: Path | None) -> str:
    """What a bug report needs about this machine: versions, platform and folders (the
    journal's path, not its contents)."""
    app = QGuiApplication.instance()
    platform_name = QGuiApplication.platformName() if app is not None else "none"
    lines = [
        versions(),
        f"Qt platform {platform_name}",
        f"Data folder {paths.data_dir()}",
        f"Log folder {paths.log_dir()}",
    ]
    if journal is not None:
        lines.append(f"Journal {journal}")
        lines.append(f"Backups {paths.backup_dir(journal)}")
    return "\n".join(lines)


class AboutDialog(QDialog):
    """Who we are, where the user's data is, and diagnostics to copy."""

    def __init__(self, parent: QWidget | None = None, journal: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About PLN Journal")
        self.setObjectName("aboutDialog")
        self.journal = journal
        title = QLabel(f"<h2>PLN Journal {__version__}</h2>")
        title.setTextFormat(Qt.TextFormat.RichText)
        logo = QLabel()
        logo.setPixmap(app_icon_pixmap(64))
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(logo)
        top.addWidget(title, 1)
        blurb = plain_label(
            "A reflective-practice journal for people learning a profession: it shows the "
            "skills you keep avoiding and helps you write about them."
        )
        blurb.setWordWrap(True)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        self.folder_label = plain_label(str(paths.data_dir()))
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleName("Data folder")
        form.addRow("Your data:", self.folder_label)
        if journal is not None:
            journal_label = plain_label(str(journal))
            journal_label.setWordWrap(True)
            journal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            journal_label.setAccessibleName("Journal file")
            form.addRow("This journal:", journal_label)
        licence = plain_label(LICENCE)
        licence.setAccessibleName("Licence")
        form.addRow("Licence:", licence)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy diagnostics")
        self.copy_button.setToolTip(
            "Versions and folders for a bug report; nothing you have written"
        )
        self.folder_button = QPushButton("Open data &folder")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_diagnostics)
        self.folder_button.clicked.connect(self._open_folder)
        self.copied = plain_label()
        self.copied.setAccessibleName("Copied")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        remember_geometry(self, "about", (560, 360))

    def copy_diagnostics(self) -> None:
        """Put the diagnostics on the clipboard and say so."""
        QGuiApplication.clipboard().setText(diagnostics(self.journal))
        self.copied.setText("Copied: versions and folders, nothing you have written.")

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))
