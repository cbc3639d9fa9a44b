"""The HTML pages: thin Jinja templates whose scripts (static/js) draw from the JSON API."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from dyads.serve.app import get_state

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("dyads.serve").joinpath("templates")))

NAV = (("/", "Overview"), ("/dyad", "Dyad"), ("/network", "Network"), ("/events", "Events"),
       ("/ingest", "Ingest"))


def _page(request: Request, name: str, title: str, **extra: Any) -> HTMLResponse:
    state = get_state(request)
    return templates.TemplateResponse(request, name, {
        "title": title, "nav": NAV, "path": request.url.path, "read_only": state.read_only,
        "db": state.db_name, **extra})


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    return _page(request, "overview.html", "Overview")


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request) -> HTMLResponse:
    return _page(request, "dyad.html", "Dyad")


@router.get("/network", response_class=HTMLResponse)
def network(request: Request) -> HTMLResponse:
    return _page(request, "network.html", "Actor network")


@router.get("/events", response_class=HTMLResponse)
def events(request: Request) -> HTMLResponse:
    return _page(request, "events.html", "Events")


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    return _page(request, "event.html", "Event", event_id=event_id)


@router.get("/articles/{doc_id:path}", response_class=HTMLResponse)
def article(request: Request, doc_id: str) -> HTMLResponse:
    return _page(request, "article.html", "Article", doc_id=doc_id)


@router.get("/ingest", response_class=HTMLResponse)
def ingest(request: Request) -> HTMLResponse:
    return _page(request, "ingest.html", "Ingest")
