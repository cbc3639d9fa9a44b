"""`dyads serve` pages in a real headless browser: Debian's chromium driven by Playwright.

A real uvicorn server (in a thread, on 127.0.0.1) serves a store coded from the samples.
Every request the pages make must go to that server (no CDN, nothing from outside), and no
page may log a script error. Screenshots go to build/screenshots/.

`make test` installs chromium when it is missing (the Makefile's `browser` target). Without
it these tests fail; set DYADS_SKIP_BROWSER=1 to skip them on purpose.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import uvicorn
from playwright.sync_api import expect
from serve_data import build_sample_store

from dyads.serve import create_app

CHROMIUM = os.environ.get("DYADS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"

if os.environ.get("DYADS_SKIP_BROWSER"):
    pytest.skip("DYADS_SKIP_BROWSER is set: page tests skipped", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    db = build_sample_store(pipeline, tmp_path_factory.mktemp("pages") / "events.duckdb")
    app = create_app(db, read_only=False, pipeline=pipeline)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run 'make browser' (apt-get install chromium) "
                    "or set DYADS_SKIP_BROWSER=1 to skip the page tests")
    from playwright.sync_api import sync_playwright

    expect.set_options(timeout=10_000)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that records script errors and any request to another host (then aborted)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    outside: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error"
          and "status of 422" not in m.text else None)  # a rejected filter is shown, not an error

    def route(r):
        host = urlparse(r.request.url).hostname
        if host != "127.0.0.1":
            outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    pg.route("**/*", route)
    yield pg
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert errors == [], f"script errors: {errors}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview_with_a_period_filter(page):
    page.goto("/")
    page.wait_for_selector("#chart svg .bar.has-events")
    assert page.locator("#dyads tr").count() > 3
    assert page.locator("#actors a", has_text="USA").count() == 1
    assert page.locator("#recent tbody tr").count() == 10
    shot(page, "overview")
    page.fill("input[name=since]", "2019-11-01")
    page.fill("input[name=until]", "2019-11-30")
    page.click("#filters button[type=submit]")
    expect(page.locator("#by")).to_have_text("day")
    assert page.locator("#chart svg .bar").count() == 30
    assert "since=2019-11-01" in page.url


def test_dyad_chart_click_through_to_event(page):
    page.goto("/dyad?a=USA&b=PRK&by=day")
    bar = page.locator("#chart .bar.has-events").first
    bar.wait_for()
    assert page.locator("#chart .gold-line").count() == 1
    bar.click()
    rows = page.locator("#bar-events tbody tr")
    rows.first.wait_for()
    assert "Events from 2019-11-10 to before 2019-11-11" in page.inner_text("#bar-title")
    assert rows.count() == int(bar.get_attribute("data-events"))
    shot(page, "dyad")
    link = rows.first.locator("a.event-link")
    event_id = link.get_attribute("href").removeprefix("/events/")
    link.click()
    page.wait_for_url(f"**/events/{event_id}")
    page.wait_for_selector("#evidence .hl.trigger")
    assert page.locator("#evidence .hl.source").count() >= 1
    assert "CAMEO" in page.inner_text("#codes")
    assert page.locator("#mentions tr").count() >= 2  # header + at least this mention
    shot(page, "event")


def test_event_with_a_place_draws_the_map(page):
    page.goto("/events?place=Jerusalem")
    page.locator("#events a.event-link").first.click()
    page.wait_for_selector("#map svg circle.dot")
    assert "Jerusalem" in page.inner_text("#map")
    assert "Resolved from" in page.inner_text("#when")


def test_network_filter_and_edge_to_dyad(page):
    page.goto("/network")
    page.wait_for_selector("#net svg .edge")
    all_edges = page.locator("#net .edge").count()
    summary = page.inner_text("#summary")
    shot(page, "network")
    page.select_option("select[name=quad]", "4")
    page.click("#filters button[type=submit]")
    expect(page.locator("#summary")).not_to_have_text(summary)
    assert page.locator("#net .edge").count() < all_edges
    edge = page.locator("#net .edge").first
    a, b = edge.get_attribute("data-a"), edge.get_attribute("data-b")
    edge.locator("line").click(force=True)
    page.wait_for_url(f"**/dyad?a={a}&b={b}*")
    page.wait_for_selector("#chart .bar.has-events")


def test_events_table_filter_sort_page_and_csv(page):
    page.goto("/events")
    page.wait_for_selector("#events tbody tr")
    assert "page 1 of" in page.inner_text("#count")
    page.click("#pager button:has-text('next')")
    expect(page.locator("#count")).to_contain_text("page 2")
    page.fill("input[name=actor]", "PRK")
    page.click("#filters button[type=submit]")
    expect(page.locator("#count")).to_contain_text("page 1 of 1")
    rows = page.locator("#events tbody tr")
    assert rows.count() > 3
    for i in range(rows.count()):
        assert "PRK" in rows.nth(i).inner_text()
    page.click("button.sort[data-sort=cameo]")
    page.wait_for_selector("button.sort[data-sort=cameo]:has-text('▲')")
    codes = [t.split(" ")[0] for t in page.locator("#events a.event-link").all_inner_texts()]
    assert codes == sorted(codes)
    assert "actor=PRK" in page.get_attribute("#csv", "href")
    with page.expect_download() as dl:
        page.click("#csv")
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    assert len(text.strip().splitlines()) == rows.count() + 1
    shot(page, "events")
    page.fill("input[name=cameo]", "999")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#error:not([hidden])")
    assert "unknown CAMEO code" in page.inner_text("#error")


def test_article_highlights_events_in_place(page, server):
    page.goto("/articles/japan_export_curbs")
    page.wait_for_selector("#text .hl.trigger")
    n = int(page.inner_text("#meta").split(" events")[0].split("· ")[-1])
    assert page.locator("#text a.hl.trigger, #text span.hl.trigger").count() >= n - 1
    assert page.locator("#text h2").count() == 1  # the headline
    shot(page, "article")
    page.locator("#text a.hl.trigger").first.click()
    page.wait_for_url("**/events/japan_export_curbs:*")


def test_ingest_codes_live(page):
    page.goto("/ingest")
    page.fill("input[name=title]", "Seoul summons envoy")
    page.fill("input[name=date]", "2019-07-04")
    page.fill("textarea[name=text]", "South Korea summoned the Japanese ambassador on "
              "Thursday. Japan imposed export curbs on South Korea in July.")
    page.click("#ingest button[type=submit]")
    page.wait_for_selector("#coded tr:nth-child(2)")
    table = page.inner_text("#coded")
    assert "JPN" in table and "KOR" in table and "163" in table
    assert "stored as" in page.inner_text("#status")
    shot(page, "ingest")
    page.click("#status a")
    page.wait_for_selector("#text .hl.trigger")
