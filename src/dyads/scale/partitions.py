"""Splitting inputs into partitions for distributed coding, and reading one partition back.

A partition is a list of units: whole text/HTML files (up to `files_per_partition` of them),
one WARC file, or a shard of a JSONL file (`lines_per_partition` records, by byte offsets at
line starts, so a worker reads only its shard). Planning walks the inputs exactly as
`dyads.ingest.iter_articles` does and gives each text/HTML file the id a single-process run
would give it, so the coded articles are the same whichever worker reads them.

A partition's id hashes its units, the files' sizes and modification times and the coding
options: a re-run with unchanged inputs finds the same ids (and skips those done); a
changed file gets a new id and is coded again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date as Date
from pathlib import Path

from dyads.ingest import (
    SNIFF_BYTES,
    _byte_problem,
    _guard,
    _Ids,
    _read_file,
    _walk,
    input_kind,
    read_jsonl_chunk,
)
from dyads.model import Article, InputError

FILES_PER_PARTITION = 50
LINES_PER_PARTITION = 500


@dataclass(frozen=True)
class Unit:
    """One file, or the byte range [start, end) of a JSONL file from line `first_line`."""

    kind: str  # text, html, warc, jsonl
    path: str
    name: str  # as reported in errors
    doc_id: str | None = None  # text/html: the id a single-process run gives it
    start: int = 0
    end: int = 0
    first_line: int = 1


@dataclass(frozen=True)
class Partition:
    seq: int  # position in the plan: partitions load in this order (later copies win)
    id: str
    units: tuple[Unit, ...]

    @property
    def name(self) -> str:
        return f"part-{self.seq:05d}-{self.id}"

    def to_dict(self) -> dict:
        return {"seq": self.seq, "id": self.id, "units": [asdict(u) for u in self.units]}


@dataclass
class Plan:
    partitions: list[Partition]
    errors: list[InputError]  # inputs that fail before any reading (missing, stdin...)


def plan(inputs: Sequence[str | Path], *, date: Date | None = None,
         files_per_partition: int = FILES_PER_PARTITION,
         lines_per_partition: int = LINES_PER_PARTITION, salt: str = "") -> Plan:
    """Partitions of the inputs, in the order a single-process run reads them."""
    ids = _Ids()
    units: list[list[Unit]] = []
    errors: list[InputError] = []
    pending: list[Unit] = []  # text/html files waiting to fill a partition

    def flush() -> None:
        if pending:
            units.append(list(pending))
            pending.clear()

    for given in inputs:
        name = str(given)
        if name == "-":
            errors.append(InputError("-", "standard input cannot be distributed; give files"))
            continue
        path = Path(given)
        if path.is_dir():
            entries = []
            for e in _walk(path):
                if isinstance(e, InputError):
                    errors.append(e)
                else:
                    entries.append((e, str(e), e.relative_to(path).with_suffix("").as_posix()))
        elif path.exists():
            entries = [(path, name, path.stem)]
        else:
            errors.append(InputError(name, "no such file or directory"))
            continue
        for file, fname, stem in entries:
            kind = input_kind(file)
            if kind in ("text", "html"):
                pending.append(Unit(kind, str(file), fname, ids.claim(file, stem)))
                if len(pending) >= files_per_partition:
                    flush()
            elif kind == "warc":
                flush()
                units.append([Unit(kind, str(file), fname)])
            elif kind == "jsonl":
                flush()
                try:
                    shards = list(_jsonl_shards(file, fname, lines_per_partition))
                except OSError as exc:
                    errors.append(InputError(fname, f"cannot read: {exc.strerror or exc}"))
                    continue
                if isinstance(shards[0], InputError):
                    errors.append(shards[0])
                else:
                    units += [[u] for u in shards]
            else:  # unknown extensions: the reader's own message
                pending.append(Unit("other", str(file), fname, stem))
    flush()
    return Plan([Partition(seq, _partition_id(us, date, salt), tuple(us))
                 for seq, us in enumerate(units)], errors)


def _jsonl_shards(path: Path, name: str, per: int) -> Iterator[Unit | InputError]:
    """Byte ranges of `per` non-blank lines each; or the error of the whole file."""
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
        problem = _byte_problem(head, any_nul=False) if head.strip() else None
        if problem:
            yield InputError(name, problem)
            return
        f.seek(0)
        start = offset = count = shards = 0
        first = 1
        for line_no, data in enumerate(f, start=1):
            offset += len(data)
            if data.strip():  # blank lines ride along; the reader skips them
                count += 1
            if count >= per:
                yield Unit("jsonl", str(path), name, None, start, offset, first)
                shards += 1
                start, first, count = offset, line_no + 1, 0
        if count:
            yield Unit("jsonl", str(path), name, None, start, offset, first)
        elif not shards:
            yield InputError(name, "empty file")


def _partition_id(units: list[Unit], date: Date | None, salt: str) -> str:
    h = hashlib.sha1()
    for u in units:
        try:
            st = Path(u.path).stat()
            stamp = [st.st_size, st.st_mtime_ns]
        except OSError:
            stamp = None
        h.update(json.dumps([asdict(u), stamp]).encode())
    h.update(json.dumps([str(date), salt]).encode())
    return h.hexdigest()[:16]


class _Given:
    """The ids the planner gave (instead of claiming them anew on a worker)."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id

    def claim(self, path: Path, stem: str) -> str:
        return self.doc_id


def read_partition(p: Partition, date: Date | None = None) -> Iterator[Article | InputError]:
    """The articles (and bad inputs) of one partition, as a single-process run reads them."""
    for u in p.units:
        path = Path(u.path)
        if u.kind == "jsonl":
            yield from _guard(u.name, read_jsonl_chunk(path, u.name, u.start, u.end,
                                                       u.first_line, date))
        else:
            ids: _Ids = _Given(u.doc_id or path.stem)  # type: ignore[assignment]
            yield from _guard(u.name, _read_file(path, u.name, path.stem, date, ids))
