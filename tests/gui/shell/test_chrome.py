"""The window's chrome: no stock icons beside buttons, a primary style for a screen's main
action, buttons that say what they do, Help ▸ About with diagnostics, a crash dialog that
speaks plainly first."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleFactory,
)

from plnjournal.gui.tasks import busy
from tests.conftest import TODAY


class _IconsPlease(QProxyStyle):
    """A platform theme that wants stock icons on dialog buttons (GTK does)."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


def test_dialog_buttons_carry_no_stock_icons_even_where_the_platform_asks(qtbot) -> None:
    from plnjournal.gui import theme

    style = theme.app_style()
    platform = _IconsPlease(QStyleFactory.create("Fusion"))  # kept: Qt calls back into it
    style.setBaseStyle(platform)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    box.setStyle(style)
    hint = QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons
    assert style.baseStyle().styleHint(hint) == 1
    assert style.styleHint(hint) == 0


def test_a_primary_button_is_drawn_in_the_accent_colour(qtbot) -> None:
    from plnjournal.gui import theme

    style = theme.app_style()
    palette = QPalette(QGuiApplication.palette())
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#0b5cad"))
    images = []
    for primary in (False, True):
        button = QPushButton("Write about it now")
        qtbot.addWidget(button)
        button.setStyle(style)
        button.setPalette(palette)
        if primary:
            theme.make_primary(button)
        button.resize(200, 40)
        images.append(button.grab().toImage())
    centre = [image.pixelColor(10, 20) for image in images]
    plain, primary = centre
    assert primary != plain
    assert abs(primary.blue() - 0xAD) < 60 and primary.red() < 80  # the accent, not grey


def test_the_nudge_s_main_action_looks_different_from_putting_it_off(
    qtbot, make_window, demo_db
) -> None:
    window = make_window(demo_db)
    panel = window.journal.nudge
    qtbot.waitUntil(lambda: panel.nudge is not None)
    assert panel.write_button.property("primary") and panel.write_button.font().bold()
    assert not panel.dismiss_button.property("primary")


def test_not_today_asks_with_buttons_that_say_what_happens(qtbot, make_window, demo_db) -> None:
    from plnjournal.gui.reason_dialog import ReasonDialog

    window = make_window(demo_db)
    panel = window.journal.nudge
    qtbot.waitUntil(lambda: panel.nudge is not None)
    seen: list[list[str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReasonDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append([b.text() for b in dialog.findChildren(QPushButton)])
        dialog.reason.setText("Parents' evening")
        dialog.act_button.click()

    QTimer.singleShot(0, answer)
    panel.dismiss()
    qtbot.waitUntil(lambda: not busy())
    assert "Skip today" in seen[0] and not {"OK", "&OK"} & set(seen[0])
    assert window.status_text.text().startswith("Noted: not today")


def test_help_about_shows_version_folder_licence_and_copies_diagnostics(qtbot, teaching_db) -> None:
    from plnjournal import __version__, paths
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.gui.shell.about_dialog import AboutDialog

    with teaching_db.session() as s:
        add_entry(s, entry_date=TODAY, title="Secret title", body="Secret body text")
    dialog = AboutDialog(None, teaching_db.path)
    qtbot.addWidget(dialog)
    texts = " ".join(w.text() for w in dialog.findChildren(type(dialog.copied)))
    assert __version__ in texts and str(paths.data_dir()) in texts and "MIT" in texts
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert __version__ in copied and "Qt " in copied and str(teaching_db.path) in copied
    assert "Secret" not in copied


def test_about_is_in_the_help_menu(make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    texts = [a.text().replace("&", "") for a in window.menu("help").actions()]
    assert "About PLN Journal" in texts


def test_the_crash_dialog_shows_a_plain_message_with_the_traceback_behind_details(
    qtbot,
) -> None:
    from plnjournal.gui.shell.crash_dialog import CrashDialog

    dialog = CrashDialog("ValueError: x", "Traceback: here", "/tmp/log", None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.message.isVisible() and not dialog.details.isVisible()
    dialog.details_button.click()
    assert dialog.details.isVisible() and "Traceback: here" in dialog.details.toPlainText()
    dialog.details_button.click()
    assert not dialog.details.isVisible()


def test_the_window_takes_the_app_style_after_its_first_paint(make_window, teaching_db) -> None:
    make_window(teaching_db)
    app = QApplication.instance()
    assert app.style().objectName() == "plnjournal"


def test_each_screen_marks_its_one_main_action(qtbot, teaching_db) -> None:
    from plnjournal.gui.report.dialog import ReportDialog
    from plnjournal.gui.shell.first_start import FirstStartDialog
    from plnjournal.gui.tasks import wait_for_background_work

    for dialog in (ReportDialog(teaching_db), FirstStartDialog(teaching_db)):
        qtbot.addWidget(dialog)
        primary = [b.text() for b in dialog.findChildren(QPushButton) if b.property("primary")]
        assert len(primary) == 1, primary
        dialog.close()
    wait_for_background_work()


def test_dark_radio_buttons_are_outlined(qtbot) -> None:
    from PySide6.QtWidgets import QRadioButton

    from plnjournal.gui import theme

    pictures = []
    for style in (QStyleFactory.create("Fusion"), theme.app_style()):
        radio = QRadioButton("Use a built-in framework")
        qtbot.addWidget(radio)
        radio.setStyle(style)
        radio.setPalette(theme.dark_palette())
        radio.resize(radio.sizeHint())
        pictures.append(radio.grab().toImage())
    plain, outlined = pictures
    assert plain != outlined


def test_a_focused_primary_button_shows_its_focus(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from plnjournal.gui import theme

    style = theme.app_style()
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    buttons = []
    for _ in range(2):
        button = QPushButton("Write about it now")
        button.setStyle(style)
        theme.make_primary(button)
        row.addWidget(button)
        buttons.append(button)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    buttons[1].setFocus()
    qtbot.waitUntil(buttons[1].hasFocus)
    plain, focused = (b.grab().toImage() for b in buttons)
    ring = QColor(buttons[1].palette().color(QPalette.ColorRole.HighlightedText))
    at = (2, plain.height() // 2)  # the left edge, just inside the border
    assert focused.pixelColor(*at).lightness() > plain.pixelColor(*at).lightness() + 60, ring


def test_a_failed_save_on_quit_asks_with_buttons_that_say_what_happens(
    qtbot, make_window, teaching_db
) -> None:
    from tests.gui.modal import answer_next_question

    window = make_window(teaching_db)
    flush = window.journal.flush
    window.journal.flush = lambda: False  # the disk is full
    seen: list[str] = []
    answer_next_question("Keep the window open", seen)
    window.close()
    assert window.isVisible() and "clipboard" in seen[0]
    answer_next_question("Quit without saving")
    window.close()
    assert not window.isVisible()
    window.journal.flush = flush


def test_the_inbox_s_main_action_is_respond(qtbot, teaching_db) -> None:
    from plnjournal.gui.feedback.view import FeedbackWindow
    from plnjournal.gui.tasks import wait_for_background_work

    window = FeedbackWindow(teaching_db)
    qtbot.addWidget(window)
    primary = [b.text() for b in window.inbox.findChildren(QPushButton) if b.property("primary")]
    assert "Respond with a reflection…" in primary
    wait_for_background_work()


def test_the_date_picker_s_button_says_what_happens(qtbot, make_window, teaching_db) -> None:
    from PySide6.QtWidgets import QDialog

    window = make_window(teaching_db)
    seen: list[list[str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append([b.text() for b in dialog.findChildren(QPushButton)])
        dialog.reject()

    QTimer.singleShot(0, answer)
    window.go_to_date()
    assert "Go" in seen[0] and "OK" not in seen[0] and "&OK" not in seen[0]


def test_the_question_before_a_doubtful_new_journal_has_the_app_style(
    qtbot, tmp_path, monkeypatch
) -> None:
    import pytest as _pytest

    from plnjournal.errors import InputError
    from plnjournal.gui.shell import app as gui_app
    from plnjournal.gui.shell import first_start

    app = QApplication.instance()
    app.setStyle(QStyleFactory.create("Fusion"))  # as a process starts
    styles: list[str] = []

    def confirm(_path, _why, _parent=None) -> bool:
        styles.append(app.style().objectName())
        return False

    monkeypatch.setattr(first_start, "confirm_new_journal", confirm)
    with _pytest.raises(InputError):
        gui_app.run_gui(tmp_path / "journal.txt", confirm_new="looks like a slip")
    assert styles == ["plnjournal"]
