"""The log never holds the journal's words: a session of commands with planted words in every
text (titles, bodies, tags, search queries, mentor comments, imported journals, edits, an
unexpected error quoting the text) leaves none of them in the log file or on stderr
(issue 19, finding 4)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from plnjournal import logs
from plnjournal.cli import cmd_read
from tests.cli.conftest import Cli

# One made-up word per kind of text, so a hit says which text leaked.
PLANTED = {
    "title": "Zebulontitle",
    "body": "Quixbodyword",
    "tag": "marmosettag",
    "query": "Plovrequery",
    "comment": "Okapicomment",
    "mentor": "Ferdinandmentor",
    "imported": "Narwhalimport",
    "edit": "Tapiredited",
    "answer": "Axolotlanswer",
    "error": "Pangolinerror",
}


@pytest.fixture
def every_log_record(monkeypatch: pytest.MonkeyPatch, _isolated_home: Path):
    """The log file open from the start, at DEBUG: every record of the session is in it."""
    root = logging.getLogger("plnjournal")
    before = list(root.handlers)
    monkeypatch.setattr(logs, "_handler", None)
    monkeypatch.setattr(logs, "_handler_path", None)
    monkeypatch.setattr(logs, "_early", None)
    path = logs.setup_logging(logging.DEBUG)
    assert path is not None
    yield path
    for handler in root.handlers:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.WARNING)


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "p = sys.argv[1]\n"
        "s = open(p, encoding='utf-8').read()\n"
        f"open(p, 'w', encoding='utf-8').write(s + '\\nLater: {PLANTED['edit']}.\\n')\n"
    )
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(script))


def test_a_session_of_commands_leaves_no_words_in_the_log(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, every_log_record: Path, qapp
) -> None:
    p = PLANTED
    db = tmp_path / "journal.sqlite3"
    out = tmp_path / "out"
    out.mkdir()
    errs: list[str] = []

    def run(*argv: str, code: int = 0) -> str:
        r = cli(*argv, db=db)
        assert r.code == code, (argv, r.err)
        errs.append(r.err)
        return r.out

    run("skills", "import", "teaching")
    run(
        "add", "--date", "2026-11-02", "--title", f"{p['title']} on the ward",
        f"Talked to {p['body']} about {p['query']} @CL2 #{p['tag']}",
    )  # fmt: skip
    run("add", "--private", "--date", "2026-11-03", f"A private {p['body']} {p['query']}.")
    _editor(tmp_path, monkeypatch)
    run("edit", "1")
    assert p["query"] in run("search", p["query"])
    run("search", p["query"], "--json")
    run("show", "1")
    run("tags")
    feedback = tmp_path / "feedback.csv"
    feedback.write_text(
        "date,mentor,skill,rating,comment\n"
        f"2026-11-04,{p['mentor']},CL2,2,Work on {p['comment']} please\n",
        encoding="utf-8",
    )
    run("import-feedback", str(feedback))
    run("feedback-inbox")
    run("respond", "1", f"I will try {p['answer']}.")
    jrnl = tmp_path / "old.txt"
    jrnl.write_text(f"[2026-10-01 09:00] {p['imported']} day.\nIt went {p['imported']}.\n")
    run("import-journal", str(jrnl), "--dry-run")
    run("import-journal", str(jrnl))
    run("export-journal", str(out / "md"), "--include-private")
    run("export-journal", str(out / "all.json"), "--include-private")
    run("export-pdf", str(out / "report.pdf"), "--include-private", "--from", "2026-09-01")
    run("chart", "calendar", str(out / "cal.png"), "--include-private")
    run("avoidance")
    run("stats")
    run("backup")
    run("delete", "2", "--yes")

    # A bug whose message quotes the reflection: logged, without its message.
    def broken(*_a, **_k):
        raise ValueError(f"could not read {p['error']} in {p['body']}")

    monkeypatch.setattr(cmd_read, "find_entries", broken)
    r = cli("show", "1", db=db)
    assert r.code == 1 and "unexpected problem" in r.err

    for handler in logging.getLogger("plnjournal").handlers:
        handler.flush()
    logged = "".join(f.read_text(encoding="utf-8") for f in every_log_record.parent.glob("*.log*"))
    assert "imported 1 entries" in logged  # the log was written during the session…
    assert "ValueError" in logged and "test_logs_hold_no_text.py" in logged  # …with the bug
    leaked = {kind: word for kind, word in p.items() if word.casefold() in logged.casefold()}
    assert leaked == {}, logged
    said = "".join(errs)
    assert {kind: word for kind, word in p.items() if word in said} == {}, said


def test_an_error_logged_by_anyone_keeps_its_place_not_its_words(every_log_record: Path) -> None:
    """``log.exception`` anywhere (the crash dialog failing, say) goes through the same
    formatter: the frames and the type, not the message."""
    try:
        try:
            int(PLANTED["body"])
        except ValueError as exc:
            raise KeyError(PLANTED["title"]) from exc
    except KeyError:
        logging.getLogger("plnjournal.gui.shell.crash_handler").exception("the dialog failed")
    try:
        open(os.path.join(str(every_log_record.parent), PLANTED["title"], "x"))  # noqa: SIM115
    except OSError as exc:
        logs.log_exception(exc)
    for handler in logging.getLogger("plnjournal").handlers:
        handler.flush()
    logged = every_log_record.read_text(encoding="utf-8")
    assert "the dialog failed" in logged
    assert "ValueError: (message of" in logged and "KeyError: (message of" in logged
    assert "The above was the direct cause of the error below" in logged
    assert "FileNotFoundError: [errno 2] No such file or directory" in logged
    assert logged.index("ValueError") < logged.index("KeyError")
    assert PLANTED["body"] not in logged and PLANTED["title"] not in logged
