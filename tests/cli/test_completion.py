"""Shell completion for bash, zsh and fish, made from the command line's own parser, so it
never misses a command or an option (issue 20, finding 14)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.cli.conftest import Cli


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_every_command(cli: Cli, shell: str) -> None:
    r = cli("completion", shell, db=None)
    assert r.code == 0, r.err
    for command in ("search", "show", "add", "import-feedback", "respond", "tags", "avoidance"):
        assert command in r.out, (shell, command)
    assert "allow-future" in r.out


def test_the_bash_script_is_valid_bash(cli: Cli) -> None:
    script = cli("completion", "bash", db=None).out
    bash = shutil.which("bash")
    assert bash is not None
    subprocess.run([bash, "-n"], input=script, text=True, check=True)


def test_an_unknown_shell_is_a_usage_error(cli: Cli) -> None:
    r = cli("completion", "cmd.exe", db=None)
    assert r.code == 2 and "bash" in r.err


def test_every_command_ends_its_help_with_examples() -> None:
    from plnjournal.cli.parser import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    for name, command in sub.choices.items():
        text = command.format_help()
        assert "Examples:\n  plnjournal" in text or "Examples:\n  eval" in text, name
