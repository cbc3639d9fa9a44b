"""WARC input: each HTML response is an article, extracted as an HTML file is."""

from __future__ import annotations

import gzip

from warcfiles import SAMPLES, sample_warc, write_warc

from dyads.ingest import iter_articles
from dyads.model import Article, InputError


def test_html_responses_become_articles(tmp_path):
    warc = sample_warc(tmp_path / "crawl.warc.gz")
    items = list(iter_articles([warc]))
    assert all(isinstance(a, Article) for a in items) and len(items) == 2
    direct = {a.title: a for a in iter_articles([SAMPLES]) if isinstance(a, Article)}
    for a in items:
        same = direct[a.title]  # the same text, date and publisher as the .html file
        assert (a.text, a.date, a.source) == (same.text, same.date, same.source)
        assert a.path == str(warc) and len(a.doc_id) == 36  # the WARC-Record-ID's uuid
        assert a.url.startswith("https://")
    assert len({a.doc_id for a in items}) == 2
    assert [a.doc_id for a in iter_articles([warc])] == [a.doc_id for a in items]  # stable


def test_uncompressed_warc_and_a_page_that_is_not_english(tmp_path):
    page = b"<html><body><article><p>" + "Dies ist ein deutscher Text über die " \
        "Regierung und das Parlament in Berlin, der lang genug ist. ".encode() * 5 + \
        b"</p></article></body></html>"
    warc = write_warc(tmp_path / "de.warc", [("https://x.example/de", page, "text/html")],
                      gzip=False)
    [item] = list(iter_articles([warc]))
    assert isinstance(item, InputError)
    assert item.input == f"{warc}#1" and "not English" in item.message


def test_malformed_warc_is_one_line_naming_it(tmp_path):
    bad = tmp_path / "broken.warc.gz"
    bad.write_bytes(gzip.compress(b"this is not a WARC record\n" * 50))
    [err] = list(iter_articles([bad]))
    assert isinstance(err, InputError) and err.input == str(bad)
    assert err.message.startswith("malformed WARC") and "\n" not in str(err)
    good = sample_warc(tmp_path / "good.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good[: len(good) - 200])  # breaks off inside the last record
    items = list(iter_articles([cut]))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], InputError) and items[-1].input == str(cut)
    empty = write_warc(tmp_path / "images.warc.gz", [("https://x.example/a.png", b"\x89PNG",
                                                      "image/png")])
    assert [str(e) for e in iter_articles([empty])] == [
        f"{empty}: no HTML pages in the WARC file"]
