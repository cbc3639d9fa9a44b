"""Starting the server: checks that give one-line errors, then uvicorn."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

from dyads.store import StoreError, is_postgres_url


class ServeError(Exception):
    """The server cannot start (bad port, missing store, address in use...)."""


def parse_port(value: str | int) -> int:
    try:
        port = int(str(value).strip())
    except ValueError:
        raise ServeError(f"bad port {value!r}: use a number from 1 to 65535") from None
    if not 1 <= port <= 65535:
        raise ServeError(f"bad port {port}: use a number from 1 to 65535")
    return port


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_read_only(host: str, read_only: bool | None) -> bool:
    """Ingest is on by default only for a server that just this machine can reach."""
    return (not is_loopback(host)) if read_only is None else read_only


def check_listen(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def run(db: str | Path, *, host: str = "127.0.0.1", port: str | int = 8000,
        read_only: bool | None = None, coding_timeout: float = 10.0,
        echo: Callable[[str], None] = print) -> None:
    """Serve `db` (a DuckDB file or a `postgresql://` URL) until interrupted."""
    import uvicorn

    from dyads.serve.app import create_app

    number = parse_port(port)
    if is_postgres_url(db):
        from dyads.store_pg import redact

        path: str | Path = str(db)
        label = redact(str(db))
    else:
        path = Path(db)
        label = str(path)
        if not path.exists():
            raise ServeError(f"{path}: no such event store (run 'dyads code' first)")
        if path.is_dir():
            raise ServeError(f"{path}: is a folder, not an event store")
    ro = default_read_only(host, read_only)
    check_listen(host, number)
    try:
        app = create_app(path, read_only=ro, coding_timeout=coding_timeout)
    except StoreError as exc:
        raise ServeError(str(exc)) from None
    mode = "read-only, ingest off" if ro else "writable, ingest on"
    echo(f"serving {label} ({mode}) on http://{host}:{number}/  (API: /api, /openapi.json)")
    uvicorn.run(app, host=host, port=number, log_level="warning")
