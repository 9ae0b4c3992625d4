"""``plnjournal completion SHELL``: completion made from the parser itself, never stale."""

from __future__ import annotations

import argparse

import shtab

from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.cli.parser import build_parser


def cmd_completion(args: argparse.Namespace, _ctx: Context) -> int:
    """The completion script for ``args.shell``, from the same parser the commands use."""
    parser = build_parser()
    parser.prog = "plnjournal"
    info(shtab.complete(parser, shell=args.shell))
    return 0
