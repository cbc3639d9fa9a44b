"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl on a temporary directory.

`TempPostgres.start()` finds the server binaries (`DYADS_PG_BIN`, `pg_config --bindir`, PATH,
then /usr/lib/postgresql/*/bin, newest first), creates a cluster in a temporary directory and
starts it on a free port of 127.0.0.1 with trust authentication. PostgreSQL refuses to run as
root: as root, the cluster belongs to the `postgres` user if there is one, else to a system
user `dyads-pg` created for it. Set `DYADS_TEST_POSTGRES=postgresql://user@host/db` to use
an existing server instead (one where that user may create databases).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

TEST_USER = "dyads"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries here (the tests that need a server skip)."""


def find_bindir() -> Path:
    candidates = [os.environ.get("DYADS_PG_BIN", "")]
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb")).parent))  # type: ignore[arg-type]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(Path(p).parent.name) if Path(p).parent.name
                         .isdigit() else 0, reverse=True)
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found; install "
                              "postgresql or set DYADS_PG_BIN")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: None = this user; as root, an unprivileged one."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "dyads-pg"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    "dyads-pg"], check=True, capture_output=True)
    return pwd.getpwnam("dyads-pg")


class TempPostgres:
    """A running server; `new_database()` gives the URL of a fresh, empty database."""

    def __init__(self, base_url: str, stop: list[str] | None = None,
                 workdir: Path | None = None, user: pwd.struct_passwd | None = None) -> None:
        self.base_url = base_url
        self._stop = stop
        self._workdir = workdir
        self._user = user
        self._names = itertools.count()

    @classmethod
    def start(cls, durable: bool = False) -> TempPostgres:
        """Start a server (fsync off, for speed, unless `durable`)."""
        existing = os.environ.get("DYADS_TEST_POSTGRES")
        if existing:
            return cls(existing)
        bindir = find_bindir()
        user = _server_user()
        workdir = Path(tempfile.mkdtemp(prefix="dyads-pg-"))
        data = workdir / "data"
        if user is not None:
            os.chown(workdir, user.pw_uid, user.pw_gid)
        kw = {} if user is None else {"user": user.pw_uid, "group": user.pw_gid,
                                      "extra_groups": []}

        def run(*args: str) -> None:
            out = subprocess.run(list(args), capture_output=True, text=True, cwd=workdir,
                                 **kw)
            if out.returncode:
                raise RuntimeError(f"{' '.join(args)} failed: {out.stderr or out.stdout}")

        port = _free_port()
        run(str(bindir / "initdb"), "-D", str(data), "-U", TEST_USER, "--auth=trust",
            "--encoding=UTF8", "--locale=C", "--no-sync")
        fast = "" if durable else ("-c fsync=off -c synchronous_commit=off "
                                   "-c full_page_writes=off ")
        opts = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories="
                f"'{workdir}' {fast}-c max_connections=50")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l",
            str(workdir / "server.log"), "-w", "-t", "30", "start")
        stop = [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        return cls(f"postgresql://{TEST_USER}@127.0.0.1:{port}/postgres", stop, workdir,
                   user)

    def new_database(self) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.base_url, autocommit=True) as con:
            con.execute(f"DROP DATABASE IF EXISTS {name}")
            con.execute(f"CREATE DATABASE {name}")
        return self.base_url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        if self._stop:
            kw = {} if self._user is None else {"user": self._user.pw_uid,
                                                "group": self._user.pw_gid,
                                                "extra_groups": []}
            subprocess.run(self._stop, capture_output=True, **kw)
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)
