"""WARC files (`.warc`, `.warc.gz`; Common Crawl News, Heritrix, wget): one article per page.

Every `response` (or `resource`) record whose content type is HTML is extracted as an HTML
file is (trafilatura, then the debris rules). Other records (requests, metadata, images, PDF)
are not articles and are passed over without a word. An article's id is its WARC-Record-ID
(without `<urn:uuid:` and `>`), unique across crawls; its url is the WARC-Target-URI. The
record's WARC-Date is when the page was fetched, not when it was published, so it is never
used as the publication date. A file that is not WARC, or breaks off, is one error naming it
(`file: malformed WARC: why`); the records before the break are still coded.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr
from dataclasses import replace
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyads.model import Article, InputError

HTML_TYPES = ("text/html", "application/xhtml+xml")
SUFFIXES = (".warc", ".warc.gz")

#: (page bytes, where, doc_id) -> Article | InputError: the HTML reader of dyads.ingest
HtmlReader = Callable[[bytes, str, str], "Article | InputError"]


def is_warc(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def read_warc(f: BinaryIO, name: str, html: HtmlReader) -> Iterator[Article | InputError]:
    """Articles from the HTML pages of a WARC stream, in file order."""
    n = 0
    try:
        archive = ArchiveIterator(f)
        records = iter(archive)
        while True:
            with redirect_stderr(io.StringIO()):  # warcio warns on stderr: we say it once
                record = next(records, None)
            if archive.err_count:
                raise ValueError("a record's length does not match its content")
            if record is None:
                break
            if record.rec_type not in ("response", "resource") or not _is_html(record):
                continue
            n += 1
            headers = record.rec_headers
            rid = (headers.get_header("WARC-Record-ID") or "").strip("<>")
            doc_id = rid.removeprefix("urn:uuid:") or f"{name}#{n}"
            url = headers.get_header("WARC-Target-URI")
            data = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0):
                raise ValueError(f"record {n} ({url}) breaks off")
            item = html(data, f"{name}#{n}", doc_id)
            if isinstance(item, Article):
                item = replace(item, url=item.url or url, path=name)
            yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        why = " ".join(str(exc).split()) or type(exc).__name__
        yield InputError(name, f"malformed WARC: {why}")
        return
    if n == 0:
        yield InputError(name, "no HTML pages in the WARC file")


def _is_html(record) -> bool:
    http = record.http_headers
    ctype = http.get_header("Content-Type") if http is not None else None
    ctype = ctype or record.rec_headers.get_header("Content-Type") or ""
    return ctype.split(";")[0].strip().lower() in HTML_TYPES
