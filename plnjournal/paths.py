"""Where the app keeps its files; one place, overridable for tests and by the user."""

from __future__ import annotations

import atexit
import errno
import os
import stat
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.errors import PlnError
from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    import shutil
    import tempfile

    import platformdirs
else:
    # Off the quick commands (search, show, stats) when the journal is named by --db,
    # PLNJOURNAL_DB or PLNJOURNAL_HOME: no platform folder is asked for then
    # (docs/performance.md, "Where the start-up deferrals are, and what each saves").
    platformdirs = lazy_module("platformdirs")
    # Only when a file is written (a backup, the PDF): tempfile brings shutil, random, bz2 and
    # lzma, off the quick commands' start (docs/performance.md, "The command line's start").
    tempfile = lazy_module("tempfile")
    shutil = lazy_module("shutil")  # with tempfile, for the scratch folder (same reason)

APP_NAME = "plnjournal"
DB_FILENAME = "journal.sqlite3"


def data_dir() -> Path:
    """The user's data folder (``PLNJOURNAL_HOME`` overrides, e.g. for tests)."""
    override = os.environ.get("PLNJOURNAL_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the log file goes (under ``PLNJOURNAL_HOME`` in tests)."""
    override = os.environ.get("PLNJOURNAL_HOME")
    if override:
        return Path(override) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def backup_dir(db_path: Path) -> Path:
    """Backups live beside the database they protect, so a moved journal keeps them."""
    return db_path.parent / "backups"


def default_db_path() -> Path:
    """The journal used when none is named."""
    return data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` wins over ``PLNJOURNAL_DB``, which wins over the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("PLNJOURNAL_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def user_reflection_models_dir() -> Path:
    """Where the user's own reflection models are read from."""
    return data_dir() / "reflection_models"


def runtime_dir() -> Path:
    """A folder only this user can enter, for the window's lock file and local socket.

    ``$XDG_RUNTIME_DIR/plnjournal`` when ``XDG_RUNTIME_DIR`` is a 0700 folder of the user's
    own; else ``run/`` in the data folder. Never the shared temporary folder, where another
    user could create the lock or the socket first and so keep the window from opening
    (issue 18). Made 0700 if missing; OSError when it cannot be made, or is not the user's own.
    """
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / APP_NAME if base and _private_folder(Path(base)) else data_dir() / "run"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _private_folder(folder):
        if folder.is_symlink() or folder.stat().st_uid != _uid():
            raise PermissionError(f"{folder}: not a folder of this user's own")
        folder.chmod(0o700)
    return folder


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else -1


def _private_folder(path: Path) -> bool:
    """True for a real folder (not a link) owned by this user that nobody else may enter."""
    try:
        st = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if os.name != "posix":
        return True
    return st.st_uid == _uid() and stat.S_IMODE(st.st_mode) & 0o077 == 0


def private_file_beside(target: Path, suffix: str) -> Path:
    """A new, empty file of the user's own (0600) in ``target``'s folder, for writing what
    becomes ``target`` by a rename.

    Made with O_EXCL under a random name (``tempfile.mkstemp``): never a file or a symbolic
    link that was already there, so nobody can make the app write through a link planted at
    a name they guessed (issue 18). The caller writes it, renames it over ``target`` and
    removes it on failure.
    """
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)


def write_whole(path: Path, data: bytes, *, what: str = "the file") -> None:
    """Put ``data`` at ``path`` whole or not at all: a new private file beside it
    (``private_file_beside``), synced, then renamed over ``path``. A full disk or a read-only
    folder is said as such (a ``PlnError``), and no partial file is left."""
    tmp: Path | None = None
    try:
        tmp = private_file_beside(path, ".part")
        with tmp.open("r+b") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise PlnError(f"could not write {what} to {path}: {write_problem(path, exc)}") from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def write_problem(path: Path, exc: OSError) -> str:
    """Why a file could not be written, in words the user can act on."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; free some space (nothing was written)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {path.parent} is read-only (nothing was written)"
    return f"{exc.strerror or exc} (nothing was written)"


def private_files() -> None:
    """From now on, files this process makes are 0600 and folders 0700 (POSIX umask 077):
    a reflective journal names patients, pupils and colleagues, and nobody else on the machine
    should read it, its backups or what it exports. Called once, first thing, by the command
    line and the window (they share ``plnjournal.cli.main``)."""
    if os.name == "posix":
        os.umask(0o077)


# --- the scratch folder ---------------------------------------------------------------------

SCRATCH = "scratch"
_scratch: Path | None = None
_scratch_lock = threading.Lock()


def scratch_dir() -> Path:
    """This process's private folder for temporary files (the reflection ``edit`` opens in the
    editor, the trial journal of an import's dry run): ``scratch/<pid>.<random>`` in
    ``runtime_dir``, 0700, removed when the process exits (``remove_scratch``, at exit).

    Never the shared temporary folder: what goes here is the journal's text, in plain words
    even when the journal is encrypted. A process killed before its exit leaves its folder
    behind; the next one that makes a scratch folder, and the window once it has opened,
    remove such folders (``remove_stale_scratch``).
    """
    global _scratch
    with _scratch_lock:
        if _scratch is not None and _scratch.is_dir():
            return _scratch
        root = runtime_dir() / SCRATCH
        root.mkdir(mode=0o700, exist_ok=True)
        remove_stale_scratch(root)
        _scratch = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}.", dir=root))  # 0700, new
        atexit.register(remove_scratch)
        return _scratch


def remove_scratch() -> None:
    """Remove this process's scratch folder and what is in it (at exit; safe to call twice)."""
    global _scratch
    with _scratch_lock:
        if _scratch is not None:
            shutil.rmtree(_scratch, ignore_errors=True)
            _scratch = None


def remove_stale_scratch(root: Path | None = None) -> list[Path]:
    """Remove the scratch folders of processes that are gone (killed, or crashed before their
    exit); returns what was removed. A folder whose process still runs is left alone: two
    windows or a command beside the window each have their own."""
    if root is None:
        try:
            root = runtime_dir() / SCRATCH
        except OSError:
            return []
    try:
        folders = list(root.iterdir())
    except OSError:
        return []
    removed = []
    for folder in folders:
        if folder == _scratch or _in_use(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _in_use(folder: Path) -> bool:
    """True while the process that made ``folder`` runs (on POSIX; elsewhere, where a process
    cannot be asked after cheaply, for a day after the folder last changed)."""
    pid = folder.name.split(".", 1)[0]
    if os.name != "posix" or not pid.isdigit():
        try:
            return time.time() - folder.stat().st_mtime < 86_400
        except OSError:
            return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process now has that number: not ours, so ours is gone
        return False
    return True
