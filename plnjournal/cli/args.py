"""Argument types and values the parser and the commands share, so one bad value reads the
same in every command and the parser imports no command module."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from plnjournal.errors import InputError

TEXT_LIMIT = 10  # skills ``avoidance`` prints as text unless --limit says otherwise
CHART_KINDS = ("avoidance", "heatmap", "blindspots", "trends", "calendar")
CHART_FORMATS = (".png", ".svg", ".pdf")
IMPORT_FORMATS = ("jrnl", "jrnl-json", "dayone", "markdown", "json")
EXPORT_FORMATS = ("markdown", "json")


def item_id(text: str) -> int:
    """A feedback item's id as the inbox prints it (``12`` or ``#12``)."""
    return positive_int(text.strip().removeprefix("#"))


def positive_int(text: str) -> int:
    """A count given on the command line: a usage error (exit 2) unless a whole number ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def column_mapping(text: str) -> tuple[str, str]:
    """``--map "Header text=field"`` as (header, field); the header may itself hold ``=``."""
    header, sep, role = text.rpartition("=")
    if not sep or not header.strip() or not role.strip():
        raise argparse.ArgumentTypeError(f'{text!r}: use "Header text=field"')
    return header.strip(), role.strip()


def output_path(
    text: str, *, default_name: str, force: bool, what: str, overwrite: bool = True
) -> Path:
    """Where a command writes its file, by one rule for every command: a folder, or a name
    ending in '/', means "into this folder" as ``default_name``; the folder must exist (a
    typo never creates a tree of folders); an existing file is kept unless ``force`` (with
    ``overwrite`` False, never replaced: a backup)."""
    path = Path(text).expanduser()
    if text.endswith(("/", os.sep)) or path.is_dir():
        if not path.is_dir():
            raise InputError(f"{what}: {path}: no such folder; create it first")
        path = path / default_name
    if not path.parent.is_dir():
        raise InputError(f"{what}: {path.parent}: no such folder; create it first")
    if path.exists() or path.is_symlink():
        if not overwrite:
            raise InputError(f"{what}: {path}: already exists; it is never overwritten")
        if not force:
            raise InputError(f"{what}: {path}: already exists; --force replaces it")
        if path.is_dir():
            raise InputError(f"{what}: {path}: is a folder")
    return path


def add_anonymize_mentors(parser: argparse.ArgumentParser) -> None:
    """``--anonymize-mentors``, said the same way by every command that shares mentors' words
    (the report, a form, evidence): one name, one help text, one meaning."""
    parser.add_argument(
        "--anonymize-mentors",
        action="store_true",
        help="leave mentor names out: “Mentor A”, “Mentor B”, … everywhere",
    )
