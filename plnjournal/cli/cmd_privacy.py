"""Encryption commands: encrypt, decrypt, passphrase change, recovery-key new, unlock."""

from __future__ import annotations

import argparse
import sys

from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.cli.passphrase import (
    NEW_PASSPHRASE_FILE_ENV,
    can_prompt,
    current_secret,
    new_passphrase,
)
from plnjournal.errors import InputError
from plnjournal.storage import encryption
from plnjournal.storage.convert import shred


def _show_recovery_key(key: str) -> None:
    info("Your recovery key (shown this once; write it down or print it, and keep it")
    info("somewhere other than this computer). It opens the journal if you forget the")
    info("passphrase:")
    info()
    info(f"    {key}")
    info()
    info(encryption.LOST_BOTH)


def _require_encrypted(ctx: Context) -> None:
    ctx.require_journal()
    if not encryption.is_encrypted(ctx.db_path):
        raise InputError(
            f"{ctx.db_path}: the journal is not encrypted ('plnjournal encrypt' encrypts it)"
        )


def cmd_encrypt(args: argparse.Namespace, ctx: Context) -> int:
    """Encrypt the journal in place; print the recovery key once; deal with plain leftovers."""
    ctx.require_journal()
    path = ctx.db_path
    if encryption.is_encrypted(path):
        raise InputError(f"{path}: the journal is already encrypted")
    passphrase = new_passphrase()
    recovery = encryption.encrypt(path, passphrase)
    info(f"Encrypted {path} and its backups.")
    _show_recovery_key(recovery)
    leftovers = encryption.plaintext_leftovers(path)
    if leftovers:
        info()
        info("These copies could not be encrypted and are still readable by anyone:")
        for name in leftovers:
            info(f"  {name}")
        if args.delete_leftovers or (
            can_prompt() and input("Delete them now? [y/N] ").strip().lower() in ("y", "yes")
        ):
            for name in leftovers:
                shred(name)
            info("Deleted.")
        else:
            info("Delete them yourself when you no longer need them.")
    return 0


def cmd_decrypt(args: argparse.Namespace, ctx: Context) -> int:
    """Store the journal as plain SQLite again (after a confirmation)."""
    _require_encrypted(ctx)
    path = ctx.db_path
    if not args.yes:
        if not can_prompt():
            raise InputError("decrypt: add --yes to store the journal unencrypted")
        answer = input(f"Store {path} unencrypted, readable by anyone who gets the file? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            info("Nothing was changed: the journal stays encrypted.")
            return 1
    ctx.ensure_unlocked()
    encryption.decrypt(path)
    info(f"Decrypted {path}. Its backups stay encrypted and open with the same passphrase.")
    return 0


def cmd_passphrase_change(args: argparse.Namespace, ctx: Context) -> int:
    """A new passphrase: the key is rewrapped in a moment, nothing is re-encrypted."""
    _require_encrypted(ctx)
    path = ctx.db_path
    old = current_secret(path, what="current passphrase (or recovery key)")
    encryption.unlock(path, old)  # a wrong one is said before the new one is asked for
    encryption.change_passphrase(path, old, new_passphrase(env=NEW_PASSPHRASE_FILE_ENV))
    info(f"Changed the passphrase of {path} (and of its backups).")
    if encryption.is_remembered(path):
        info("This computer still remembers the journal's key ('plnjournal unlock --forget').")
    return 0


def cmd_recovery_key_new(args: argparse.Namespace, ctx: Context) -> int:
    """A new recovery key, shown once; the old one stops working."""
    _require_encrypted(ctx)
    path = ctx.db_path
    recovery = encryption.new_recovery_key(path, current_secret(path, what="passphrase"))
    info(f"Made a new recovery key for {path}; the old one no longer opens it.")
    _show_recovery_key(recovery)
    return 0


def cmd_unlock(args: argparse.Namespace, ctx: Context) -> int:
    """For scripts: exit 0 when the passphrase opens the journal, 2 when not; and remembering
    the key on this computer (``--remember``) or not (``--forget``)."""
    ctx.require_journal()
    path = ctx.db_path
    if not encryption.is_encrypted(path):
        info(f"{path} is not encrypted; nothing to unlock.")
        return 0
    if args.forget:
        encryption.remember(path, False)
        info(f"This computer no longer remembers the key of {path}.")
        return 0
    encryption.unlock(path, current_secret(path))
    if args.remember:
        encryption.remember(path, True)
        info(f"The passphrase is right; this computer now remembers the key of {path}.")
    else:
        info("The passphrase is right.")
    sys.stdout.flush()
    return 0
