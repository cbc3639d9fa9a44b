"""The JSON API (`/api/...`): overview, dyads, network, events, one event, articles, ingest.

Parameters are validated here (types, ranges, known codes) and become 422 with a one-line
`detail`; the SQL lives in `dyads.serve.queries`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from dyads.aggregate import AnalysisError, EventFilter, parse_sector
from dyads.cameo import ontology
from dyads.ingest.text import strip_dateline
from dyads.pipeline import PARAGRAPH_BREAK, CodedArticle
from dyads.serve import queries
from dyads.serve.app import ServeState, cursor, get_state
from dyads.serve.ingest import CoderBusy, CodingTimeout, coded_json

router = APIRouter(prefix="/api")
Con = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
State = Annotated[ServeState, Depends(get_state)]
Period = Literal["day", "week", "month", "quarter", "year"]
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}

Since = Annotated[date | None, Query(description="From this publication date (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="Up to this publication date (YYYY-MM-DD).")]
Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
PageSize = Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE,
                                description=f"Rows per page, at most {queries.MAX_PAGE_SIZE}.")]
Code = Annotated[str, Query(min_length=3, max_length=30, pattern=r"^[A-Za-z]+$",
                            description="Country or group code (USA, IGO) or full code "
                                        "(USAGOV).")]
ShortText = Annotated[str | None, Query(max_length=200)]


def _span(since: date | None, until: date | None) -> tuple[date | None, date | None]:
    if since and until and since > until:
        raise AnalysisError(f"since date {since} is after until date {until}")
    return since, until


# -- meta -----------------------------------------------------------------------------------


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/meta")
def meta(con: Con, state: State) -> dict[str, Any]:
    """What the store holds, whether ingest is on, and the limits of this server."""
    return {"totals": queries.totals(con), "read_only": state.read_only,
            "quad_classes": QUAD_NAMES, "sorts": list(queries.SORTS),
            "max_page_size": queries.MAX_PAGE_SIZE, "max_body_bytes": state.max_body,
            "coding_timeout_s": state.coder.timeout}


@router.get("/cameo")
def cameo_codes() -> list[dict[str, Any]]:
    """Every CAMEO code with its name, Goldstein score, quad class and PLOVER type."""
    return [{"code": c.code, "root": c.root, "name": c.name, "goldstein": c.goldstein,
             "quad_class": c.quad_class, "plover_type": c.plover_type} for c in ontology()]


@router.get("/actors")
def actors(con: Con) -> list[dict[str, Any]]:
    """Countries and groups in the store, with their numbers of events."""
    return queries.actor_list(con)


# -- overview -------------------------------------------------------------------------------


@router.get("/overview")
def overview(con: Con, since: Since = None, until: Until = None,
             by: Period | None = None,
             limit: Annotated[int, Query(ge=1, le=50)] = 10) -> dict[str, Any]:
    """Events per period by quad class, the top dyads, the most active actors, recent events.

    Without `since`/`until` the whole store; without `by`, day for up to four months, week
    for up to three years, else month.
    """
    since, until = _span(since, until)
    first, last = queries.date_range(con)
    lo, hi = since or first, until or last
    period = by or queries.auto_period(lo, hi)
    return {"since": lo, "until": hi, "by": period, "totals": queries.totals(con),
            "series": queries.quad_series(con, by=period, since=since, until=until),
            "top_dyads": queries.top_dyad_rows(con, since=since, until=until, limit=limit),
            "top_actors": queries.top_actors(con, since=since, until=until, limit=limit),
            "recent": queries.recent_events(con, since=since, until=until, limit=limit)}


# -- dyads and network ----------------------------------------------------------------------


@router.get("/dyad")
def dyad(con: Con, state: State, a: Code, b: Code, by: Period = "month", since: Since = None,
         until: Until = None, directed: bool = False) -> dict[str, Any]:
    """The dyad's series: per period the four quad classes, Goldstein sum and mean, index."""
    since, until = _span(since, until)
    spec_a = queries.check_actor(a, state.known_actors)
    spec_b = queries.check_actor(b, state.known_actors)
    assert spec_a and spec_b
    return {"a": spec_a.code, "b": spec_b.code, "by": by, "directed": directed,
            "series": queries.dyad_rows(con, spec_a, spec_b, by=by, since=since, until=until,
                                        directed=directed)}


@router.get("/dyad/events")
def dyad_events(con: Con, state: State, a: Code, b: Code,
                period: Annotated[date, Query(description="A day in the period (its bar).")],
                by: Period = "month", directed: bool = False, page: Page = 1,
                page_size: PageSize = 50) -> dict[str, Any]:
    """The events behind one bar of the dyad chart: the period holding `period`."""
    spec_a = queries.check_actor(a, state.known_actors)
    spec_b = queries.check_actor(b, state.known_actors)
    assert spec_a and spec_b
    start = queries.period_start(period, by)
    end = queries.period_end(start, by)
    search = queries.EventSearch(pair=(spec_a, spec_b), directed=directed, period=(start, end))
    out = queries.search_events(con, search, page=page, page_size=page_size)
    return {**out, "period_start": start, "period_end": end}


@router.get("/network")
def network(con: Con, since: Since = None, until: Until = None,
            quad: Annotated[int | None, Query(ge=1, le=4)] = None,
            limit: Annotated[int, Query(ge=1, le=300)] = 60) -> dict[str, Any]:
    """Countries and groups as nodes, undirected dyads as edges (the busiest `limit`)."""
    since, until = _span(since, until)
    return queries.network(con, since=since, until=until, quad=quad, limit=limit)


# -- events ---------------------------------------------------------------------------------


def event_search(
    request: Request,
    since: Since = None, until: Until = None,
    actor: Annotated[str | None, Query(max_length=30,
                                       description="Either side: USA, USAGOV, IGOUNO.")] = None,
    source: Annotated[str | None, Query(max_length=30)] = None,
    target: Annotated[str | None, Query(max_length=30)] = None,
    sector: Annotated[str | None, Query(max_length=3,
                                        description="GOV, MIL... (with an actor: its "
                                                    "sector; else either side's)")] = None,
    country: Annotated[str | None, Query(max_length=3,
                                         description="Country of the event's place "
                                                     "(ISO alpha-3).")] = None,
    cameo: Annotated[str | None, Query(max_length=4,
                                       description="CAMEO root or code (16, 163).")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4)] = None,
    place: ShortText = None,
    q: Annotated[str | None, Query(max_length=200,
                                   description="Text in the sentence, trigger or title.")] = None,
    doc_id: Annotated[str | None, Query(max_length=500)] = None,
    all: Annotated[bool, Query(description="Also negated and hypothetical events.")] = False,
) -> queries.EventSearch:
    """The events-table filters, validated."""
    state = get_state(request)
    since, until = _span(since, until)
    sector_code = parse_sector(sector)
    specs = {k: queries.check_actor(v, state.known_actors, sector_code)
             for k, v in (("actor", actor), ("source", source), ("target", target))}
    if country and not re.fullmatch(r"[A-Za-z]{3}", country):
        raise AnalysisError(f"bad country {country!r}: use an ISO alpha-3 code (ISR)")
    flt = EventFilter(actor=specs["actor"], source=specs["source"], target=specs["target"],
                      since=since, until=until, cameo=queries.check_cameo(cameo), quad=quad,
                      doc_id=doc_id or None, include_flagged=all)
    return queries.EventSearch(flt=flt, sector=sector_code,
                               country=country.upper() if country else None,
                               place=place or None, text=q or None)


Search = Annotated[queries.EventSearch, Depends(event_search)]
Sort = Annotated[str, Query(description="Column: " + ", ".join(queries.SORTS))]


@router.get("/events")
def events(con: Con, search: Search, page: Page = 1, page_size: PageSize = 50,
           sort: Sort = "date", desc: bool = False) -> dict[str, Any]:
    """Stored events (mentions) matching every filter, one page, with the total."""
    return queries.search_events(con, search, page=page, page_size=page_size, sort=sort,
                                 desc=desc)


@router.get("/events.csv", response_class=StreamingResponse)
def events_csv(request: Request, search: Search, sort: Sort = "date",
               desc: bool = False) -> StreamingResponse:
    """Every event matching the filters as CSV (streamed; the filters of /api/events)."""
    state = get_state(request)
    if sort not in queries.SORTS:
        raise AnalysisError(f"unknown sort {sort!r}: use one of {', '.join(queries.SORTS)}")

    def lines() -> Iterator[str]:
        with state.reader() as cur:
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerow(queries.CSV_COLUMNS)
            for i, row in enumerate(queries.iter_events_csv_rows(cur, search, sort=sort,
                                                                 desc=desc)):
                writer.writerow(row)
                if i % 1000 == 999:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition":
                                      'attachment; filename="events.csv"'})


def _spans(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Source, target and trigger offsets in the event's sentence."""
    out = []
    for role in ("source", "target", "trigger"):
        start, end = row.get(f"{role}_start"), row.get(f"{role}_end")
        if start is not None and end is not None and 0 <= start < end:
            code = row.get(f"{role}_code") if role != "trigger" else row.get("cameo")
            out.append({"role": role, "start": start, "end": end, "label": code})
    return out


def date_resolution(row: dict[str, Any]) -> str:
    """How the event's date was found, in words."""
    gran, text, pub = row.get("date_granularity"), row.get("date_text"), row.get("date")
    if gran is None or row.get("event_date") is None:
        return "undated: no publication date, and no absolute date in the text"
    if gran == "publication":
        return f"no time phrase on the event: the publication date {pub} is used"
    against = f" against the publication date {pub}" if pub else ""
    return f"the phrase \u201c{text}\u201d, resolved{against} ({gran})"


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {"event_id": row["event_id"], "doc_id": row["doc_id"],
            "sentence_index": row["sentence_index"], "sentence": row["sentence"],
            "spans": _spans(row), "title": row.get("title"), "url": row.get("url"),
            "publisher": row.get("publisher"), "published": row.get("date"),
            "cameo": row.get("cameo"), "trigger": row.get("trigger")}


@router.get("/events/{event_id:path}")
def event_detail(con: Con, event_id: str) -> dict[str, Any]:
    """One stored event: codes with names, date and how it was resolved, place, and every
    mention of the same (de-duplicated) event with its evidence sentence and article."""
    row = queries.event_row(con, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id!r}")
    info = ontology()[row["cameo"]] if row["cameo"] in ontology() else None
    root = ontology()[row["cameo_root"]] if row["cameo_root"] in ontology() else None
    merged = queries.merged_event(con, event_id)
    mentions = queries.mention_rows(con, merged["global_id"]) if merged else [row]
    place = None
    if row.get("place_name"):
        place = {k[len("place_"):]: row[k] for k in row if k.startswith("place_")}
    return {
        "event": {k: v for k, v in row.items() if not k.startswith("place_")},
        "cameo": {"code": row["cameo"], "name": info.name if info else row["cameo_name"],
                  "description": info.description if info else None,
                  "root": row["cameo_root"], "root_name": root.name if root else None,
                  "goldstein": row["goldstein"], "quad_class": row["quad_class"],
                  "quad_name": QUAD_NAMES.get(row["quad_class"])},
        "plover": {"type": row["plover_type"],
                   "mode": info.plover_mode if info else None,
                   "context": info.plover_context if info else None},
        "date": {"event_date": row["event_date"], "event_date_end": row["event_date_end"],
                 "granularity": row["date_granularity"], "text": row["date_text"],
                 "published": row["date"], "how": date_resolution(row)},
        "place": place,
        "merged": merged,
        "evidence": _evidence(row),
        "mentions": [_evidence(m) for m in mentions],
    }


# -- articles -------------------------------------------------------------------------------


def paragraphs(text: str, sentences: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The article's paragraphs as runs of plain text and its stored sentences, in order.

    Sentences were split from each paragraph with whitespace collapsed and the dateline
    removed (dyads/pipeline.py), so each is found again in its paragraph by position.
    """
    body = [s for s in sentences if not s["is_headline"]]
    out: list[list[dict[str, Any]]] = []
    k = 0
    for raw in PARAGRAPH_BREAK.split(text or ""):
        para = " ".join(raw.split())
        if not para:
            continue
        runs: list[dict[str, Any]] = []
        pos = 0
        stripped = " ".join(strip_dateline(raw.strip()).split())
        offset = len(para) - len(stripped) if para.endswith(stripped) else 0
        if offset:
            runs.append({"text": para[:offset]})
            pos = offset
        while k < len(body):
            at = para.find(body[k]["text"], pos)
            if at < 0:
                break
            if at > pos:
                runs.append({"text": para[pos:at]})
            runs.append({"text": body[k]["text"], "sentence_index": body[k]["sentence_index"]})
            pos = at + len(body[k]["text"])
            k += 1
        if pos < len(para):
            runs.append({"text": para[pos:]})
        out.append(runs)
    for s in body[k:]:  # not found again (should not happen): still shown
        out.append([{"text": s["text"], "sentence_index": s["sentence_index"]}])
    return out


@router.get("/articles/{doc_id:path}")
def article(con: Con, doc_id: str) -> dict[str, Any]:
    """One article: its cleaned text as paragraphs of sentences, and its events' offsets."""
    row = queries.article_row(con, doc_id)
    if row is None:
        raise HTTPException(404, f"no article {doc_id!r}")
    sents = queries.article_sentences(con, doc_id)
    events = queries.article_events(con, doc_id)
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for e in events:
        by_sentence.setdefault(e["sentence_index"], []).append(
            {"event_id": e["event_id"], "cameo": e["cameo"], "cameo_name": e["cameo_name"],
             "quad_class": e["quad_class"], "source_code": e["source_code"],
             "target_code": e["target_code"], "trigger": e["trigger"],
             "flagged": bool(e["negated"] or e["hypothetical"]), "spans": _spans(e)})
    headline = [s for s in sents if s["is_headline"]]
    return {"article": {k: v for k, v in row.items() if k != "text"},
            "headline": [{**s, "events": by_sentence.get(s["sentence_index"], [])}
                         for s in headline],
            "paragraphs": paragraphs(row["text"], sents),
            "sentence_events": {str(k): v for k, v in by_sentence.items()},
            "events": len(events)}


# -- ingest ---------------------------------------------------------------------------------

MAX_TEXT_CHARS = 50_000


class IngestIn(BaseModel):
    title: str | None = Field(None, max_length=500)
    date: dt.date | None = Field(None, description="Publication date (YYYY-MM-DD).")
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS)
    source: str | None = Field(None, max_length=200, description="Publisher.")
    store: bool = Field(True, description="Also store the article and its events.")


@router.post("/ingest")
async def ingest(body: IngestIn, request: Request) -> dict[str, Any]:
    """Code a pasted article with the real pipeline; store it unless `store` is false.

    403 when the server is read-only, 429 while another text is being coded, 503 when coding
    takes longer than the server's limit.
    """
    state = get_state(request)
    if state.read_only:
        raise HTTPException(403, "ingest is off: this server is read-only (--read-only)")
    if not body.text.strip():
        raise AnalysisError("text is empty")
    try:
        coded = await state.coder.code(text=body.text, title=body.title, day=body.date,
                                       source=body.source)
    except CoderBusy:
        raise HTTPException(429, "busy coding another text; try again shortly") from None
    except CodingTimeout:
        raise HTTPException(503, f"coding took longer than {state.coder.timeout:g} s; "
                                 "try a shorter text") from None
    if body.store:
        await run_in_threadpool(_store, state, coded)
    return {**coded_json(coded), "stored": body.store}


def _store(state: ServeState, coded: CodedArticle) -> None:
    with state.write_lock:
        state.store.write(coded.article, [(s.index, s.text, s.headline)
                                          for s in coded.sentences], coded.events)
        state.refresh_actors()
