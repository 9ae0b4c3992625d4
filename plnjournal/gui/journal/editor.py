"""Editing one reflection: title, Markdown text with live preview, model, private, highlight;
autosave.

There is no save dialog. Text is saved about a second after typing stops, at least every few
seconds while typing goes on, when the user leaves the entry, the day or the window, and on
close (``gui/journal/entry_saves.py``). A reflection is only created once it has some text, so
opening a day writes nothing. Saves run on the background helper's write worker, so a journal
locked by another program never freezes the typing; only leaving the reflection and closing
wait for the save.

Just after the window opens, the journal's writing side (SQLAlchemy) is still loading: typing
works at once, and the timed autosave waits until it has loaded (``set_save_ready``); a save
the user asks for (leaving the reflection, closing) waits for the load instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal.days import open_entry as read_open_entry
from plnjournal.core.journal.reflection_models import ReflectionModel, template_text
from plnjournal.errors import InputError
from plnjournal.gui.elide import ElidedComboBox, ElidedLineEdit
from plnjournal.gui.journal.depth_line import DepthLine
from plnjournal.gui.journal.entry_saves import EntrySaves
from plnjournal.gui.journal.entry_writes import EntryWrite
from plnjournal.gui.journal.markdown_edit import MarkdownEdit, word_count
from plnjournal.gui.plain import literal, plain_label
from plnjournal.gui.theme import warning_colour
from plnjournal.lazy import lazy_module
from plnjournal.storage.db import Database

if TYPE_CHECKING:  # for annotations only
    from plnjournal.gui.journal.markdown_preview import MarkdownPreview
    from plnjournal.gui.tasks import Task

# Off the first paint (docs/performance.md, "Where the start-up deferrals are"): the preview
# (Markdown and the nh3 sanitizer), made when first shown.
markdown_preview = lazy_module("plnjournal.gui.journal.markdown_preview")

PREVIEW_DELAY_MS = 150
HIGHLIGHT_SHORTCUT = "Ctrl+H"


class EntryEditor(QWidget):
    """The open reflection: what is typed is saved without asking, in order, off the GUI thread."""

    saved = Signal(int, bool)  # entry id, whether it was just created
    state_changed = Signal(str)
    model_chosen = Signal(str)  # a reflection model was applied (its id)
    opened = Signal(object)  # the reflection now open: its id, or None for a new one

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.day = dt.date.today()
        self.entry_time: dt.time | None = None
        self.reflection_model: str | None = None
        self._models: list[ReflectionModel] = []
        self._loading = False
        self.typed = False  # the user has changed the open reflection since it was opened
        self._build()
        self.saves = EntrySaves(self)  # the autosave, and the open reflection's write queue
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._refresh_preview)
        self.set_preview(False, True)
        self._show_state()

    @property
    def entry_id(self) -> int | None:
        """The open reflection's id; None until it is first saved."""
        return self.saves.target.entry_id

    @entry_id.setter
    def entry_id(self, entry_id: int | None) -> None:
        """Re-point the open reflection (None once deleted: the next save makes a new one)."""
        self.saves.target.entry_id = entry_id

    def _build(self) -> None:
        self.title = ElidedLineEdit()
        self.title.setPlaceholderText("Title (optional)")
        self.title.setAccessibleName("Reflection title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setFrame(False)
        self.model_box = ElidedComboBox()
        self.model_box.setAccessibleName("Reflection model")
        self.model_box.set_base_tip(
            "Insert the sections and guiding questions of a reflection model"
        )
        self.model_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model_box.setMinimumContentsLength(16)
        self.private = QCheckBox("Private")
        self.private.setAccessibleName("Private reflection")
        self.private.setToolTip("Private reflections never go into a report unless you ask")
        # A highlight is shown in full in the progress report (Journal ▸ Highlight, Ctrl+H).
        self.highlight = QToolButton()
        self.highlight.setCheckable(True)
        self.highlight.setAutoRaise(True)
        self.highlight.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.highlight.setAccessibleName("Highlight")
        self.highlight.setToolTip(
            "Mark this reflection as a highlight: the progress report shows it in full "
            f"({HIGHLIGHT_SHORTCUT})"
        )
        self.highlight.toggled.connect(self._show_highlight)
        self._show_highlight(False)
        # The title gets the column's whole width (at 1024 px the column is ~400 px wide);
        # the model and the private flag sit on a slim row under it.
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.model_box, 1)  # grows to its longest name, where there is room
        options.addStretch(1)
        options.addWidget(self.highlight)
        options.addWidget(self.private)
        self._options = options
        top = QVBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.title)
        top.addLayout(options)

        self.body = MarkdownEdit()
        self._preview: MarkdownPreview | None = None  # made when first shown (see ``preview``)
        # Beside: editor and preview in a splitter. Toggled: the preview replaces the editor.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget()
        self.splitter.addWidget(self.stack)
        self.stack.addWidget(self.body)
        self._preview_holder = QStackedWidget()
        self.splitter.addWidget(self._preview_holder)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.setSpacing(4)
        self.format_buttons: list[QToolButton] = []
        for text, tip, slot in (
            ("B", "Bold (Ctrl+B)", lambda: self.body.wrap_selection("**")),
            ("I", "Italic (Ctrl+I)", lambda: self.body.wrap_selection("_")),
            ("H", "Heading (Ctrl+Shift+H)", self.body.toggle_heading),
            ("•", "List (Ctrl+Shift+L)", self.body.toggle_list),
            ("Link", "Link (Ctrl+K)", self.body.insert_link),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(slot)
            bottom.addWidget(button)
            self.format_buttons.append(button)
        font = self.format_buttons[0].font()
        font.setBold(True)
        self.format_buttons[0].setFont(font)
        font = self.format_buttons[1].font()
        font.setItalic(True)
        self.format_buttons[1].setFont(font)
        bottom.addSpacing(16)
        self.words = QLabel()
        self.words.setAccessibleName("Word count")
        bottom.addWidget(self.words)
        bottom.addStretch(1)
        self.state = plain_label()  # an error's message may quote the reflection
        self.state.setAccessibleName("Save state")
        bottom.addWidget(self.state)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        # How deep the reflection goes, quietly, under everything else (docs/depth.md).
        self.depth_line = DepthLine()
        layout.addWidget(self.depth_line)
        # The reflection's tags (imported, or @words in quick capture), as plain text.
        self.tags_line = QLabel()
        self.tags_line.setTextFormat(Qt.TextFormat.PlainText)
        self.tags_line.setAccessibleName("Tags")
        self.tags_line.setWordWrap(True)
        self.tags_line.hide()
        layout.addWidget(self.tags_line)
        self._layout = layout
        self.answers: QWidget | None = None  # the "Answers feedback" section: set_answers()

        self.title.textEdited.connect(self._edited)
        self.body.textChanged.connect(self._body_changed)
        self.private.toggled.connect(self._private_toggled)
        self.highlight.toggled.connect(self._private_toggled)  # saved the same way
        self.model_box.activated.connect(self._model_activated)
        for widget in (self.title, self.body):
            widget.installEventFilter(self)

    def add_option(self, widget: QWidget) -> None:
        """Put a feature's toggle on the options row, before Private (sharing with a
        programme's mentors: gui/programme/share_toggle.py)."""
        self._options.insertWidget(self._options.indexOf(self.private), widget)

    def add_below(self, widget: QWidget) -> None:
        """Put a feature's section right under the text (mentors' comments on a shared
        reflection: gui/programme/comments_line.py)."""
        self._layout.insertWidget(self._layout.indexOf(self.splitter) + 1, widget)

    def set_answers(self, section: QWidget) -> None:
        """Put the "Answers feedback" section under the text (made after the first paint)."""
        self.answers = section
        self._layout.insertWidget(self._layout.indexOf(self.splitter) + 1, section)

    # --- loading ---------------------------------------------------------------------------

    def set_models(self, models: list[ReflectionModel]) -> None:
        """Offer these reflection models in the model box (read once the core has loaded)."""
        self._models = list(models)
        self.model_box.clear()
        self.model_box.addItem("Reflection model…", None)
        for m in models:
            self.model_box.addItem(m.name, m.id)
            self.model_box.setItemData(
                self.model_box.count() - 1, literal(m.description), Qt.ItemDataRole.ToolTipRole
            )
        self.model_box.fit_longest()
        self._show_model()

    def open_entry(self, entry_id: int) -> None:
        """Save what is open, then show reflection ``entry_id`` (read with no wait on a writer)."""
        self.flush()
        with self.db.reading() as conn:
            entry = read_open_entry(conn, entry_id)
        if entry is None:
            raise InputError(f"entry {entry_id} does not exist")
        fields = (entry.entry_date, entry.entry_time, entry.title, entry.body)
        self._load(entry_id, *fields, entry.private, entry.reflection_model, entry.tags)
        self._loading = True
        self.highlight.setChecked(entry.highlight)
        self._loading = False

    def open_draft(self, day: dt.date, *, title: str = "", body: str = "") -> None:
        """A new reflection on ``day``, saved only once it has text."""
        self.flush()
        now = dt.datetime.now()
        when = now.time().replace(second=0, microsecond=0) if day == now.date() else None
        self._load(None, day, when, title, body, False, None)
        self._loading = True
        self.highlight.setChecked(False)
        self._loading = False
        self.saves.dirty = bool(title.strip() or body.strip())

    def _load(
        self,
        entry_id: int | None,
        day: dt.date,
        when: dt.time | None,
        title: str,
        body: str,
        private: bool,
        model: str | None,
        tags: tuple[str, ...] = (),
    ) -> None:
        self._loading = True
        self.tags_line.setText("Tags: " + ", ".join(tags) if tags else "")
        self.tags_line.setVisible(bool(tags))
        self.typed = False
        try:
            self.saves.open(entry_id)  # a new target: what is still queued cannot touch it
            self.day, self.entry_time = day, when
            self.reflection_model = model
            self.title.setText(title)
            self.title.setCursorPosition(0)
            self.body.setPlainText(body)
            self.private.setChecked(private)
            self._show_model()
        finally:
            self._loading = False
        self.depth_line.follow(title, body)  # graded once the pause has passed
        self._refresh_preview()
        self._show_state()
        self.opened.emit(entry_id)

    def _show_model(self) -> None:
        index = self.model_box.findData(self.reflection_model) if self.reflection_model else 0
        self.model_box.setCurrentIndex(max(index, 0))

    # --- editing ---------------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.typed = True
        self.saves.changed()
        self._show_state()
        self.depth_line.follow(self.title.text(), self.body.toPlainText())

    def _body_changed(self) -> None:
        self._edited()
        self._preview_timer.start()

    def _private_toggled(self, _checked: bool) -> None:
        if not self._loading:
            self._edited()
            if self.entry_id is not None:
                self.save_later()

    def _show_highlight(self, marked: bool) -> None:
        """A filled star when marked, an outline when not: the word stays, the state shows."""
        self.highlight.setText("★ Highlight" if marked else "☆ Highlight")

    def _model_activated(self, index: int) -> None:
        model_id = self.model_box.itemData(index)
        model = next((m for m in self._models if m.id == model_id), None)
        if model is None:
            self._show_model()
            return
        self.apply_model(model)

    def apply_model(self, model: ReflectionModel) -> bool:
        """Insert the model's sections (the next phase of a two-sitting model); False if the
        reflection has them all already."""
        text = template_text(model, self.body.toPlainText())
        self.reflection_model = model.id
        self._show_model()
        if not text:
            self._edited()
            return False
        start = self.body.insert_at_end(text)
        # Put the cursor where the first section's writing goes: after its questions.
        first_prompt = text.find("\n> ")
        offset = text.find("\n\n", first_prompt + 1) + 2 if first_prompt >= 0 else len(text)
        self.body.move_cursor_to(start + offset)
        self.body.setFocus()
        self.model_chosen.emit(model.id)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QObject.eventFilter: leaving the title or the text saves what changed."""
        if event.type() == QEvent.Type.FocusOut and self.saves.dirty:
            self.save_later()
        return super().eventFilter(watched, event)

    # --- saving (gui/journal/entry_saves.py) -----------------------------------------------

    def is_dirty(self) -> bool:
        """Whether some of what is shown is not in the journal yet (typed, or still saving)."""
        return self.saves.is_dirty()

    def set_save_ready(self, ready: bool) -> Task | None:
        """Whether the timed autosave may run now (``EntrySaves.set_ready``)."""
        return self.saves.set_ready(ready)

    def autosave(self) -> None:
        """The timed save: waits while saving is not ready (``EntrySaves.autosave``)."""
        self.saves.autosave()

    def save_later(self, then: Callable[[], None] | None = None) -> Task | None:
        """Save on the write worker if anything changed (``EntrySaves.save_later``)."""
        return self.saves.save_later(then)

    def write(
        self,
        write: EntryWrite,
        *,
        create: bool = True,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """Write with the open reflection, in order after its saves (``EntrySaves.write``)."""
        return self.saves.write(write, create=create, on_done=on_done, on_error=on_error)

    def flush(self) -> bool:
        """Save now and wait for it; False if saving failed (``EntrySaves.flush``)."""
        return self.saves.flush()

    def set_busy(self, busy: bool) -> None:
        """Read-only while a write that replaces the open reflection runs (a delete)."""
        self.title.setReadOnly(busy)
        self.body.setReadOnly(busy)
        self.private.setEnabled(not busy)
        self.model_box.setEnabled(not busy)
        if self.answers is not None:
            self.answers.setEnabled(not busy)

    def status_text(self) -> str:
        """The save state as shown (a failed close quotes it to the user)."""
        return self.state.text()

    def _show_state(self) -> None:
        if self.saves.error:
            text = f"Not saved: {self.saves.error}. Retrying…"
            self.state.setStyleSheet(f"color: {warning_colour(self.palette()).name()};")
        else:
            self.state.setStyleSheet("")
            if self.is_dirty():
                text = "Saving…"
            elif self.entry_id is None:
                text = "New reflection, saved once you type"
            else:
                text = "Saved"
        if text != self.state.text():
            self.state.setText(text)
            self.state_changed.emit(text)

    # --- preview ---------------------------------------------------------------------------

    @property
    def preview(self) -> MarkdownPreview:
        """The rendered preview, made on first use: hidden by default, it need not cost the
        window's first paint (its module loads the sanitizer and the Markdown renderer)."""
        if self._preview is None:
            self._preview = markdown_preview.MarkdownPreview()
            self._preview.setFont(self.body.font())
        return self._preview

    def set_preview(self, visible: bool, beside: bool) -> None:
        """Show or hide the preview, beside the text or in its place."""
        self._preview_visible, self._preview_beside = visible, beside
        if self._preview is None and not visible:
            self._preview_holder.setVisible(False)
            self.stack.setCurrentWidget(self.body)
            return
        if self.preview.parent() is not None:
            self.preview.setParent(None)
        if beside:
            self._preview_holder.addWidget(self.preview)
            self._preview_holder.setVisible(visible)
            self.stack.setCurrentWidget(self.body)
        else:
            self._preview_holder.setVisible(False)
            self.stack.addWidget(self.preview)
            self.stack.setCurrentWidget(self.preview if visible else self.body)
        if visible:
            self._refresh_preview()

    def preview_visible(self) -> bool:
        """Whether the preview shows (the window's menu and settings follow it)."""
        return self._preview_visible

    def preview_beside(self) -> bool:
        """Whether the preview sits beside the text rather than in its place."""
        return self._preview_beside

    def _refresh_preview(self) -> None:
        text = self.body.toPlainText()
        n = word_count(text)
        self.words.setText(f"{n} word" if n == 1 else f"{n} words")
        if self._preview_visible:
            self.preview.show_markdown(text)
