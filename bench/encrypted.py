"""An encrypted journal beside the plain one: what encryption costs to open, search and add.

    python bench/encrypted.py [--size 10] [--runs 7] [--smoke] [--json OUT]

Two copies of the generated journal (bench/generate.py): one plain, one encrypted with the
real Argon2id parameters (storage/key_wrap.ARGON2_PARAMS). Whole commands run as a user runs
them, the encrypted one with its passphrase in PLNJOURNAL_PASSPHRASE_FILE (so each includes
one Argon2id derivation); in-process figures split that cost out: the unlock alone, and the
search on an open connection. The ratios go in docs/performance.md, "Encrypted journals".

``window_ready`` of an encrypted journal needs the window's unlock screen, which is not built
here; "open_first_read" (``show -n 1``: open the journal, read the newest reflection) stands
for it, beside the plain journal's, with the same command.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import inproc  # noqa: E402
import jrnl_side  # noqa: E402
from measure import Result, machine, repeat, run_process  # noqa: E402

PASSPHRASE = "a passphrase of some length, for the bench"


def app_env(home: Path, passphrase_file: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLNJOURNAL_")}
    env.update(PYTHONPATH=str(ROOT), PLNJOURNAL_HOME=str(home))
    if passphrase_file is not None:
        env["PLNJOURNAL_PASSPHRASE_FILE"] = str(passphrase_file)
    return env


def prepare(source: Path, scratch: Path, *, fast_kdf: bool) -> tuple[Path, Path, Path]:
    """A plain copy, an encrypted copy (real Argon2id parameters, unless ``fast_kdf``: the
    smoke run only checks the bench still works) and the passphrase file."""
    from plnjournal.storage import encryption, keys
    from plnjournal.storage.backup import copy_database

    if fast_kdf:
        os.environ["PLNJOURNAL_INSECURE_FAST_KDF"] = "1"
    else:
        os.environ.pop("PLNJOURNAL_INSECURE_FAST_KDF", None)
    plain = copy_database(source, scratch / "plain" / "journal.sqlite3")
    encrypted = copy_database(source, scratch / "encrypted" / "journal.sqlite3")
    encryption.encrypt(encrypted, PASSPHRASE)
    encryption.lock(encrypted)
    assert keys.is_encrypted(encrypted)
    secret = scratch / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return plain, encrypted, secret


def process(
    name: str, size: str, argv: list[str], env: dict[str, str], runs: int, warmup: int
) -> Result:
    result = Result(name, size)
    for run in range(warmup + runs):
        p = run_process([sys.executable, "-m", "plnjournal", *argv], env=env)
        if run >= warmup:
            result.wall.append(p.wall)
            result.cpu.append(p.cpu)
    return result


def in_process(plain: Path, encrypted: Path, size: str, runs: int, warmup: int) -> list[Result]:
    """The unlock alone (one Argon2id derivation and an AES-GCM unwrap), and search on a
    connection already open, plain and encrypted."""
    from plnjournal.core.journal.search import search
    from plnjournal.storage import encryption
    from plnjournal.storage.sqlite_open import open_readonly

    def unlock() -> None:
        encryption.lock(encrypted)
        encryption.unlock(encrypted, PASSPHRASE)

    wall, cpu = repeat(unlock, runs, warmup)
    out = [Result("unlock_argon2id", size, wall, cpu)]
    for label, path in (("plain", plain), ("encrypted", encrypted)):
        conn = open_readonly(path)
        try:
            wall, cpu = repeat(lambda c=conn: search(c, inproc.SEARCH_WORD, limit=20), runs, warmup)
        finally:
            conn.close()
        out.append(Result(f"search_in_process_{label}", size, wall, cpu))
    return out


def measure(size_text: str, runs: int, warmup: int, out_dir: Path, *, smoke: bool = False) -> dict:
    size = generate.parse_size(size_text)
    paths = generate.ensure(size, out_dir)
    with tempfile.TemporaryDirectory(prefix="plnjournal-bench-enc-") as tmp:
        scratch = Path(tmp)
        plain, encrypted, secret = prepare(paths["db"], scratch, fast_kdf=smoke)
        results = in_process(plain, encrypted, size.label, runs, warmup)
        for label, db, pw in (("plain", plain, None), ("encrypted", encrypted, secret)):
            env = app_env(scratch / f"home-{label}", pw)
            commands = {
                "open_first_read": ["show", "-n", "1"],
                "search_process": ["search", inproc.SEARCH_WORD],
                # the warm-up is the day's first add (whole-file check, daily backup)
                "add_process": ["add", jrnl_side.NEW_ENTRY],
            }
            for name, argv in commands.items():
                results.append(
                    process(
                        f"{name}_{label}",
                        size.label,
                        ["--db", str(db), *argv],
                        env,
                        runs,
                        max(warmup, 1) if name == "add_process" else warmup,
                    )
                )
        shutil.rmtree(scratch, ignore_errors=True)
    figures = [r.to_json() for r in results]
    by_name = {f["name"]: f for f in figures}
    ratios = {}
    for name in ("search_in_process", "open_first_read", "search_process", "add_process"):
        a, b = by_name[f"{name}_plain"], by_name[f"{name}_encrypted"]
        ratios[name] = {
            "ratio": round(b["median_s"] / a["median_s"], 2),
            "added_s": round(b["median_s"] - a["median_s"], 3),
        }
    return {"machine": machine(), "size": size.label, "figures": figures, "ratios": ratios}


def markdown(report: dict) -> str:
    lines = [
        f"Encrypted beside plain, {report['size']} journal (median of the runs; CPU in brackets)",
        "",
        "| figure | plain | encrypted | ratio | added |",
        "|---|---|---|---|---|",
    ]
    by_name = {f["name"]: f for f in report["figures"]}
    for name, r in report["ratios"].items():
        a, b = by_name[f"{name}_plain"], by_name[f"{name}_encrypted"]
        lines.append(
            f"| {name} | {a['median_s'] * 1000:.1f} ms ({a['cpu_median_s'] * 1000:.1f}) "
            f"| {b['median_s'] * 1000:.1f} ms ({b['cpu_median_s'] * 1000:.1f}) "
            f"| {r['ratio']:.2f}× | {r['added_s'] * 1000:+.0f} ms |"
        )
    u = by_name["unlock_argon2id"]
    lines += [
        "",
        f"unlock (Argon2id + unwrap): median {u['median_s'] * 1000:.0f} ms, "
        f"min {u['min_s'] * 1000:.0f}, max {u['max_s'] * 1000:.0f} "
        f"(CPU {u['cpu_median_s'] * 1000:.0f} ms)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="10", help="years (10, 0.1) or reflections (100k)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--smoke", action="store_true", help="once each, on a ten-day journal")
    ap.add_argument("--out", type=Path, default=generate.OUT, help="journals folder")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    args = ap.parse_args(argv)
    size, runs, warmup = ("0.03", 1, 0) if args.smoke else (args.size, args.runs, 1)
    report = measure(size, runs, warmup, args.out, smoke=args.smoke)
    print(markdown(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
