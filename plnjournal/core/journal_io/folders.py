"""Walking a journal folder: its own regular files only, symbolic links skipped, bounded.

A folder from someone else (a shared Obsidian vault, an unzipped export) may hold symbolic
links to files outside it (``~/.ssh/id_rsa`` named ``2026-11-28.md``), links that loop, named
pipes that block a reader for ever, or a million files. Every symbolic link is skipped, to a
file or to a folder, pointing inside the folder or outside: a link inside would only bring a
note in twice, and deciding "inside" means resolving a path that can change between the check
and the read. The walk never follows a link, so it cannot loop, and stops past
``MAX_FOLDER_ENTRIES``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from plnjournal.core.journal_io.limits import MAX_FOLDER_ENTRIES, one_line
from plnjournal.errors import InputError, Problem


@dataclass
class FolderFiles:
    """What a walk found: regular files, and the symbolic links it skipped."""

    files: list[Path] = field(default_factory=list)
    links: list[Path] = field(default_factory=list)

    def link_warning(self, root: Path) -> Problem | None:
        """The summary's line about skipped links, or None when there were none."""
        if not self.links:
            return None
        first = one_line(str(self.links[0].relative_to(root)))
        more = f" and {len(self.links) - 1} more" if len(self.links) > 1 else ""
        return Problem(
            one_line(str(root)),
            None,
            None,
            f"skipped {len(self.links)} symbolic link(s) ({first}{more}): only the folder's "
            "own files are imported, never what a link points to",
        )


def walk_folder(
    root: Path,
    *,
    max_depth: int | None = None,
    keep_dir: Callable[[str], bool] = lambda name: not name.startswith("."),
) -> FolderFiles:
    """Regular files under ``root`` (sorted), down to ``max_depth`` folders; folders whose
    name ``keep_dir`` refuses (hidden ones by default) are not entered."""
    found = FolderFiles()
    todo: list[tuple[Path, int]] = [(root, 0)]
    seen = 0
    while todo:
        folder, depth = todo.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    seen += 1
                    if seen > MAX_FOLDER_ENTRIES:
                        raise InputError(
                            f"{one_line(str(root))}: holds more than {MAX_FOLDER_ENTRIES:,} "
                            f"files and folders (the limit is {MAX_FOLDER_ENTRIES:,}); import "
                            "the folder that holds the journal itself"
                        )
                    path = Path(entry.path)
                    if entry.is_symlink():
                        found.links.append(path)
                    elif entry.is_dir(follow_symlinks=False):
                        if keep_dir(entry.name) and (max_depth is None or depth < max_depth):
                            todo.append((path, depth + 1))
                    elif entry.is_file(follow_symlinks=False):
                        found.files.append(path)
        except (PermissionError, FileNotFoundError, NotADirectoryError):
            continue  # a folder we may not read (or that went away) holds nothing for us
    found.files.sort()
    found.links.sort()
    return found
