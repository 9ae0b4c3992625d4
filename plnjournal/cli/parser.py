"""Every command, its arguments and its handler: the command line's registry, in one place.

Each command names its handler as ``"module:function"`` (``set_defaults(handler=...)``);
``load_handler`` imports that module only when its command runs. So building the parser
imports no command module, and a command loads only what its own module imports:
``search``, ``show``, ``stats`` and ``--version`` never load SQLAlchemy, Qt or matplotlib
(tests/cli/test_cli.py checks it; docs/performance.md, "The command line's start").
A new command: its arguments here, its handler in a ``cmd_*`` module.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from plnjournal import __version__
from plnjournal.cli.args import (
    CHART_KINDS,
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    TEXT_LIMIT,
    add_anonymize_mentors,
    item_id,
    positive_int,
)
from plnjournal.cli.context import Context
from plnjournal.cli.examples import EXAMPLES
from plnjournal.cli.output import print_error
from plnjournal.cli.parser_entries import entry_commands
from plnjournal.cli.parser_evidence import evidence_commands
from plnjournal.cli.parser_feedback import feedback_commands
from plnjournal.cli.parser_forms import form_commands
from plnjournal.cli.parser_mentor import mentor_commands
from plnjournal.cli.parser_privacy import privacy_commands
from plnjournal.cli.parser_programme import programme_commands
from plnjournal.core.language import LANGUAGES
from plnjournal.resources import folder as resource_folder

# ``skills import --format``'s choices (core/frameworks/files.py reads them; the parser must
# not import it).
FRAMEWORK_FORMATS = ("json", "csv", "xlsx", "matrix", "case")

# ``settings language``'s choices: the languages the journal reads, and auto.
LANGUAGE_CHOICES = (*LANGUAGES, "auto")

# The window's handler: ``plnjournal gui``, and a start with no command.
WINDOW_HANDLER = "plnjournal.cli.window:open_gui"

# What a command runs: its exit code (None: 0).
Handler = Callable[[argparse.Namespace, Context], int | None]


def load_handler(spec: str) -> Handler:
    """The function a ``"module:function"`` names, its module imported now: the one place a
    command's code is loaded, so no command pays for another's imports."""
    module, _, name = spec.partition(":")
    handler: Handler = getattr(importlib.import_module(module), name)
    return handler


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in our one-line format with exit code 2."""

    def error(self, message: str) -> NoReturn:
        """A usage error in our one-line format (exit 2) instead of argparse's usage block."""
        print_error(f"{message} (see '{self.prog} --help')")
        raise SystemExit(2)


if TYPE_CHECKING:
    Subcommands: TypeAlias = argparse._SubParsersAction[_Parser]


def build_parser() -> argparse.ArgumentParser:
    """The full parser; a plain window start skips it (``cli.window_args``)."""
    parser = _Parser(
        prog="plnjournal",
        description="PLN Journal: a reflective-practice journal that shows what you keep avoiding. "
        "With no command, opens the journal window.",
    )
    parser.add_argument("--version", action="version", version=f"plnjournal {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="journal file (default: $PLNJOURNAL_DB or the user data folder)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in (
        _journal,
        _skills,
        _backups,
        privacy_commands,
        feedback_commands,
        entry_commands,
        _insights,
        _report,
        form_commands,
        evidence_commands,
        _journal_io,
        _show,
        _settings,
        programme_commands,
        mentor_commands,
    ):
        add(sub)
    _add_examples(sub)
    return parser


def command_names() -> frozenset[str]:
    """Every command's name: a ``--db`` that is one was meant as the command (cli/window.py)."""
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return frozenset(action.choices)
    return frozenset()


def _add_examples(sub: Subcommands) -> None:
    """End each command's --help with its examples, kept as written."""
    for name, command in sub.choices.items():
        lines = EXAMPLES.get(name)
        if lines:
            command.formatter_class = argparse.RawDescriptionHelpFormatter
            command.epilog = "Examples:\n" + "\n".join(f"  {line}" for line in lines)


def _journal(sub: Subcommands) -> None:
    """The window, the demo journal, quick capture, search and counts."""
    p = sub.add_parser("gui", help="open the journal window (the default with no command)")
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="for packagers: open the window, report that it showed, and quit (exit 0)",
    )
    p.add_argument(
        "--screenshot",
        metavar="PNG",
        help="with --smoke-test: save the window as a PNG picture before quitting",
    )
    p.set_defaults(handler=WINDOW_HANDLER)

    p = sub.add_parser("demo", help="fill the journal with a realistic demo journal ending today")
    p.add_argument("--years", type=positive_int, default=1, help="years of entries (default 1)")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed, same journal)")
    p.add_argument(
        "--force", action="store_true", help="add the demo even if the journal has entries"
    )
    p.set_defaults(handler="plnjournal.cli.cmd_demo:cmd_demo")

    p = sub.add_parser("add", help="quick capture: add a reflection")
    p.add_argument("text", nargs="?", help="the text; '-' reads it from standard input")
    p.add_argument("--date", help="YYYY-MM-DD, today, yesterday or a weekday name (default: today)")
    p.add_argument(
        "--allow-future",
        action="store_true",
        help="accept a --date after today (refused otherwise: a reflection is about the past)",
    )
    p.add_argument("--time", help="HH:MM (default: now)")
    p.add_argument("--title", help="title (default: the text's first sentence)")
    p.add_argument(
        "--skill",
        action="append",
        default=[],
        metavar="NAME_OR_CODE",
        help="link a skill (repeatable)",
    )
    p.add_argument(
        "--responds",
        action="append",
        type=item_id,
        default=[],
        metavar="ID",
        help="answer the feedback item ID (see feedback-inbox; repeatable); its skill is "
        "linked too",
    )
    p.add_argument("--private", action="store_true", help="never exported unless asked")
    p.add_argument(
        "--share",
        action="store_true",
        help="share it with your programme's mentors (sent at the next sync; see 'connect')",
    )
    p.add_argument(
        "--edit", action="store_true", help="write it in your editor ($VISUAL or $EDITOR)"
    )
    p.set_defaults(handler="plnjournal.cli.cmd_journal:cmd_add")

    p = sub.add_parser(
        "search", help='full-text search: words (and their other forms), "phrases", prefix*'
    )
    p.add_argument("query")
    p.add_argument("--limit", type=positive_int, default=20)
    p.add_argument("--from", dest="date_from", metavar="DATE", help="reflections from DATE on")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="reflections up to DATE")
    p.add_argument("--skill", metavar="CODE", help="reflections linked to this skill")
    p.add_argument("--tag", metavar="TAG", help="reflections with this tag")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler="plnjournal.cli.cmd_read:cmd_search")

    p = sub.add_parser("stats", help="counts of entries, skills, ratings, feedback, commitments")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler="plnjournal.cli.cmd_read:cmd_stats")


def _skills(sub: Subcommands) -> None:
    """The skills framework: list, import, export, the matrix, keywords."""
    p = sub.add_parser(
        "skills", help="the skills framework: list, import, export, matrix, keywords"
    )
    skills = p.add_subparsers(dest="skills_command", metavar="ACTION", required=True)

    q = skills.add_parser("list", help="list the skills of the active framework")
    q.add_argument("--json", action="store_true", help="print a JSON list")
    q.add_argument("--active", action="store_true", help="leave archived skills out")
    q.set_defaults(handler="plnjournal.cli.cmd_skills:cmd_list")

    q = skills.add_parser(
        "import",
        help="import a framework (.json, .csv, .xlsx, a Mahara .matrix, a CASE package, or a "
        "built-in one by name); re-importing updates skills matched by identifier or code",
    )
    q.add_argument(
        "file",
        metavar="FILE",
        help="a framework file (.json, .csv, .xlsx, .matrix), or a built-in framework: "
        + ", ".join(builtin_names()),
    )
    q.add_argument(
        "--format",
        choices=FRAMEWORK_FORMATS,
        help="what FILE is (default: from its extension and content: .json may be ours, a "
        "CASE package or a SmartEvidence matrix)",
    )
    q.add_argument(
        "--root",
        metavar="IDENTIFIER",
        help="a CASE package's item whose subtree becomes the framework (default: the document)",
    )
    q.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    q.add_argument("--json", action="store_true", help="print the summary as JSON")
    q.set_defaults(handler="plnjournal.cli.cmd_skills:cmd_import")

    q = skills.add_parser(
        "export", help="export the framework (.json, .csv or .xlsx, by extension)"
    )
    q.add_argument("file", metavar="FILE", help="the file to write, or a folder")
    q.add_argument("--force", action="store_true", help="replace FILE if it exists")
    q.set_defaults(handler="plnjournal.cli.cmd_skills:cmd_export")

    q = skills.add_parser("matrix", help="the skills matrix: levels, gaps and attention per skill")
    q.add_argument("--as-of", metavar="DATE", help="as the journal stood on DATE (default today)")
    q.add_argument("--json", action="store_true", help="print a JSON list")
    q.set_defaults(handler="plnjournal.cli.cmd_skills:cmd_matrix")

    q = skills.add_parser(
        "keywords",
        help="the words that show a reflection discusses a skill: list, add, remove",
        description="Words (or phrases) that show a reflection is about the skill, besides its "
        "code, name and descriptors. Words match in any form: 'parent' finds 'parents'.",
    )
    q.add_argument("skill", metavar="CODE", help="the skill's code or name")
    q.add_argument(
        "--add", action="extend", nargs="+", default=[], metavar="WORD", help="add keywords"
    )
    q.add_argument(
        "--remove", action="extend", nargs="+", default=[], metavar="WORD", help="remove keywords"
    )
    q.add_argument("--clear", action="store_true", help="remove every keyword first")
    q.add_argument("--json", action="store_true", help="print the skill's keywords as JSON")
    q.set_defaults(handler="plnjournal.cli.cmd_skills:cmd_keywords")


def _backups(sub: Subcommands) -> None:
    """Backups: make one, list them, restore one."""
    p = sub.add_parser(
        "backup", help="back up the journal now (into its backups folder, or to DEST)"
    )
    p.add_argument("dest", nargs="?", metavar="DEST", help="a new file, or a folder to put it in")
    p.set_defaults(handler="plnjournal.cli.cmd_backup:cmd_backup")

    p = sub.add_parser("backups", help="list the journal's backups, newest first")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler="plnjournal.cli.cmd_backup:cmd_backups")

    p = sub.add_parser(
        "restore", help="replace the journal with a backup (the journal is backed up first)"
    )
    p.add_argument("backup", metavar="BACKUP", help="a backup file, or a name from 'backups'")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler="plnjournal.cli.cmd_backup:cmd_restore")


def _insights(sub: Subcommands) -> None:
    """What you keep avoiding, and the insight charts."""
    p = sub.add_parser(
        "avoidance",
        help="the skills you keep avoiding, highest score first, with the reasons",
        description="Score every active skill 0–100 from named signals (docs/avoidance.md) "
        "and say why in plain words.",
    )
    p.add_argument("--as-of", metavar="DATE", help="score as the journal stood on DATE")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument(
        "--limit",
        type=positive_int,
        metavar="N",
        help=f"show the top N skills (default: {TEXT_LIMIT} as text, all with --json)",
    )
    p.set_defaults(handler="plnjournal.cli.cmd_insights:cmd_avoidance")

    p = sub.add_parser(
        "chart",
        help="draw an insight chart to a PNG, SVG or PDF file",
        description="Charts: avoidance (the ranking with reasons), heatmap (reflections per "
        "skill per week), blindspots (you vs mentor vs target), trends (ratings over time), "
        "calendar (journaling days and streaks). The period defaults to the year up to today; "
        "avoidance and blindspots are as of --to. Private reflections (and the ratings given "
        "with them) are left out unless --include-private is given.",
    )
    p.add_argument("kind", choices=CHART_KINDS, metavar="{" + ",".join(CHART_KINDS) + "}")
    p.add_argument("out", metavar="OUT", help="the file to write (.png, .svg or .pdf), or a folder")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="start of the period")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="end of the period")
    p.add_argument(
        "--skill",
        action="append",
        metavar="CODE",
        help="only this skill (repeatable; code or name)",
    )
    p.add_argument("--dark", action="store_true", help="the dark theme")
    p.add_argument(
        "--include-private", action="store_true", help="include reflections marked private"
    )
    p.set_defaults(handler="plnjournal.cli.cmd_chart:cmd_chart")


def _report(sub: Subcommands) -> None:
    """The progress report (PDF)."""
    p = sub.add_parser(
        "export-pdf",
        help="write a shareable progress report (PDF) for a period",
        description="Write a progress report: summary, skills matrix, charts, what was avoided "
        "and why, mentor feedback and responses, commitments, selected reflections. Private "
        "reflections are left out unless --include-private is given.",
    )
    p.add_argument("out", metavar="OUT.pdf", help="the PDF file to write, or a folder")
    p.add_argument("--force", action="store_true", help="replace OUT.pdf if it exists")
    p.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="first day (YYYY-MM-DD, today, yesterday or a weekday)",
    )
    p.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        help="last day (default: the latest reflection; with neither date, its last 3 months)",
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size")
    p.add_argument(
        "--include-private", action="store_true", help="include reflections marked private"
    )
    add_anonymize_mentors(p)
    p.add_argument(
        "--entry",
        dest="entries",
        type=int,
        action="append",
        metavar="ID",
        help="a reflection to include in full (repeatable; default: those marked highlight)",
    )
    p.set_defaults(handler="plnjournal.cli.cmd_report:cmd_export_pdf")


def _journal_io(sub: Subcommands) -> None:
    """Journal import and export."""
    p = sub.add_parser(
        "import-journal",
        help="import a jrnl, Day One or Markdown journal, or a PLN Journal JSON export",
        description="Bring an existing journal in. Everything is checked first; nothing is "
        "written if any entry has a problem. Entries already in the journal are skipped, so "
        "importing the same journal again adds nothing.",
    )
    p.add_argument("path", metavar="PATH", help="a file, a folder, or a Day One export zip")
    p.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="what PATH is (default: detected from the file)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.add_argument(
        "--timeformat",
        metavar="FMT",
        help="jrnl's 'timeformat' setting if you changed it (e.g. '%%d.%%m.%%Y %%H:%%M')",
    )
    p.add_argument(
        "--max-size",
        type=float,
        default=200,
        metavar="MB",
        help="refuse a journal with more text than this (default 200)",
    )
    p.set_defaults(handler="plnjournal.cli.cmd_journal_io:cmd_import")

    p = sub.add_parser(
        "export-journal",
        help="export reflections as Markdown files, or everything as one JSON file",
        description="Take the journal out: 'markdown' writes one .md file per reflection "
        "(with front matter) into a new folder; 'json' writes the whole journal to one file "
        "that imports back into an empty journal without loss. Private reflections are left "
        "out unless --include-private is given.",
    )
    p.add_argument("path", metavar="PATH", help="a new folder (markdown) or a file (json)")
    p.add_argument("--force", action="store_true", help="replace the JSON file if it exists")
    p.add_argument("--format", choices=EXPORT_FORMATS, help="default: json if PATH ends in .json")
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="D",
        help="first day (YYYY-MM-DD, today, yesterday or a weekday)",
    )
    p.add_argument("--to", dest="date_to", metavar="D", help="last day (YYYY-MM-DD)")
    p.add_argument(
        "--include-private", action="store_true", help="include reflections marked private"
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(handler="plnjournal.cli.cmd_journal_io:cmd_export")


def _show(sub: Subcommands) -> None:
    """The latest reflections in full."""
    p = sub.add_parser(
        "show", help="print reflections in full: the latest, one by number, or by day, skill, tag"
    )
    p.add_argument("entry", nargs="?", type=positive_int, metavar="ID", help="this reflection")
    p.add_argument(
        "-n", dest="count", type=positive_int, default=1, metavar="N", help="how many (default 1)"
    )
    p.add_argument("--on", metavar="DATE", help="the reflections of that day")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="from DATE on")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="up to DATE")
    p.add_argument("--skill", metavar="CODE", help="linked to this skill")
    p.add_argument("--tag", metavar="TAG", help="with this tag")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler="plnjournal.cli.cmd_read:cmd_show")

    p = sub.add_parser(
        "completion",
        help="print shell completion for bash, zsh or fish",
        description="Add to your shell's start file, e.g. for bash: "
        'eval "$(plnjournal completion bash)"; for fish: '
        "plnjournal completion fish > ~/.config/fish/completions/plnjournal.fish",
    )
    p.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell")
    p.set_defaults(handler="plnjournal.cli.cmd_completion:cmd_completion")

    p = sub.add_parser("tags", help="the journal's tags, most used first")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler="plnjournal.cli.cmd_read:cmd_tags")


def _settings(sub: Subcommands) -> None:
    """The journal's own settings (they travel with the journal file)."""
    p = sub.add_parser("settings", help="the journal's settings: the reflections' language")
    settings = p.add_subparsers(dest="settings_command", metavar="SETTING", required=True)
    q = settings.add_parser(
        "language",
        help="the language reflections are written in (their depth is read in it)",
        description="Show or set the language the depth grading reads reflections in "
        "(docs/depth.md): en, fr, de or es; auto detects it from each text.",
    )
    q.add_argument("language", nargs="?", choices=LANGUAGE_CHOICES, help="default: show it")
    q.set_defaults(handler="plnjournal.cli.cmd_settings:cmd_language")


def builtin_names() -> list[str]:
    """The built-in frameworks' names, for ``skills import``'s help (a folder listing: the
    parser must not load the framework code)."""
    return sorted(
        p.name.removesuffix(".json")
        for p in resource_folder("frameworks").iterdir()
        if p.name.endswith(".json")
    )
