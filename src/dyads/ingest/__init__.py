"""Ingest: files, folders and stdin in; `Article`s (or one-line `InputError`s) out.

Every input is read on its own: whatever is wrong with one (missing, empty, binary, not
UTF-8, not English, a bad JSONL line...) becomes one InputError naming it, and the others
still come through. No exception leaves `iter_articles`.

Dates are never guessed: --date, else the date the input states (JSONL field, HTML
metadata), else a dateline or time stamp in the text, else None. File times and today's
date are never used.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date as Date
from pathlib import Path
from typing import BinaryIO, TextIO

from dyads.ingest.html import declared_charset, extract_html
from dyads.ingest.jsonl import Record, parse_line
from dyads.ingest.language import is_english
from dyads.ingest.text import clean_text, find_dateline_date
from dyads.ingest.warc import is_warc, read_warc
from dyads.model import Article, InputError

__all__ = ["iter_articles", "MAX_BYTES", "READERS", "input_kind", "read_jsonl_chunk"]

MAX_BYTES = 20 * 1024 * 1024  # per file (per line for JSONL, which is streamed)
READERS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
SNIFF_BYTES = 8192  # enough of a file to tell text from binary
JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})  # hidden files (.DS_Store...) go too

Item = Article | InputError


def iter_articles(inputs: Iterable[str | Path], *, date: Date | None = None,
                  stdin: TextIO | None = None) -> Iterator[Item]:
    """Articles from files, folders (recursive, sorted) and "-" (JSON Lines on stdin).

    `date` overrides any date found in the inputs.
    """
    ids = _Ids()
    for given in inputs:
        name = str(given)
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin  # looked up late: tests swap it
            yield from _guard("-", _read_stdin(stream, date))
            continue
        path = Path(given)
        if path.is_dir():
            yield from _guard(name, _read_folder(path, date, ids))
        elif path.exists():
            yield from _guard(name, _read_file(path, name, path.stem, date, ids))
        else:
            yield InputError(name, "no such file or directory")


def _guard(name: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn an unexpected exception into an InputError so the other inputs still run."""
    try:
        yield from items
    except Exception as exc:  # the promise is "never an exception": a bug is one bad input
        yield InputError(name, f"could not read: {type(exc).__name__}: {exc}")


# ------------------------------------------------------------------------------------------
# files and folders
# ------------------------------------------------------------------------------------------

class _Ids:
    """Readable, stable ids: the file's stem, its name if two files share a stem."""

    def __init__(self) -> None:
        self.by_path: dict[Path, str] = {}
        self.used: set[str] = set()

    def claim(self, path: Path, stem: str) -> str:
        key = path.resolve()
        if key in self.by_path:  # the same file given twice keeps its id
            return self.by_path[key]
        choice = stem
        if choice in self.used:  # "story.txt" and "story.html" in one folder
            choice = f"{stem}{path.suffix.lower()}"
        n = 2
        while choice in self.used:
            choice, n = f"{stem}{path.suffix.lower()}#{n}", n + 1
        self.used.add(choice)
        self.by_path[key] = choice
        return choice


def _skipped(name: str) -> bool:
    """Hidden files, OS clutter and editor leftovers are not inputs."""
    return (name.startswith(".") or name.lower() in JUNK_NAMES or name.startswith("~$")
            or name.endswith("~"))


def _walk(folder: Path) -> Iterator[Path | InputError]:
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield InputError(str(folder), f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if _skipped(entry.name):
            continue
        if entry.is_dir():
            if not entry.is_symlink():  # a linked folder could loop back on itself
                yield from _walk(entry)
        else:
            yield entry


def _read_folder(root: Path, date: Date | None, ids: _Ids) -> Iterator[Item]:
    for entry in _walk(root):
        if isinstance(entry, InputError):
            yield entry
            continue
        stem = entry.relative_to(root).with_suffix("").as_posix()  # "korea/story1"
        yield from _guard(str(entry), _read_file(entry, str(entry), stem, date, ids))


def input_kind(path: Path) -> str | None:
    """How a file is read: "text", "html", "jsonl", "warc", or None (not an input)."""
    return "warc" if is_warc(path.name) else READERS.get(path.suffix.lower())


def _read_file(path: Path, name: str, stem: str, date: Date | None, ids: _Ids) -> Iterator[Item]:
    kind = input_kind(path)
    if kind is None:
        what = f"unknown extension {path.suffix}" if path.suffix else "no file extension"
        yield InputError(name, f"{what} (want .txt, .html, .htm, .jsonl or .warc[.gz])")
        return
    try:
        size = path.stat().st_size
        if kind == "jsonl":
            with path.open("rb") as f:
                yield from _read_jsonl(f, name, date)
            return
        if kind == "warc":  # no size limit: a crawl file holds thousands of pages
            with path.open("rb") as f:
                yield from read_warc(f, name, lambda data, where, doc_id: _warc_page(
                    data, where, doc_id, date))
            return
        doc_id = ids.claim(path, stem)  # before any check: an id never depends on errors
        if size > MAX_BYTES:
            yield InputError(name, f"file too large ({size / 2**20:.1f} MB; limit 20 MB)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    problem = _byte_problem(data)
    if problem:
        yield InputError(name, problem)
        return
    if kind == "text":
        yield _text_article(data, name, doc_id, date)
    else:
        yield _html_article(data, name, doc_id, date)


# ------------------------------------------------------------------------------------------
# bytes to text
# ------------------------------------------------------------------------------------------

def _byte_problem(data: bytes, *, any_nul: bool = True) -> str | None:
    """Why these bytes are not a text we can read (empty, binary, UTF-16), or None."""
    if not data.strip():
        return "empty file"
    sample = data[:SNIFF_BYTES]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text is not supported (save it as UTF-8)"
    if _looks_binary(sample, any_nul=any_nul):
        return "binary file (not text)"
    return None


def _looks_binary(sample: bytes, *, any_nul: bool = True) -> bool:
    """NUL bytes or many control bytes. With any_nul=False one stray NUL is not enough
    (a JSONL file with one bad line is text with a bad line, not a binary file)."""
    nuls = sample.count(b"\x00")
    if nuls and (any_nul or nuls > len(sample) * 0.01):
        return True
    controls = sum(b < 32 and b not in b"\t\n\r\f\x1b" for b in sample)
    return controls > len(sample) * 0.1


def _decode(data: bytes, encoding: str = "utf-8") -> str | UnicodeDecodeError:
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return exc


def _decode_error(exc: UnicodeDecodeError, offset: int = 0) -> str:
    """"invalid UTF-8 at byte N": N counts from the start of the input, so one can look."""
    utf8 = exc.encoding.replace("-", "").replace("_", "").lower().startswith("utf8")
    return f"invalid {'UTF-8' if utf8 else exc.encoding} at byte {offset + exc.start}"


# ------------------------------------------------------------------------------------------
# readers
# ------------------------------------------------------------------------------------------

def _text_article(data: bytes, name: str, doc_id: str, date: Date | None) -> Item:
    raw = _decode(data)
    if isinstance(raw, UnicodeDecodeError):
        return InputError(name, _decode_error(raw))
    title, body = clean_text(raw)
    if not (title or body):
        return InputError(name, "no article text (only page debris)")
    day = date or find_dateline_date(raw)
    return _checked(Article(doc_id=doc_id, text=body, title=title, date=day, path=name), name)


def _html_article(data: bytes, name: str, doc_id: str, date: Date | None) -> Item:
    charset = declared_charset(data)
    markup = _decode(data, _codec(charset) or "utf-8")
    if isinstance(markup, UnicodeDecodeError):
        return InputError(name, _decode_error(markup))
    page = extract_html(markup)
    if page is None:
        return InputError(name, "no article text found in the HTML")
    day = date or page.date or find_dateline_date(page.text)
    return _checked(Article(doc_id=doc_id, text=page.text, title=page.title, date=day,
                            url=page.url, source=page.source, path=name), name)


def _warc_page(data: bytes, where: str, doc_id: str, date: Date | None) -> Item:
    if len(data) > MAX_BYTES:
        return InputError(where, f"page too large ({len(data) / 2**20:.1f} MB; limit 20 MB)")
    problem = _byte_problem(data)
    return InputError(where, problem) if problem else _html_article(data, where, doc_id, date)


def _codec(charset: str | None) -> str | None:
    """A page's declared charset if Python knows it (pages in EUC-KR or cp1252 exist)."""
    import codecs

    if not charset:
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _checked(article: Article, where: str) -> Item:
    """Last check shared by all formats: the coder reads English only."""
    if not is_english(f"{article.title or ''}\n{article.text}"):
        return InputError(where, "not English (the coder reads English only)")
    return article


def _read_jsonl(f: BinaryIO, name: str, date: Date | None) -> Iterator[Item]:
    """Stream a JSONL file: memory stays small and a bad line costs only that line."""
    head = f.read(SNIFF_BYTES)
    f.seek(0)
    # an all-blank start is left to the line reader, which says "empty file" if it stays so
    problem = _byte_problem(head, any_nul=False) if head.strip() else None
    if problem:
        yield InputError(name, problem)
        return
    yield from _jsonl_records(_byte_lines(f), name, date)


def _read_stdin(stream: TextIO, date: Date | None) -> Iterator[Item]:
    raw = getattr(stream, "buffer", None)  # bytes when we can: a bad line then costs one line
    lines = _byte_lines(raw) if raw is not None else _text_lines(stream)
    yield from _jsonl_records(lines, "-", date, empty="empty input on stdin")


# (line number, text, problem): exactly one of text and problem is set
Line = tuple[int, str | None, str | None]


def read_jsonl_chunk(path: Path, name: str, start: int, end: int, first_line: int,
                     date: Date | None) -> Iterator[Item]:
    """The JSONL records between byte offsets `start` and `end` (at line starts), numbered
    from `first_line`: one shard of a large file (dyads/scale/partitions.py). The checks of
    the whole file (binary, empty) are the planner's."""
    with path.open("rb") as f:
        f.seek(start)
        lines = _byte_lines(_until(f, end - start), start=first_line, offset=start)
        yield from _jsonl_records(lines, name, date, empty=None)


def _until(f: BinaryIO, size: int) -> Iterator[bytes]:
    for data in f:
        if size <= 0:
            return
        size -= len(data)
        yield data


def _byte_lines(f: Iterable[bytes], start: int = 1, offset: int = 0) -> Iterator[Line]:
    for n, data in enumerate(f, start=start):
        if len(data) > MAX_BYTES:
            yield n, None, "line too large (limit 20 MB)"
        elif b"\x00" in data:
            yield n, None, "binary data (NUL bytes)"
        else:
            text = _decode(data)
            if isinstance(text, UnicodeDecodeError):
                yield n, None, _decode_error(text, offset)
            else:
                yield n, text, None
        offset += len(data)


def _text_lines(stream: TextIO) -> Iterator[Line]:
    """Lines of an already-decoded stream; a decode failure ends it (the rest is unknown)."""
    n = 0
    try:
        for n, line in enumerate(stream, start=1):
            yield n, line, None
    except UnicodeDecodeError as exc:
        yield n + 1, None, f"invalid UTF-8 ({exc.reason})"


def _jsonl_records(lines: Iterable[Line], name: str, date: Date | None,
                   empty: str | None = "empty file") -> Iterator[Item]:
    seen = False
    for n, text, problem in lines:
        where = f"{name}:{n}"
        line = (text or "").strip().removeprefix("\ufeff").strip()
        if problem is None and not line:
            continue  # blank lines (a trailing newline, spacing) are not articles
        seen = True
        record = problem or parse_line(line)
        if isinstance(record, str):
            yield InputError(where, record)
        else:
            yield _record_article(record, name, n, where, date)
    if not seen and empty:
        yield InputError(name, empty)


def _record_article(record: Record, name: str, n: int, where: str, date: Date | None) -> Item:
    day = date or record.date or find_dateline_date(record.text)
    return _checked(Article(doc_id=record.doc_id, text=record.text, title=record.title,
                            date=day, url=record.url, source=record.source, path=name, line=n),
                    where)
