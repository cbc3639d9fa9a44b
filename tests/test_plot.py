"""PNG plots of a dyad series and of the actor network, from a real DuckDB store."""

from __future__ import annotations

import pytest
from analysis_data import build_store
from click.testing import CliRunner
from matplotlib import image

from dyads.cli import main

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("plot") / "events.duckdb")


def check_png(path, min_width=800):
    assert path.read_bytes()[:8] == PNG
    pixels = image.imread(path)
    assert pixels.shape[1] >= min_width
    assert pixels.std() > 0.05  # something was drawn, not a blank canvas


@pytest.mark.parametrize("by", ["week", "month"])
def test_plot_dyad(db, tmp_path, by):
    out = tmp_path / f"us_prk_{by}.png"
    res = CliRunner().invoke(main, ["plot", "USA", "PRK", "--by", by, "--db", str(db),
                                    "--out", str(out)])
    assert res.exit_code == 0, res.output
    check_png(out)


def test_plot_network(db, tmp_path):
    out = tmp_path / "net.png"
    res = CliRunner().invoke(main, ["plot", "--network", "--since", "2019-01-01", "--db",
                                    str(db), "--out", str(out)])
    assert res.exit_code == 0, res.output
    check_png(out)


def test_plot_empty_and_bad_input(db, tmp_path):
    out = tmp_path / "none.png"
    res = CliRunner().invoke(main, ["plot", "--network", "--since", "2030-01-01", "--db",
                                    str(db), "--out", str(out)])
    assert res.exit_code == 0 and out.exists()
    res = CliRunner().invoke(main, ["plot", "USA", "--db", str(db), "--out", str(out)])
    assert res.exit_code == 1 and "give two actors" in res.output
    res = CliRunner().invoke(main, ["plot", "USA", "PRK", "--network", "--db", str(db),
                                    "--out", str(out)])
    assert res.exit_code == 1 and "--network takes no actors" in res.output
