"""The encryption commands (encrypt, decrypt, passphrase, recovery-key, unlock): part of the
registry in cli/parser.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plnjournal.cli.parser import Subcommands

_HANDLERS = "plnjournal.cli.cmd_privacy"
_PASSPHRASE = (
    " The passphrase is asked for at the terminal, or read from the file named by "
    "PLNJOURNAL_PASSPHRASE_FILE; never from the command line."
)


def privacy_commands(sub: Subcommands) -> None:
    """encrypt, decrypt, passphrase change, recovery-key new, unlock."""
    p = sub.add_parser(
        "encrypt",
        help="encrypt the journal and its backups with a passphrase (prints a recovery key)",
        description="Encrypts the journal in place with a passphrase you choose, and its "
        "backups with it; prints a recovery key once, which opens the journal if you forget "
        "the passphrase. Close the window first." + _PASSPHRASE,
    )
    p.add_argument(
        "--delete-leftovers",
        action="store_true",
        help="delete, without asking, plain copies that could not be encrypted",
    )
    p.set_defaults(handler=f"{_HANDLERS}:cmd_encrypt")

    p = sub.add_parser(
        "decrypt",
        help="store the journal unencrypted again (its backups stay encrypted)",
        description="Turns the encrypted journal back into a plain file. Close the window "
        "first." + _PASSPHRASE,
    )
    p.add_argument("--yes", action="store_true", help="do not ask")
    p.set_defaults(handler=f"{_HANDLERS}:cmd_decrypt")

    p = sub.add_parser("passphrase", help="change the encrypted journal's passphrase")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser(
        "change",
        help="change the passphrase (the journal is not re-encrypted)",
        description="Asks for the current passphrase (or the recovery key), then the new one "
        "twice; in a script, the new one is read from the file named by "
        "PLNJOURNAL_NEW_PASSPHRASE_FILE." + _PASSPHRASE,
    )
    q.set_defaults(handler=f"{_HANDLERS}:cmd_passphrase_change")

    p = sub.add_parser("recovery-key", help="make a new recovery key for the encrypted journal")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser(
        "new",
        help="make a new recovery key (the old one stops working)",
        description="Prints a new recovery key once; the old one no longer opens the "
        "journal." + _PASSPHRASE,
    )
    q.set_defaults(handler=f"{_HANDLERS}:cmd_recovery_key_new")

    p = sub.add_parser(
        "unlock",
        help="check the passphrase (exit 0, or 2 when wrong); remember it on this computer",
        description="For scripts: exits 0 when the passphrase opens the journal, 2 when it "
        "does not. --remember keeps the journal's key in this computer's keyring, so no "
        "command asks for the passphrase again; --forget removes it." + _PASSPHRASE,
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--remember", action="store_true", help="keep the key in this computer's keyring"
    )
    group.add_argument(
        "--forget", action="store_true", help="remove the key from this computer's keyring"
    )
    p.set_defaults(handler=f"{_HANDLERS}:cmd_unlock")
