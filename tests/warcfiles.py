"""Small WARC files for the tests, written with warcio (pages from samples/articles)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], gzip: bool = True) -> Path:
    """A WARC of (url, body, content type) responses, each after its request record."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for url, body, ctype in pages:
            req = writer.create_warc_record(url, "request", payload=BytesIO(
                b"GET / HTTP/1.1\r\nHost: example\r\n\r\n"))
            writer.write_record(req)
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response",
                                                          payload=BytesIO(body),
                                                          http_headers=http))
    return path


def sample_warc(path: Path) -> Path:
    """Both sample HTML pages, plus an image that is not an article."""
    pages = [(f"https://news.example/{p.stem}", p.read_bytes(), "text/html; charset=utf-8")
             for p in sorted(SAMPLES.glob("*.html"))]
    pages.insert(1, ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64),
                     "image/png"))
    return write_warc(path, pages)
