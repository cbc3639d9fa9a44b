"""The `dyads` command. Each command mirrors a function of the Python API."""

from __future__ import annotations

import json
import sys
from datetime import date as Date
from pathlib import Path

import click

DEFAULT_DB = "dyads.duckdb"
FORMATS = ["table", "jsonl", "csv"]
DB_HELP = "Event store: a DuckDB file or a postgresql://user@host/dbname URL."


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


def _pipeline(lexicon: tuple[str, ...] = (), actors: tuple[str, ...] = (),
              petrarch_actors: tuple[str, ...] = (), petrarch_agents: tuple[str, ...] = (),
              petrarch_verbs: tuple[str, ...] = ()):
    from dyads.coding.lexicon import LexiconError
    from dyads.pipeline import Pipeline

    try:
        return Pipeline(lexicon_files=lexicon, actor_files=actors,
                        petrarch_actor_files=petrarch_actors,
                        petrarch_agent_files=petrarch_agents, petrarch_verbs=petrarch_verbs)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None


def _petrarch_verbs_option(f):
    return click.option(
        "--petrarch-verbs", multiple=True, type=click.Path(exists=True, dir_okay=False),
        help="PETRARCH CAMEO verb dictionary (CAMEO.2.0.txt format) to code with instead of "
             "the bundled lexicon; --lexicon files still add to it.")(f)


def _actor_options(f):
    """--actors, --petrarch-actors and --petrarch-agents, shared by the commands."""
    path = click.Path(exists=True, dir_okay=False)
    f = click.option("--petrarch-agents", multiple=True, type=path,
                     help="PETRARCH/TABARI agents dictionary (e.g. Phoenix.agents.txt).")(f)
    f = click.option("--petrarch-actors", multiple=True, type=path,
                     help="PETRARCH/TABARI actor dictionary (e.g. Phoenix.Countries.actors.txt)."
                     )(f)
    return click.option("--actors", multiple=True, type=path,
                        help="Extra actor file(s) (our TSV formats); later files win.")(f)


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
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--no-store", is_flag=True, help="Only print the events; store nothing.")
@click.option("--date", callback=_date, help="Publication date for every input (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="How to print the coded events.")
@click.option("--all", "show_all", is_flag=True,
              help="Also print negated and hypothetical events (always stored).")
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra lexicon file(s); later files win.")
@_actor_options
@click.option("--dedup-window", callback=_window, default="1d", show_default=True,
              help="Merge reports of one event whose dates are this many days apart.")
@click.option("--no-dedup", is_flag=True, help="Do not merge repeated reports in the store.")
@_petrarch_verbs_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="dask: code partitions on a Dask cluster into --out.")
@click.option("--scheduler", help="Dask: address of a running scheduler (tcp://HOST:8786).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Dask: start a local cluster of this many worker processes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Dask: folder of the Parquet dataset and its manifest.json.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Dask: times a failed partition is tried again.")
@click.option("--partition-files", type=click.IntRange(min=1), default=50, show_default=True,
              help="Dask: text/HTML files per partition.")
@click.option("--partition-lines", type=click.IntRange(min=1), default=500,
              show_default=True, help="Dask: JSONL records per partition.")
def code(inputs, db, no_store, date, fmt, show_all, lexicon, actors, petrarch_actors,
         petrarch_agents, dedup_window, no_dedup, petrarch_verbs, engine, scheduler, workers,
         out_dir, retries, partition_files, partition_lines) -> None:
    """Code articles (files, folders, or - for JSON Lines on stdin) into events."""
    from dyads import output
    from dyads.runner import code_inputs

    if engine == "dask":
        if petrarch_actors or petrarch_agents or petrarch_verbs:
            raise click.UsageError("--petrarch-* dictionaries are not yet passed to Dask "
                                   "workers; convert them to dyads files (--lexicon/--actors)")
        _code_dask(inputs, out_dir, scheduler=scheduler, workers=workers, date=date,
                   lexicon=lexicon, actors=actors, retries=retries,
                   partition_files=partition_files, partition_lines=partition_lines)
        return
    if scheduler or workers or out_dir:
        raise click.UsageError("--scheduler, --workers and --out need --engine dask")
    pipeline = _pipeline(lexicon, actors, petrarch_actors, petrarch_agents, petrarch_verbs)
    store = None if no_store else _store(db, dedup_window=None if no_dedup else dedup_window)
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


def _store(db: str, *, read_only: bool = False, dedup_window: int | None = 1,
           must_exist: bool = False):
    """Open the event store `--db` names; a one-line error if it cannot be opened."""
    from dyads.store import StoreError, is_postgres_url, open_store

    if must_exist and not is_postgres_url(db) and not Path(db).exists():
        raise click.ClickException(f"{db}: no such event store (run 'dyads code' first)")
    try:
        return open_store(db, read_only=read_only, dedup_window=dedup_window)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _duckdb_only(db: str) -> None:
    from dyads.store import is_postgres_url

    if is_postgres_url(db):
        raise click.ClickException(
            f"{db}: this command works on DuckDB stores only (import the GDELT files into a "
            "DuckDB file)")


def _code_dask(inputs, out_dir, *, scheduler, workers, date, lexicon, actors, retries,
               partition_files, partition_lines) -> None:
    from dyads import output
    from dyads.scale.engine import EngineError, Options, run

    if not out_dir:
        raise click.UsageError("--engine dask needs --out DIR (the Parquet dataset)")
    if scheduler and workers:
        raise click.UsageError("give --scheduler or --workers, not both")

    def on_error(text: str) -> None:
        click.echo(f"error: {text}", err=True)

    try:
        result = run(inputs, out_dir, scheduler=scheduler, workers=workers,
                     options=Options(date=date, lexicon=tuple(lexicon), actors=tuple(actors)),
                     retries=retries, files_per_partition=partition_files,
                     lines_per_partition=partition_lines, on_error=on_error)
    except EngineError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"partitions {result.partitions}: coded {result.coded_partitions}, skipped "
               f"{result.skipped} (done before), failed {len(result.failed_partitions)}",
               err=True)
    click.echo(output.format_summary(result.as_dict()) + f" -> {out_dir}", err=True)
    if result.failed or result.failed_partitions:
        sys.exit(1)


@main.command()
@click.argument("dataset", type=click.Path(file_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--dedup-window", callback=_window, default="1d", show_default=True,
              help="Merge reports of one event whose dates are this many days apart.")
@click.option("--no-dedup", is_flag=True, help="Do not merge repeated reports in the store.")
def load(dataset, db, dedup_window, no_dedup) -> None:
    """Merge a dataset of 'dyads code --engine dask' into a store, with de-duplication."""
    from dyads.scale.dataset import DatasetError
    from dyads.scale.dataset import load as load_dataset

    with _store(db, dedup_window=None if no_dedup else dedup_window) as store:
        try:
            stats = load_dataset(dataset, store)
        except DatasetError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"loaded {stats.partitions} partitions: {stats.articles} articles, "
               f"{stats.events} events -> {db}", err=True)
    if stats.failed_partitions:
        click.echo(f"warning: {dataset}: {stats.failed_partitions} partitions failed in the "
                   "run and are missing (see manifest.json; run 'dyads code' again)", err=True)
        sys.exit(1)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--actor", help="Either side: country (PRK) or code prefix (PRKGOV).")
@click.option("--source", help="Source actor: country or code prefix.")
@click.option("--target", help="Target actor: country or code prefix.")
@click.option("--since", callback=_date,
              help="From this date (YYYY-MM-DD): the event's own date, see --date-of.")
@click.option("--until", callback=_date,
              help="Up to this date (YYYY-MM-DD): the event's own date, see --date-of.")
@click.option("--date-of", "date_of", type=click.Choice(["event", "publication"]),
              default="event", show_default=True,
              help="Which date --since/--until and the order use: the event's (from its time "
                   "phrase, else the publication date) or the article's publication date.")
@click.option("--cameo", help="CAMEO code or prefix (16 = root 16).")
@click.option("--quad", type=click.IntRange(1, 4), help="Quad class 1-4.")
@click.option("--doc", "doc_id", help="Only this article id.")
@click.option("--all", "show_all", is_flag=True, help="Include negated/hypothetical events.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True)
def events(db, actor, source, target, since, until, date_of, cameo, quad, doc_id, show_all,
           limit, fmt):
    """List stored events (every mention; 'dyads merged' lists de-duplicated events)."""
    with _store(db, must_exist=True) as store:
        found = store.events(actor=actor, source=source, target=target, since=since,
                             until=until, cameo=cameo, quad=quad, doc_id=doc_id,
                             include_flagged=show_all, limit=limit, date_of=date_of)
    _emit(found, fmt)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--rebuild", is_flag=True, help="Merge every stored event again first.")
@click.option("--mentions", "show_mentions", is_flag=True, help="List each event's mentions.")
def merged(db, rebuild, show_mentions) -> None:
    """List de-duplicated events with their numbers of mentions, sources and articles."""
    with _store(db, must_exist=True) as store:
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
@_actor_options
@_petrarch_verbs_option
def eval_cmd(gold, as_json, half, errors, lexicon, actors, petrarch_actors, petrarch_agents,
             petrarch_verbs) -> None:
    """Precision, recall and F1 of the coder against human-coded gold files."""
    from dyads.evaluate import evaluate, load_gold, split_half

    pipeline = _pipeline(lexicon, actors, petrarch_actors, petrarch_agents, petrarch_verbs)

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


@main.command()
@click.argument("text", required=False)
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False),
              help="Read the text from this file instead.")
@click.option("--date", callback=_date, help="Publication date (YYYY-MM-DD): picks office "
              "holders and resolves time phrases.")
@click.option("--no-parse", is_flag=True, help="Leave out the token-by-token parse.")
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False))
@_actor_options
@_petrarch_verbs_option
def explain(text, path, date, no_parse, lexicon, actors, petrarch_actors, petrarch_agents,
            petrarch_verbs) -> None:
    """Show how a sentence is coded: parse, actors, lexicon entries, modality, events."""
    from dyads.explain import explain as run
    from dyads.explain import format_explanation

    if path:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{path}: cannot read: {exc}") from None
    if not text or not text.strip():
        raise click.ClickException("nothing to explain: give a sentence or --file")
    report = run(_pipeline(lexicon, actors, petrarch_actors, petrarch_agents, petrarch_verbs),
                 text, on=date)
    click.echo(format_explanation(report, parse=not no_parse))


@main.group()
def actors() -> None:
    """The actor knowledge base: look up who a phrase names."""


@actors.command(name="lookup")
@click.argument("phrase")
@click.option("--date", callback=_date, help="The article's date (YYYY-MM-DD): which office "
              "holder a name means.")
@click.option("--json", "as_json", is_flag=True, help="Print the resolution as JSON.")
@_actor_options
def actors_lookup(phrase, date, as_json, actors, petrarch_actors, petrarch_agents) -> None:
    """Resolve PHRASE ("Kim Jong Un", "the South Korean defense minister", "Pyongyang") to
    an actor code, and say why."""
    from dyads import lookup_actor

    pipeline = _pipeline((), actors, petrarch_actors, petrarch_agents) \
        if actors or petrarch_actors or petrarch_agents else None
    try:
        found = lookup_actor(phrase, date=date, pipeline=pipeline)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({"phrase": phrase, "date": date and date.isoformat(),
                               "head": found.head,
                               "actors": [a.to_dict() for a in found.actors],
                               "offices": [{"name": n, "code": o.code, "office": o.office,
                                            "start": o.start.isoformat(),
                                            "end": o.end and o.end.isoformat(),
                                            "source": o.source, "where": o.where,
                                            "covers_date": c}
                                           for n, o, c in found.offices]},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(found.format())
    if not found.actors:
        sys.exit(1)


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


# -- analysis and exchange (dyads.analysis, dyads.aggregate, dyads.exchange, dyads.plot) ----

FRAME_FORMATS = ["table", "csv", "jsonl", "parquet"]


def _analysis_errors():
    """The exceptions of the analysis layer that become one-line CLI errors."""
    from dyads.aggregate import AnalysisError
    from dyads.exchange.gdelt import GdeltFileError
    from dyads.store import StoreError

    return (AnalysisError, GdeltFileError, StoreError)


def _open_data(db: str):
    from dyads.analysis import open_store

    return open_store(db)


def _write_frame(frame, fmt: str, out: str | None) -> None:
    """Print or save a DataFrame: aligned table, CSV, JSON Lines or Parquet (needs --out)."""
    if fmt == "parquet":
        if not out:
            raise click.ClickException("--format parquet needs --out PATH")
        frame.to_parquet(out, index=False)
        click.echo(f"wrote {len(frame)} rows -> {out}", err=True)
        return
    flat = frame.copy()
    for col in flat.columns:
        if str(flat[col].dtype).startswith("datetime64"):
            flat[col] = flat[col].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        text = flat.to_csv(index=False, lineterminator="\n")
    elif fmt == "jsonl":
        text = flat.to_json(orient="records", lines=True, force_ascii=False)
        text = text if text.endswith("\n") or not text else text + "\n"
    else:
        text = "(no rows)\n" if flat.empty else flat.to_string(
            index=False, na_rep="—", float_format=lambda v: f"{v:.2f}") + "\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(frame)} rows -> {out}", err=True)
    else:
        click.echo(text, nl=False)


_SINCE_HELP = "From this date (YYYY-MM-DD), on the date --date-of names."
_UNTIL_HELP = "Up to this date (YYYY-MM-DD), on the date --date-of names."


def _counting_options(f):
    """--count and --date-of: how events are counted and dated (dyads.aggregate)."""
    f = click.option("--date-of", "date_of", type=click.Choice(["event", "publication"]),
                     default="event", show_default=True,
                     help="Date events by their own date (event_date: the time phrase, else "
                          "the publication date; undated events are left out of series) or "
                          "by the article's publication date.")(f)
    return click.option("--count", "count", type=click.Choice(["events", "mentions"]),
                        default="events", show_default=True,
                        help="Count de-duplicated events (each once, with its mentions, "
                             "sources and articles) or every stored mention as an event.")(f)


def _db_option(f):
    return click.option("--db", default=DEFAULT_DB, show_default=True,
                        type=click.Path(dir_okay=False), help=DB_HELP)(f)


@main.command()
@click.argument("actor_a")
@click.argument("actor_b")
@_db_option
@click.option("--by", type=click.Choice(["day", "week", "month", "quarter", "year"]),
              default="month", show_default=True, help="Period length.")
@click.option("--since", callback=_date, help=_SINCE_HELP)
@click.option("--until", callback=_date, help=_UNTIL_HELP)
@click.option("--directed/--undirected", default=False, show_default=True,
              help="Only ACTOR_A -> ACTOR_B, or both directions.")
@click.option("--actor-sector", help="Only actors of this sector on both sides (GOV, MIL).")
@click.option("--all", "show_all", is_flag=True, help="Include negated/hypothetical events.")
@_counting_options
@click.option("--format", "fmt", type=click.Choice(FRAME_FORMATS), default="table",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file.")
def dyad(actor_a, actor_b, db, by, since, until, directed, actor_sector, show_all, count,
         date_of, fmt, out):
    """Time series of one dyad: events, mentions, sources, articles, quad classes, Goldstein,
    index, by the events' own dates.

    Actors are country or group codes (USA, IGO) or full codes (USAGOV).
    """
    try:
        with _open_data(db) as data:
            frame = data.dyad(actor_a, actor_b, by=by, since=since, until=until,
                              directed=directed, sector=actor_sector,
                              include_flagged=show_all, count=count, date_of=date_of)
    except _analysis_errors() as exc:
        raise click.ClickException(str(exc)) from None
    _write_frame(frame, fmt, out)


@main.command(name="top-dyads")
@_db_option
@click.option("--since", callback=_date, help=_SINCE_HELP)
@click.option("--until", callback=_date, help=_UNTIL_HELP)
@click.option("--rank", type=click.Choice(["events", "conflict"]), default="events",
              show_default=True, help="Most events, or most conflict (quad 3-4) events.")
@click.option("--level", type=click.Choice(["country", "code"]), default="country",
              show_default=True, help="Group actors by country (USA) or full code (USAGOV).")
@click.option("--directed/--undirected", default=True, show_default=True)
@click.option("--actor-sector", help="Only actors of this sector on both sides (GOV, MIL).")
@click.option("--no-domestic", is_flag=True, help="Leave out dyads within one country.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Include negated/hypothetical events.")
@_counting_options
@click.option("--format", "fmt", type=click.Choice(FRAME_FORMATS), default="table",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file.")
def top_dyads_cmd(db, since, until, rank, level, directed, actor_sector, no_domestic, limit,
                  show_all, count, date_of, fmt, out):
    """Dyads ranked by number of events or by conflict."""
    try:
        with _open_data(db) as data:
            frame = data.top_dyads(since=since, until=until, rank=rank, level=level,
                                   directed=directed, sector=actor_sector, limit=limit,
                                   include_flagged=show_all,
                                   include_domestic=not no_domestic, count=count,
                                   date_of=date_of)
    except _analysis_errors() as exc:
        raise click.ClickException(str(exc)) from None
    _write_frame(frame, fmt, out)


@main.command()
@click.argument("actors", nargs=-1)
@_db_option
@click.option("--network", is_flag=True, help="Draw the actor network instead of one dyad.")
@click.option("--by", type=click.Choice(["day", "week", "month", "quarter", "year"]),
              default="month", show_default=True)
@click.option("--since", callback=_date, help=_SINCE_HELP)
@click.option("--until", callback=_date, help=_UNTIL_HELP)
@click.option("--directed/--undirected", default=None,
              help="Dyad: default undirected. Network: default directed.")
@click.option("--actor-sector", help="Only actors of this sector (GOV, MIL).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Network: at most this many dyads (the busiest).")
@click.option("--level", type=click.Choice(["country", "code"]), default="country",
              show_default=True, help="Network: actors by country or by full code.")
@click.option("--all", "show_all", is_flag=True, help="Include negated/hypothetical events.")
@_counting_options
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="PNG file.")
def plot(actors, db, network, by, since, until, directed, actor_sector, limit, level,
         show_all, count, date_of, out):
    """Plot a dyad over time (dyads plot USA PRK) or the actor network (--network)."""
    from dyads import plot as plots

    if network and actors:
        raise click.ClickException("--network takes no actors")
    if not network and len(actors) != 2:
        raise click.ClickException("give two actors (dyads plot USA PRK) or --network")
    try:
        with _open_data(db) as data:
            if network:
                is_directed = True if directed is None else directed
                frame = data.top_dyads(since=since, until=until, directed=is_directed,
                                       sector=actor_sector, limit=limit, level=level,
                                       include_flagged=show_all, count=count,
                                       date_of=date_of)
                span = (f"{since or 'first date'} to {until or 'last date'}"
                        if since or until else "all dates")
                plots.plot_network(frame, out, title=f"Actor network, {span}",
                                   directed=is_directed)
            else:
                is_directed = bool(directed)
                a, b = (x.upper() for x in actors)
                frame = data.dyad(a, b, by=by, since=since, until=until,
                                  directed=is_directed, sector=actor_sector,
                                  include_flagged=show_all, count=count, date_of=date_of)
                plots.plot_dyad(frame, a, b, out, by=by, directed=is_directed)
    except _analysis_errors() as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out}", err=True)


@main.command(name="export")
@_db_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gdelt", "gdelt-mentions", "icews", "plover", "phoenix",
                                 "csv", "parquet"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--actor", help="Either side: country (PRK) or code prefix (PRKGOV).")
@click.option("--source", help="Source actor: country or code prefix.")
@click.option("--target", help="Target actor: country or code prefix.")
@click.option("--actor-sector", help="With --actor/--source/--target: only this sector.")
@click.option("--since", callback=_date, help=_SINCE_HELP)
@click.option("--until", callback=_date, help=_UNTIL_HELP)
@click.option("--cameo", help="CAMEO code or prefix (16 = root 16).")
@click.option("--quad", type=click.IntRange(1, 4), help="Quad class 1-4.")
@click.option("--all", "show_all", is_flag=True, help="Include negated/hypothetical events.")
@_counting_options
def export_cmd(db, fmt, out, actor, source, target, actor_sector, since, until, cameo, quad,
               show_all, count, date_of):
    """Write events as GDELT, ICEWS, PLOVER, Phoenix, CSV or Parquet (docs/formats.md): one
    record per de-duplicated event, dated by the event's own date, unless --count/--date-of
    say otherwise."""
    try:
        with _open_data(db) as data:
            n = data.export(fmt, out, actor=actor, source=source, target=target,
                            sector=actor_sector, since=since, until=until, cameo=cameo,
                            quad=quad, include_flagged=show_all, count=count,
                            date_of=date_of)
    except _analysis_errors() as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {n} {fmt} records -> {out}", err=True)


@main.command(name="import-gdelt")
@click.argument("files", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="DuckDB event store (created when missing).")
def import_gdelt(files, db):
    """Load GDELT 2.0 event files (.CSV or .zip) into the table gdelt_events, to compare."""
    from dyads.exchange.gdelt import import_files
    from dyads.store import EventStore

    _duckdb_only(db)
    try:
        with EventStore(db) as store:
            done = import_files(store.con, files)
    except _analysis_errors() as exc:
        raise click.ClickException(str(exc)) from None
    for name, n in done.items():
        click.echo(f"{name}: {n} GDELT events", err=True)
    click.echo(f"imported {sum(done.values())} GDELT events from {len(done)} files -> {db}",
               err=True)


@main.command()
@click.option("--db", required=True, type=click.Path(),
              help="Event store to serve (must exist): a DuckDB file or a "
                   "postgresql://user@host/dbname URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default="8000", show_default=True, help="Port to listen on (1-65535).")
@click.option("--read-only/--writable", "read_only", default=None,
              help="Open the store read-only and turn ingest off. Default: writable (ingest "
                   "on) on a loopback host, read-only on any other.")
@click.option("--coding-timeout", default=10.0, show_default=True,
              type=click.FloatRange(min=0.1, max=600), help="Seconds one ingest may code.")
def serve(db, host, port, read_only, coding_timeout) -> None:
    """Web dashboard and JSON API over an event store (dyads/serve/)."""
    from dyads.serve.run import ServeError, run

    try:
        run(db, host=host, port=port, read_only=read_only, coding_timeout=coding_timeout,
            echo=lambda msg: click.echo(msg, err=True))
    except ServeError as exc:
        raise click.ClickException(str(exc)) from None


if __name__ == "__main__":
    main()
