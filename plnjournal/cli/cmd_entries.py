"""``edit``, ``highlight``, ``delete`` and ``trash``: the small daily jobs on one reflection, from a terminal.

Editing opens the user's own editor ($VISUAL, else $EDITOR) on the reflection as Markdown with
front matter; deleting moves reflections to the trash, which the window can restore from for
30 days (core/journal/trash.py).
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys

from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json
from plnjournal.core.journal.edit_text import apply_text, editable_text
from plnjournal.core.journal.entries import update_entry
from plnjournal.core.journal.trash import (
    KEEP_DAYS,
    empty_trash,
    list_trash,
    move_to_trash,
    restore_from_trash,
)
from plnjournal.core.words import plural
from plnjournal.errors import InputError, PlnError
from plnjournal.paths import private_file_beside, scratch_dir


def edit_in_editor(text: str, what: str) -> str:
    """``text`` as the user left it in their editor (a private file, removed afterwards)."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    argv = shlex.split(command)
    if not argv:
        raise InputError(
            f"{what}: no editor is set; set $EDITOR (or $VISUAL), e.g. export EDITOR=nano"
        )
    path = private_file_beside(scratch_dir() / "reflection.md", ".md")
    try:
        path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run([*argv, str(path)], check=False)
        except OSError as exc:
            raise InputError(f"{what}: cannot start the editor {argv[0]!r} ({exc})") from exc
        if done.returncode != 0:
            raise PlnError(
                f"{what}: the editor ended with exit code {done.returncode}; nothing was saved"
            )
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    """Edit a reflection in the user's editor; saved only when it changed, the old title and
    text kept in its history."""
    what = f"edit {args.entry}"
    db = ctx.db(create=False)
    with db.session() as session:
        text = editable_text(session, args.entry)
    edited = edit_in_editor(text, what)
    if edited == text:
        info(f"Nothing changed in reflection {args.entry}.")
        return 0
    with db.session() as session:
        changed = apply_text(session, args.entry, edited)
    info(
        f"Saved reflection {args.entry}."
        if changed
        else f"Nothing changed in reflection {args.entry}."
    )
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return True  # a script said what it wants; the trash keeps it anyway
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def cmd_highlight(args: argparse.Namespace, ctx: Context) -> int:
    """Mark reflections as highlights (or take the mark away with ``--undo``): the progress
    report shows highlights in full. All or none: an unknown number changes nothing."""
    ids = list(dict.fromkeys(args.entries))
    marked = not args.undo
    with ctx.db(create=False).session() as session:
        titles = [update_entry(session, i, highlight=marked).title for i in ids]
    for entry_id, title in zip(ids, titles, strict=True):
        what = "Marked" if marked else "Took the highlight mark from"
        info(f"{what} reflection {entry_id} ({title or 'no title'}).")
    return 0


def cmd_delete(args: argparse.Namespace, ctx: Context) -> int:
    """Move reflections to the trash (restorable for 30 days); all or none."""
    ids = list(dict.fromkeys(args.entries))
    if not args.yes and not _confirm(
        f"Move {plural(len(ids), 'reflection')} to the trash (kept {KEEP_DAYS} days)?"
    ):
        info("Nothing was deleted.")
        return 1
    with ctx.db(create=False).session() as session:
        moved = [move_to_trash(session, entry_id) for entry_id in ids]
    for item in moved:
        info(f"Moved reflection {item.entry_id} ({item.title or 'no title'}) to the trash.")
    info(
        f"The trash keeps them until {moved[0].forgotten_on().isoformat()}: 'plnjournal trash list'."
    )
    return 0


def cmd_trash(args: argparse.Namespace, ctx: Context) -> int:
    """What the trash holds, putting one back, or emptying it."""
    db = ctx.db(create=False)
    if args.action == "restore":
        if args.item is None:
            raise InputError("trash restore: give the number 'trash list' shows")
        with db.session() as session:
            entry = restore_from_trash(session, args.item)
            entry_id, title = entry.id, entry.title
        info(f"Restored reflection {entry_id} ({title or 'no title'}).")
        return 0
    if args.action == "empty":
        if not args.yes and not _confirm("Forget everything in the trash now?"):
            info("The trash was left as it is.")
            return 1
        with db.session() as session:
            n = empty_trash(session)
        info(f"Emptied the trash ({plural(n, 'reflection')} forgotten).")
        return 0
    with db.session() as session:
        items = list_trash(session)
    if args.json:
        print_json(
            [
                {
                    "id": t.id,
                    "entry_id": t.entry_id,
                    "date": t.entry_date.isoformat(),
                    "title": t.title,
                    "deleted_at": t.deleted_at.isoformat(timespec="seconds"),
                    "forgotten_on": t.forgotten_on().isoformat(),
                }
                for t in items
            ]
        )
        return 0
    if not items:
        info("The trash is empty.")
        return 0
    for t in items:
        info(
            f"#{t.id}  {t.entry_date.isoformat()}  {t.title or '(no title)'}  "
            f"(reflection {t.entry_id}; deleted {t.deleted_at:%Y-%m-%d %H:%M}, "
            f"kept until {t.forgotten_on().isoformat()})"
        )
    info("Put one back with: plnjournal trash restore NUMBER")
    return 0
