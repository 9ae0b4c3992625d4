"""A throwaway PostgreSQL cluster for the programme tests: initdb in a temporary folder, a Unix
socket in it on a free port, real login roles, stopped and removed at the end."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo


def postgres_bin() -> Path | None:
    """The folder with initdb, pg_ctl and postgres: Debian's (newest first), else the PATH."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "postgres").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running cluster: its socket folder, port and the superuser's name."""

    folder: Path
    port: int
    superuser: str

    def url(self, dbname: str = "postgres", user: str | None = None) -> str:
        """A conninfo for ``user`` (the superuser by default) on the socket."""
        return make_conninfo(
            host=str(self.folder), port=self.port, dbname=dbname, user=user or self.superuser
        )

    def create_database(self, name: str) -> str:
        """A new empty database; its superuser conninfo."""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    """Start a cluster (as the ``postgres`` OS user when run as root: PostgreSQL refuses to
    run as root), yield it, then stop it and remove its folder."""
    bindir = postgres_bin()
    if bindir is None:
        raise FileNotFoundError("initdb")
    folder = Path(tempfile.mkdtemp(prefix="pln-pg-"))
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    if as_root:
        os.chmod(folder, 0o700)
        shutil.chown(folder, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    superuser = "postgres" if as_root else (os.environ.get("USER") or "postgres")
    data = folder / "data"
    port = _free_port()

    def run(*cmd: str) -> None:
        subprocess.run([*prefix, *cmd], check=True, capture_output=True, cwd=folder)

    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-U",
        superuser,
        "--auth=trust",
        "--no-sync",
        "-E",
        "UTF8",
        "--locale=C",
    )
    # Logins from the tests' roles use SCRAM passwords, as a programme's server does; the
    # superuser alone is trusted on the socket, for setting the tests up.
    (data / "pg_hba.conf").write_text(
        f"local all {superuser} trust\nlocal all all scram-sha-256\n", encoding="utf-8"
    )
    options = (
        f"-k {folder} -p {port} -c listen_addresses='' -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
    )
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"),
        "start")  # fmt: skip
    try:
        yield Cluster(folder, port, superuser)
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            cwd=folder,
        )
        shutil.rmtree(folder, ignore_errors=True)
