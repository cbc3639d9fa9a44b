"""The `dyads` command. Each command mirrors a function of the Python API."""

from __future__ import annotations

import json
import sys
from datetime import date as Date
from pathlib import Path

import click

DEFAULT_DB = "dyads.duckdb"
FORMATS = ["table", "jsonl", "csv"]


def _date(ctx, param, value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _window(ctx, param, value: str) -> int:
    from dyads.dedup import parse_window

    try:
        return parse_window(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _pipeline(lexicon: tuple[str, ...] = (), actors: tuple[str, ...] = ()):
    from dyads.pipeline import Pipeline

    return Pipeline(lexicon_files=lexicon, actor_files=actors)


def _emit(events, fmt: str) -> None:
    from dyads import output

    events = list(events)
    if fmt == "jsonl":
        output.write_jsonl(events, sys.stdout)
    elif fmt == "csv":
        output.write_csv(events, sys.stdout)
    else:
        click.echo(output.format_table(events))


@click.group()
@click.version_option(package_name="dyads")
def main() -> None:
    """dyads: who did what to whom, when and where — political event data from news."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to store into.")
@click.option("--no-store", is_flag=True, help="Only print the events; store nothing.")
@click.option("--date", callback=_date, help="Publication date for every input (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="How to print the coded events.")
@click.option("--all", "show_all", is_flag=True,
              help="Also print negated and hypothetical events (always stored).")
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra lexicon file(s); later files win.")
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor file(s); later files win.")
@click.option("--dedup-window", callback=_window, default="1d", show_default=True,
              help="Merge reports of one event whose dates are this many days apart.")
@click.option("--no-dedup", is_flag=True, help="Do not merge repeated reports in the store.")
def code(inputs, db, no_store, date, fmt, show_all, lexicon, actors, dedup_window,
         no_dedup) -> None:
    """Code articles (files, folders, or - for JSON Lines on stdin) into events."""
    from dyads import output
    from dyads.runner import code_inputs
    from dyads.store import EventStore

    pipeline = _pipeline(lexicon, actors)
    store = None if no_store else EventStore(db, dedup_window=None if no_dedup
                                             else dedup_window)
    progress = _Progress(enabled=sys.stderr.isatty())

    def on_article(coded) -> None:
        events = coded.events if show_all else coded.asserted
        if fmt != "table":
            if events:
                _emit(events, fmt)
        else:
            printed.extend(events)
        progress.tick(coded)

    def on_error(err) -> None:
        progress.clear()
        click.echo(f"error: {err}", err=True)

    printed: list = []
    try:
        stats = code_inputs(pipeline, inputs, store=store, date=date, on_article=on_article,
                            on_error=on_error)
    finally:
        if store is not None:
            store.close()
    progress.clear()
    if fmt == "table" and printed:
        click.echo(output.format_table(printed))
    summary = output.format_summary(stats.as_dict())
    where = "" if no_store else f" -> {db}"
    click.echo(summary + where, err=fmt != "table")
    if stats.failed:
        sys.exit(1)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--actor", help="Either side: country (PRK) or code prefix (PRKGOV).")
@click.option("--source", help="Source actor: country or code prefix.")
@click.option("--target", help="Target actor: country or code prefix.")
@click.option("--since", callback=_date, help="From this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Up to this date (YYYY-MM-DD).")
@click.option("--cameo", help="CAMEO code or prefix (16 = root 16).")
@click.option("--quad", type=click.IntRange(1, 4), help="Quad class 1-4.")
@click.option("--doc", "doc_id", help="Only this article id.")
@click.option("--all", "show_all", is_flag=True, help="Include negated/hypothetical events.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True)
def events(db, actor, source, target, since, until, cameo, quad, doc_id, show_all, limit, fmt):
    """List stored events."""
    from dyads.store import EventStore

    if not Path(db).exists():
        raise click.ClickException(f"{db}: no such event store (run 'dyads code' first)")
    with EventStore(db) as store:
        found = store.events(actor=actor, source=source, target=target, since=since,
                             until=until, cameo=cameo, quad=quad, doc_id=doc_id,
                             include_flagged=show_all, limit=limit)
    _emit(found, fmt)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--rebuild", is_flag=True, help="Merge every stored event again first.")
@click.option("--mentions", "show_mentions", is_flag=True, help="List each event's mentions.")
def merged(db, rebuild, show_mentions) -> None:
    """List de-duplicated events with their numbers of mentions, sources and articles."""
    from dyads.store import EventStore

    if not Path(db).exists():
        raise click.ClickException(f"{db}: no such event store (run 'dyads code' first)")
    with EventStore(db) as store:
        if rebuild:
            store.rebuild_dedup()
        found = store.unique_events()
    click.echo(f"{'dates':23}  {'source':7} {'root':4} {'target':7} {'place':9} "
               "mentions sources articles  first seen  last seen")
    for u in found:
        dates = "—" if u["event_date"] is None else (
            f"{u['event_date']}" + ("" if u["event_date_end"] == u["event_date"]
                                    else f"..{u['event_date_end']}"))
        click.echo(f"{dates:23}  {u['source_code'] or '—':7} {u['cameo_root']:4} "
                   f"{u['target_code'] or '—':7} {u['place_geonameid'] or '—'!s:9} "
                   f"{u['num_mentions']:8} {u['num_sources']:7} {u['num_articles']:8}  "
                   f"{u['first_seen'] or '—'!s:10}  {u['last_seen'] or '—'!s}")
        if show_mentions:
            for m in u["mentions"]:
                click.echo(f"    {m['published'] or '—'!s} {m['publisher'] or '—'}: "
                           f"{m['sentence']}")


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--half", type=click.Choice(["A", "B"]),
              help="Only one half of each file (split by split_group): tune on A, report B.")
@click.option("--errors", type=click.Path(dir_okay=False),
              help="Write per-text details (gold, predicted, matches) as JSON Lines here.")
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False))
def eval_cmd(gold, as_json, half, errors, lexicon, actors) -> None:
    """Precision, recall and F1 of the coder against human-coded gold files."""
    from dyads.evaluate import evaluate, load_gold, split_half

    pipeline = _pipeline(lexicon, actors)

    def code(text, day):
        return pipeline.code_text(text, date=day)

    results = {}
    detail_fp = open(errors, "w", encoding="utf-8") if errors else None
    try:
        for path in gold:
            try:
                texts = load_gold(path)
            except ValueError as exc:
                raise click.ClickException(str(exc)) from None
            if half:
                texts = split_half(texts, 0 if half == "A" else 1)
            report = evaluate(texts, code)
            results[path] = report
            if detail_fp:
                for d in (t.to_dict() for t in report.texts):
                    d["file"] = Path(path).name
                    detail_fp.write(json.dumps(d, ensure_ascii=False) + "\n")
    finally:
        if detail_fp:
            detail_fp.close()
    if as_json:
        click.echo(json.dumps({p: r.to_dict(details=False) for p, r in results.items()},
                              indent=2))
        return
    for path, report in results.items():
        label = Path(path).name + (f" (half {half})" if half else "")
        click.echo(f"{label}\n{report.format_table()}\n")


class _Progress:
    """A one-line counter on stderr for long runs; silent when stderr is not a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.articles = 0
        self.events = 0

    def tick(self, coded) -> None:
        self.articles += 1
        self.events += len(coded.events)
        if self.enabled and self.articles % 5 == 0:
            click.echo(f"\r{self.articles} articles, {self.events} events", err=True, nl=False)

    def clear(self) -> None:
        if self.enabled and self.articles:
            click.echo("\r" + " " * 40 + "\r", err=True, nl=False)


if __name__ == "__main__":
    main()
