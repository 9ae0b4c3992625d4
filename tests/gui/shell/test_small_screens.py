"""Every window and dialog fits a 1024×600 screen with its buttons on it, and opens again at
the size the user left it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget

from tests.conftest import TODAY

SMALL = (1024, 600)


def _factories():
    """(name, factory(db, window)) for every top-level window and dialog."""
    from plnjournal.gui.feedback.import_dialog import FeedbackImportDialog
    from plnjournal.gui.feedback.request_dialog import FeedbackRequestDialog
    from plnjournal.gui.feedback.view import FeedbackWindow
    from plnjournal.gui.forms.dialog import FormDialog
    from plnjournal.gui.insights.view import InsightsView
    from plnjournal.gui.journal.commitment_dialog import CommitmentDialog
    from plnjournal.gui.journal.search_dialog import SearchDialog
    from plnjournal.gui.journal.trash_dialog import TrashDialog
    from plnjournal.gui.journal_io.export_dialog import ExportJournalDialog
    from plnjournal.gui.journal_io.import_dialog import ImportJournalDialog
    from plnjournal.gui.privacy.settings_dialog import NewRecoveryKeyDialog, PrivacyDialog
    from plnjournal.gui.privacy.unlock_screen import UnlockWindow
    from plnjournal.gui.report.dialog import ReportDialog
    from plnjournal.gui.shell.about_dialog import AboutDialog
    from plnjournal.gui.shell.backups_dialog import BackupsDialog
    from plnjournal.gui.shell.crash_dialog import CrashDialog
    from plnjournal.gui.shell.first_start import FirstStartDialog
    from plnjournal.gui.skills.framework_editor import FrameworkEditorDialog
    from plnjournal.gui.skills.history_dialog import SkillHistoryDialog
    from plnjournal.gui.skills.matrix_view import SkillMatrixView
    from plnjournal.gui.skills.self_assessment import SelfAssessmentDialog
    from tests.gui.privacy.fakes import FakeKeys

    return {
        "report": lambda db, w: ReportDialog(db, w),
        "feedback import": lambda db, w: FeedbackImportDialog(db, parent=w),
        "feedback request": lambda db, w: FeedbackRequestDialog(db, w),
        "feedback window": lambda db, w: FeedbackWindow(db, w),
        "insights": lambda db, w: InsightsView(db, w),
        "skills matrix": lambda db, w: SkillMatrixView(db, w),
        "self-assessment": lambda db, w: SelfAssessmentDialog(db, w),
        "framework editor": lambda db, w: FrameworkEditorDialog(db, w),
        "skill history": lambda db, w: SkillHistoryDialog(db, 1, w),
        "search": lambda db, w: SearchDialog(db, w),
        "trash": lambda db, w: TrashDialog(db, w, lambda _n: None),
        "commitment": lambda db, w: CommitmentDialog(
            [(1, "PL1 Sequencing")], default_due=TODAY, parent=w
        ),
        "journal export": lambda db, w: ExportJournalDialog(db, w),
        "journal import": lambda db, w: ImportJournalDialog(db, w),
        "backups": lambda db, w: BackupsDialog(db, w),
        "crash": lambda db, w: CrashDialog("boom", "Traceback…", "/tmp/log", w),
        "first start": lambda db, w: FirstStartDialog(db, w),
        "about": lambda db, w: AboutDialog(w, db.path),
        "first start, offering encryption": lambda db, w: FirstStartDialog(
            db, w, keys=FakeKeys(encrypted=False)
        ),
        "unlock": lambda db, w: UnlockWindow(FakeKeys(), db.path, try_keyring=False),
        "privacy": lambda db, w: PrivacyDialog(FakeKeys(), db.path, w, encrypted=True),
        "new recovery key": lambda db, w: NewRecoveryKeyDialog(FakeKeys(), db.path, w),
        "forms": lambda db, w: FormDialog(db, w),
    }


NAMES = [
    "report",
    "forms",
    "feedback import",
    "feedback request",
    "feedback window",
    "insights",
    "skills matrix",
    "self-assessment",
    "framework editor",
    "skill history",
    "search",
    "trash",
    "commitment",
    "journal export",
    "journal import",
    "backups",
    "crash",
    "first start",
    "about",
    "first start, offering encryption",
    "unlock",
    "privacy",
    "new recovery key",
]


def _scrolled(widget: QWidget) -> bool:
    """Inside a scroll area: reached by scrolling, so it may lie beyond the window's edge."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _outside(top: QWidget) -> list[str]:
    """The visible buttons of ``top`` that are not wholly inside it (nor in a scroll area)."""
    inside = QRect(0, 0, top.width(), top.height())
    return [
        b.text() or b.accessibleName() or b.objectName()
        for b in top.findChildren(QAbstractButton)
        if b.isVisibleTo(top)
        and b.window() is top
        and not _scrolled(b)
        and not inside.contains(QRect(b.mapTo(top, b.rect().topLeft()), b.size()))
    ]


@pytest.mark.parametrize("name", NAMES)
def test_every_window_and_dialog_fits_1024x600_with_its_buttons(qtbot, teaching_db, name) -> None:
    from plnjournal.gui.tasks import wait_for_background_work

    widget = _factories()[name](teaching_db, None)
    qtbot.addWidget(widget)
    need = widget.minimumSizeHint()
    assert need.width() <= SMALL[0] and need.height() <= SMALL[1], (name, need)
    # It opens within the screen it is on (the offscreen one is 800×800), unless its layout
    # needs more (that much is checked against 1024×600 above).
    room = widget.screen().availableGeometry()
    assert widget.width() <= max(room.width(), need.width()), name
    assert widget.height() <= max(room.height(), need.height()), name
    default = widget.property("defaultSize") or widget.size()
    widget.resize(min(default.width(), SMALL[0]), min(default.height(), SMALL[1]))
    widget.show()
    QApplication.processEvents()
    assert widget.width() <= SMALL[0] and widget.height() <= SMALL[1], (name, widget.size())
    assert not _outside(widget), (name, _outside(widget))
    widget.close()
    wait_for_background_work()


def test_a_dialog_opens_at_the_size_it_was_closed_at(qtbot, teaching_db) -> None:
    from plnjournal.gui.shell.about_dialog import AboutDialog

    first = AboutDialog(None, teaching_db.path)
    qtbot.addWidget(first)
    first.show()
    first.resize(610, 430)
    QApplication.processEvents()
    first.reject()  # hidden, not closed: accept/reject must remember too
    again = AboutDialog(None, teaching_db.path)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (610, 430)


def test_a_default_size_is_cut_to_the_screen(qtbot) -> None:
    from plnjournal.gui.prefs import fit_to_screen

    widget = QWidget()
    qtbot.addWidget(widget)
    room = widget.screen().availableGeometry().size()
    fit_to_screen(widget, room.width() + 500, room.height() + 300)
    assert (widget.width(), widget.height()) == (room.width(), room.height())


def test_the_main_window_fits_a_small_screen(make_window, teaching_db) -> None:
    window = make_window(teaching_db, dt.date(2026, 11, 28), size=SMALL)
    need = window.minimumSizeHint()
    assert need.width() <= SMALL[0] and need.height() <= SMALL[1], need
    assert window.size().width() <= SMALL[0] and window.size().height() <= SMALL[1]
    assert not _outside(window)
