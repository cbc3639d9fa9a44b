"""Ingest: files, folders and stdin to Articles; every bad input is exactly one InputError."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import SAMPLES

import dyads.ingest as ingest
from dyads.ingest import iter_articles
from dyads.ingest.html import extract_html
from dyads.ingest.jsonl import content_id
from dyads.ingest.language import is_english
from dyads.ingest.text import clean_text, debris_reason, find_dateline_date
from dyads.model import Article, InputError

STORY = [
    "SEOUL, Nov. 10, 2019 (Yonhap) -- North Korea on Sunday rejected a US offer of talks, "
    "accusing Washington of keeping sanctions in place.",
    "The United States had proposed a meeting in Stockholm next month, a State Department "
    "official said.",
    '"We have no intention of sitting at the table," the North\'s negotiator said in a statement.',
    "South Korea's Unification Ministry expressed regret over the North's decision.",
    "China called for restraint and said it supported dialogue.",
]
HEADLINE = "North Korea rejects US offer of new nuclear talks"
PAGE = "\n".join([
    "Back To Top", "Home", "Menu", "Search", "Korea Herald daum", "Yonhap News Agency",
    "Home | World | North Korea", HEADLINE,
    "Published : Nov 10, 2019 - 16:36 Updated : Nov 10, 2019 - 18:02",
    "Reading Time: 3 minutes", "Author", "Kim Yoo-chul", "By Kim Yoo-chul", "Share",
    "Facebook", "Twitter", "Tweet", "Email", "Print", "Copy link", "",
    STORY[0], "", "Advertisement", STORY[1], "(Yonhap)", "", STORY[2], "[AP Photo]",
    "Photo: Reuters", STORY[3], "Sign in", "Log in", "Subscribe", "", STORY[4], "",
    "Related Articles", "Moon calls for calm amid trade row with Tokyo",
    "Seoul stocks close higher on chip rally", "", "Read more", "Comments", "Newsletter",
    "MOST READ", "catch table", "© 2019 Yonhap News Agency. All rights reserved.",
    "By Reuters Staff",
])


def run(*inputs, **kw) -> list[Article | InputError]:
    return list(iter_articles([str(i) for i in inputs], **kw))


def split(items) -> tuple[list[Article], list[InputError]]:
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputError)])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the debris cleaner -------------------------------------------------------------------

def test_clean_text_removes_debris_and_keeps_every_story_sentence():
    title, body = clean_text(PAGE)
    assert title == HEADLINE
    assert body.split("\n\n") == STORY  # all sentences, in order, one paragraph each


@pytest.mark.parametrize("line", [
    "Back To Top", "Home", "Reading Time: 3 minutes", "Author", "MOST READ", "catch table",
    "Korea Herald daum", "Yonhap News Agency", "The Korea Times", "Share", "Facebook",
    "Twitter", "Tweet", "Email", "Print", "Copy link", "By Kim Yoo-chul", "By Reuters Staff",
    "Menu", "Search", "Subscribe", "Sign in", "Log in", "Advertisement", "Related Articles",
    "Read more", "Comments", "Newsletter", "© 2019 Herald Corp.", "(Yonhap)", "[AP Photo]",
    "Photo: Kim Min-ji / The Korea Herald", "Share on Facebook", "3 min read",
    "Published : Nov 10, 2019 - 16:36 Updated : Nov 10, 2019 - 18:02", "Posted on 2019-11-10",
    "Sunday, Nov. 10, 2019 16:36 KST", "Home > World > Asia", "koreaherald.com",
    "kimyoochul@heraldcorp.com", "WORLD", "1/5",
    "(Reporting by Ravi Sharma in New Delhi; Editing by Mark Bennett and Lee Jae-hoon)",
])
def test_debris_lines(line):
    assert debris_reason(line) is not None


@pytest.mark.parametrize("line", [
    HEADLINE, "Middle East peace talks stall over prisoner release",
    "Seoul protests Tokyo curbs", "Kim meets press", "Home Secretary visits Washington",
    "By Sunday, the protests had spread to Basra.", "Posted on the border, troops fired shots.",
    "(The ministry did not respond to a request for comment, officials in Seoul said later.)",
    *STORY,
])
def test_story_lines_are_not_debris(line):
    assert debris_reason(line) is None


def test_story_list_before_the_headline_is_dropped():
    raw = "MOST READ\nMoon calls for calm\nSeoul stocks rise\n" + HEADLINE + "\nBy Kim\n" + STORY[0]
    assert clean_text(raw) == (HEADLINE, STORY[0])


def test_story_list_in_the_middle_does_not_eat_story():
    raw = "\n".join([HEADLINE, STORY[0], "Related Articles", "Japan to tighten exports",
                     "Samsung seeks suppliers", "", STORY[1]])
    assert clean_text(raw) == (HEADLINE, "\n\n".join(STORY[:2]))


def test_hard_wrapped_lines_join_and_headlines_stay_apart():
    raw = ("Seoul says it will take the export dispute to the WTO\n"
           "South Korea said on Tuesday that it would file a complaint with the\n"
           "World Trade Organization over the curbs, and that it\n"
           "expected a ruling within a year.\n"
           "Japan declined to comment.")
    title, body = clean_text(raw)
    assert title == "Seoul says it will take the export dispute to the WTO"
    assert body == ("South Korea said on Tuesday that it would file a complaint with the "
                    "World Trade Organization over the curbs, and that it expected a ruling "
                    "within a year.\n\nJapan declined to comment.")


def test_one_line_text_is_body_not_title():
    assert clean_text("Japan imposed export curbs on South Korea.\n") == (
        None, "Japan imposed export curbs on South Korea.")


def test_title_loses_site_suffix_and_repeated_headline():
    raw = f"{HEADLINE} | Yonhap News Agency\n{HEADLINE}\n{STORY[0]}"
    assert clean_text(raw) == (HEADLINE, STORY[0])


# --- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("SEOUL, Nov. 10, 2019 (Yonhap) -- North Korea said.", date(2019, 11, 10)),
    ("SEOUL, Nov. 10 (Yonhap) -- North Korea said.", None),  # no year: never guessed
    ("Published : Nov 10, 2019 - 16:36 Updated : Nov 12, 2019 - 10:00", date(2019, 11, 10)),
    ("Posted on 2019-11-10\nStory.", date(2019, 11, 10)),
    ("WASHINGTON (Reuters), March 3, 2020 — The United States said.", date(2020, 3, 3)),
    ("KYIV, Ukraine, March 3, 2020 (AP) — Russian troops...", date(2020, 3, 3)),
    ("NEW DELHI, 26 February 2019: India said...", date(2019, 2, 26)),
    ("Headline\nTuesday, January 14, 2020 | 18:40\nStory.", date(2020, 1, 14)),
    ("Updated: Nov 12, 2019\nSEOUL, Nov. 10, 2019 (Yonhap) -- Talks.", date(2019, 11, 10)),
    ("Updated: Nov 12, 2019\nStory.", date(2019, 11, 12)),
    # dates inside sentences are event dates, not the article's
    ("U.S. officials said on March 3, 2020 — that talks would resume.", None),
    ("The summit held on June 12, 2018 in Singapore ended without a deal.", None),
    ("SEOUL, Feb. 30, 2019 (Yonhap) -- Impossible date.", None),
    ("No date at all.", None),
])
def test_find_dateline_date(text, expected):
    assert find_dateline_date(text) == expected


def test_date_precedence_override_field_dateline_none(tmp_path):
    dated = "SEOUL, Nov. 10, 2019 (Yonhap) -- North Korea rejected talks with the United States."
    write(tmp_path / "d.txt", dated)
    write(tmp_path / "n.txt", "North Korea rejected talks with the United States.")
    write(tmp_path / "j.jsonl", "\n".join(json.dumps(r) for r in [
        {"id": "field", "text": dated, "date": "2020-01-05"},
        {"id": "dateline", "text": dated},
        {"id": "none", "text": "Iran criticized Israel on Monday."},
    ]))
    got = {a.doc_id: a.date for a in run(tmp_path)}
    assert got == {"d": date(2019, 11, 10), "n": None, "field": date(2020, 1, 5),
                   "dateline": date(2019, 11, 10), "none": None}
    forced = {a.doc_id: a.date for a in run(tmp_path, date=date(2021, 1, 1))}
    assert set(forced.values()) == {date(2021, 1, 1)}


def test_file_time_is_never_a_date(tmp_path):
    path = write(tmp_path / "story.txt", "Japan imposed export curbs on South Korea.")
    os.utime(path, (1_500_000_000, 1_500_000_000))
    [article] = run(path)
    assert article.date is None


# --- HTML ---------------------------------------------------------------------------------

def test_html_sample_text_and_metadata():
    [article] = run(SAMPLES / "russia_ukraine_sanctions.html")
    assert article.doc_id == "russia_ukraine_sanctions"
    assert article.title == ("EU imposes new sanctions on Russia after missile strikes on "
                             "Ukrainian cities")
    assert article.date == date(2022, 2, 28)
    assert article.url == ("https://www.continentalwire.example/world/europe/"
                           "eu-sanctions-russia-strikes")
    assert article.source == "Continental Wire"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("BRUSSELS/KYIV, Feb. 28, 2022")
    assert paragraphs[-1].startswith("The UN refugee agency said")
    assert len(paragraphs) == 12
    for debris in ("Sign in", "Related stories", "Oil prices jump", "All rights reserved",
                   "By Anna Kowalska", "Privacy policy"):
        assert debris not in article.text


def test_html_date_falls_back_to_dateline_then_none(tmp_path):
    body = ("<p>SEOUL, Nov. 10, 2019 (Yonhap) -- North Korea on Sunday rejected a US offer "
            "of talks, the state news agency said in a statement.</p>"
            "<p>Japan praised South Korea for its restraint after the launch.</p>")
    write(tmp_path / "a.html", f"<html><body><article>{body}</article></body></html>")
    write(tmp_path / "b.html", "<html><body><article>" + body.replace(", 2019", "")
          + "</article></body></html>")
    assert {a.doc_id: a.date for a in run(tmp_path)} == {"a": date(2019, 11, 10), "b": None}


def test_malformed_html_is_read_or_reported(tmp_path):
    write(tmp_path / "cut.html", "<html><body><div><p>North Korea rejected a US offer of talks "
          "on Sunday, the state news agency said in a statement.<p>Japan praised South")
    write(tmp_path / "junk.htm", "<<<>>>&&&;;; <p")
    write(tmp_path / "menu.html", "<html><body><nav>Home</nav></body></html>")
    articles, errors = split(run(tmp_path))
    assert [a.doc_id for a in articles] == ["cut"]
    assert [(e.input, e.message) for e in errors] == [
        (str(tmp_path / "junk.htm"), "no article text found in the HTML"),
        (str(tmp_path / "menu.html"), "no article text found in the HTML"),
    ]


def test_extract_html_none_for_no_text():
    assert extract_html("") is None
    assert extract_html("<html></html>") is None


# --- JSONL --------------------------------------------------------------------------------

def test_jsonl_contract(tmp_path):
    rows = [
        {"id": "a1", "text": "China criticized the United States over arms sales to Taiwan.",
         "date": "2020-01-05", "title": "China slams arms sale", "url": "https://x.example/a1",
         "source": "Wire"},
        {"id": 7, "text": "Japan imposed export curbs on South Korea.",
         "date": "2019-07-01T09:30:00+09:00"},
        {"text": "Iran criticized Israel.\r\n\r\n\r\nIsrael rejected the claim."},
    ]
    path = write(tmp_path / "in.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    a, b, c = run(path)
    assert (a.doc_id, a.date, a.title, a.url, a.source, a.path, a.line) == (
        "a1", date(2020, 1, 5), "China slams arms sale", "https://x.example/a1", "Wire",
        str(path), 1)
    assert (b.doc_id, b.date, b.title, b.line) == ("7", date(2019, 7, 1), None, 2)
    assert c.text == "Iran criticized Israel.\n\nIsrael rejected the claim."
    assert c.doc_id == content_id(c.text) and len(c.doc_id) == 16
    assert c.doc_id == run(path)[2].doc_id  # stable


@pytest.mark.parametrize(("line", "message"), [
    ("{oops", "invalid JSON"),
    ("[1, 2]", "not a JSON object"),
    ('{"id": "x"}', 'missing "text"'),
    ('{"id": "x", "text": "   "}', 'empty "text"'),
    ('{"id": "x", "text": 42}', '"text" is not a string'),
    ('{"id": "x", "text": "Iran criticized Israel.", "date": "last Tuesday"}', 'bad "date"'),
    ('{"id": "x", "text": "Iran criticized Israel.", "date": 20200105}', 'bad "date"'),
    ('{"id": ["x"], "text": "Iran criticized Israel."}', '"id" must be a string'),
    ('{"id": "x", "text": "Iran criticized Israel.", "title": 5}', '"title" is not a string'),
])
def test_bad_jsonl_line_is_one_error_and_the_rest_come_through(tmp_path, line, message):
    good = json.dumps({"id": "ok", "text": "Iran criticized Israel."})
    path = write(tmp_path / "in.jsonl", "\n".join([good, line, good.replace("ok", "ok2")]))
    articles, errors = split(run(path))
    assert [a.doc_id for a in articles] == ["ok", "ok2"]
    assert len(errors) == 1
    assert errors[0].input == f"{path}:2" and message in errors[0].message
    assert "\n" not in str(errors[0])


def test_jsonl_bad_bytes_on_one_line(tmp_path):
    good = json.dumps({"id": "ok", "text": "Iran criticized Israel."}).encode()
    path = tmp_path / "in.jsonl"
    path.write_bytes(good + b"\n" + b'{"id": "b", "text": "Caf\xe9"}\n' + b'{"a":\x00}\n' + good)
    articles, errors = split(run(path))
    assert len(articles) == 2
    assert [str(e) for e in errors] == [
        f"{path}:2: invalid UTF-8 at byte {len(good) + 1 + 24}",
        f"{path}:3: binary data (NUL bytes)",
    ]


def test_jsonl_non_english_line(tmp_path):
    french = ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour la population "
              "et les entreprises du pays, selon le ministre.")
    path = write(tmp_path / "in.jsonl", json.dumps({"id": "fr", "text": french}) + "\n"
                 + json.dumps({"id": "en", "text": "Iran criticized Israel."}))
    articles, errors = split(run(path))
    assert [a.doc_id for a in articles] == ["en"]
    assert [e.input for e in errors] == [f"{path}:1"] and "English" in errors[0].message


# --- stdin --------------------------------------------------------------------------------

def test_stdin_dash_reads_jsonl():
    stream = io.StringIO(json.dumps({"id": "s1", "text": "Iran criticized Israel."}) + "\n{bad\n")
    articles, errors = split(run("-", stdin=stream))
    assert [(a.doc_id, a.path, a.line) for a in articles] == [("s1", "-", 1)]
    assert [e.input for e in errors] == ["-:2"]


def test_stdin_bytes_with_a_bad_line():
    data = (json.dumps({"id": "s1", "text": "Iran criticized Israel."}).encode() + b"\n"
            + b"\xff\xfe oops\n" + json.dumps({"id": "s2", "text": "Japan protested."}).encode())
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    articles, errors = split(run("-", stdin=stream))
    assert [a.doc_id for a in articles] == ["s1", "s2"]
    assert [e.input for e in errors] == ["-:2"] and "invalid UTF-8" in errors[0].message


def test_empty_stdin_is_reported():
    assert [str(e) for e in run("-", stdin=io.StringIO(""))] == ["-: empty input on stdin"]


def test_stdin_defaults_to_sys_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "z", "text": "Iran protested."}'))
    assert [a.doc_id for a in run("-")] == ["z"]


# --- folders and ids ----------------------------------------------------------------------

def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    text = "Japan imposed export curbs on South Korea."
    for rel in ("b.txt", "a.txt", "korea/story1.txt", "korea/deep/story2.htm", ".hidden.txt",
                ".git/config.txt", ".DS_Store", "Thumbs.db", "notes.txt~", "~$draft.txt"):
        write(tmp_path / rel, f"<p>{text}</p>" if rel.endswith(".htm") else text)
    write(tmp_path / "readme.md", "# notes")
    articles, errors = split(run(tmp_path))
    assert [a.doc_id for a in articles] == ["a", "b", "korea/deep/story2", "korea/story1"]
    assert [a.path for a in articles][0] == str(tmp_path / "a.txt")
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'readme.md'}: unknown extension .md "
        "(want .txt, .html, .htm, .jsonl or .warc[.gz])"]


def test_ids_are_stable_and_distinct(tmp_path):
    text = "Japan imposed export curbs on South Korea."
    write(tmp_path / "story.txt", text)
    write(tmp_path / "story.html", f"<html><body><p>{text}</p></body></html>")
    first = [a.doc_id for a in run(tmp_path)]
    assert first == ["story.html", "story"] or first == ["story", "story.txt"]
    assert [a.doc_id for a in run(tmp_path)] == first
    twice = [a.doc_id for a in run(tmp_path / "story.txt", tmp_path / "story.txt")]
    assert twice == ["story", "story"]


# --- bad inputs ---------------------------------------------------------------------------

def test_every_bad_input_is_one_error_and_the_good_ones_come_through(tmp_path):
    good = write(tmp_path / "good.txt", "Japan imposed export curbs on South Korea.\n")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Japan protested.".encode("utf-16"))
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "debris.txt").write_text("Home\nShare\nMOST READ\n", encoding="utf-8")
    write(tmp_path / "bad.jsonl", '{"id": "x", "text": "Iran criticized Israel."}\n{oops\n')
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    write(tmp_path / "french.txt",
          "Le gouvernement a annoncé mardi une nouvelle série de mesures pour la population "
          "et les entreprises du pays, selon le ministre.")
    write(tmp_path / "korean.txt",
          "북한은 일요일 미국의 대화 제안을 거부했다고 조선중앙통신이 보도했다.")
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(ingest.MAX_BYTES + 1)  # sparse: the size check must come before reading
    missing = tmp_path / "missing.txt"
    items = run(tmp_path, missing, good)
    articles, errors = split(items)
    assert sorted(a.doc_id for a in articles) == ["good", "good", "x"]
    expected = {
        "empty.txt": "empty file", "blank.txt": "empty file",
        "binary.txt": "binary file", "latin.txt": "invalid UTF-8 at byte 3",
        "utf16.txt": "UTF-16", "notes.docx": "unknown extension .docx",
        "debris.txt": "only page debris", "bad.jsonl:2": "invalid JSON",
        "empty.jsonl": "empty file", "french.txt": "not English", "korean.txt": "not English",
        "huge.txt": "file too large", "missing.txt": "no such file or directory",
    }
    assert len(errors) == len(expected)
    for name, message in expected.items():
        [hit] = [e for e in errors if e.input == str(tmp_path / name)]
        assert message in hit.message and "\n" not in str(hit)


def test_a_reader_crash_is_one_error(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", "Japan protested.")
    write(tmp_path / "b.txt", "Iran protested.")

    def boom(raw: str):
        if "Japan" in raw:
            raise RuntimeError("boom")
        return None, raw

    monkeypatch.setattr(ingest, "clean_text", boom)
    articles, errors = split(run(tmp_path))
    assert [a.doc_id for a in articles] == ["b"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'a.txt'}: could not read: RuntimeError: boom"]


# --- language -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "english"), [
    (" ".join(STORY), True),
    ("Iran protested.", True),  # too short to judge
    ("Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen, "
     "teilte das Auswärtige Amt in Berlin mit.", False),
    ("El gobierno de México anunció el martes nuevas medidas contra la violencia en el "
     "norte del país.", False),
    ("中国外交部发言人周二表示，中方坚决反对美国向台湾出售武器。", False),
])
def test_is_english(text, english):
    assert is_english(text) is english


# --- samples ------------------------------------------------------------------------------

def test_samples_all_ingest_cleanly():
    articles, errors = split(run(SAMPLES))
    assert errors == []
    assert 8 <= len(articles) <= 12
    assert len({a.doc_id for a in articles}) == len(articles)
    kinds = {Path(a.path).suffix for a in articles}
    assert kinds == {".txt", ".html", ".jsonl"}
    for a in articles:
        assert a.title and a.date, a.doc_id
        paragraphs = a.text.split("\n\n")
        assert 8 <= len(paragraphs) <= 20, (a.doc_id, len(paragraphs))
        assert all(p.rstrip('"”)').endswith((".", "?", "!")) for p in paragraphs), a.doc_id
        for debris in ("Share", "MOST READ", "Advertisement", "©", "All rights reserved",
                       "Subscribe", "Reading Time"):
            assert debris not in a.text, (a.doc_id, debris)


def test_a_dateline_of_two_places_is_stripped():
    from dyads.ingest.text import strip_dateline

    text = "BRUSSELS/KYIV, Feb. 28, 2022 (Continental Wire) — The European Union acted."
    assert strip_dateline(text) == "The European Union acted."
