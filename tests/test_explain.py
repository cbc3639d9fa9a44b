"""`dyads explain`: every decision traced to the parse, a data-file line or a grammar rule."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from dyads.cli import main
from dyads.explain import explain, format_explanation


def test_explain_reports_each_stage(pipeline):
    report = explain(pipeline, "Japan imposed export curbs on South Korea on Monday.",
                     on=date(2019, 7, 3))
    (sent,) = report
    assert sent.parsed and sent.tokens
    assert any("Japan" in m and "countries.tsv" in m for m in sent.mentions)
    assert any("16_reduce_relations.yaml" in m for m in sent.matches)
    (event,) = [e for e in sent.events if e.cameo == "163"]
    assert (event.source.code, event.target.country) == ("JPN", "KOR")
    text = format_explanation(report)
    assert "rule 16_reduce_relations.yaml:" in text
    assert "date: 2019-07-01 (day, 'on Monday')" in text


def test_explain_shows_modality_and_unparsed_sentences(pipeline):
    text = format_explanation(explain(pipeline, "The weather was fine. Iran could reject the "
                                                "proposal from France."), parse=False)
    assert "not parsed" in text
    assert "[hypothetical]" in text and "modal 'could'" in text


def test_explain_command():
    result = CliRunner().invoke(main, ["explain", "Egypt will send aid to Sudan.", "--no-parse"])
    assert result.exit_code == 0, result.output
    assert "033 " in result.output and "intent (future)" in result.output
    empty = CliRunner().invoke(main, ["explain", "  "])
    assert empty.exit_code != 0 and "nothing to explain" in empty.output
