"""PNG charts of dyad series and actor networks (matplotlib, Agg backend: no display needed).

`plot_dyad` takes the frame of `EventData.dyad` and `plot_network` that of
`EventData.top_dyads`, so what is drawn is exactly what the tables show.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import Normalize  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

QUADS = (  # column, label, colour; cooperation drawn above zero, conflict below
    ("verbal_coop", "verbal cooperation (quad 1)", "#9ecae1"),
    ("material_coop", "material cooperation (quad 2)", "#3182bd"),
    ("verbal_conflict", "verbal conflict (quad 3)", "#fdae6b"),
    ("material_conflict", "material conflict (quad 4)", "#e6550d"),
)
_DATE_FORMAT = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "quarter": "%Y-%m",
                "year": "%Y"}


def plot_dyad(series: pd.DataFrame, a: str, b: str, path: str | Path, *, by: str = "month",
              directed: bool = False) -> Path:
    """Stacked quad-class counts per period (conflict mirrored below zero) and mean Goldstein.

    Bars are labelled with the period's event count; the title gives the total.
    """
    out = Path(path)
    fig, ax = plt.subplots(figsize=(11, 6.5), dpi=110)
    labels = [pd.Timestamp(p).strftime(_DATE_FORMAT.get(by, "%Y-%m-%d"))
              for p in series["period"]]
    if by == "quarter":
        labels = [f"{pd.Timestamp(p).year}Q{pd.Timestamp(p).quarter}" for p in series["period"]]
    x = list(range(len(series)))
    up = [0.0] * len(series)
    down = [0.0] * len(series)
    for col, label, colour in QUADS:
        values = series[col].astype(float).tolist()
        if col.endswith("coop"):
            ax.bar(x, values, bottom=up, color=colour, label=label, width=0.8)
            up = [u + v for u, v in zip(up, values, strict=True)]
        else:
            ax.bar(x, [-v for v in values], bottom=down, color=colour, label=label, width=0.8)
            down = [d - v for d, v in zip(down, values, strict=True)]
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("events per " + by + " (cooperation above 0, conflict below)")
    ax.set_xlabel(by + " starting")
    if len(x) <= 60:
        for xi, n, top in zip(x, series["events"], up, strict=True):
            if n:
                ax.annotate(str(int(n)), (xi, top), xytext=(0, 3), textcoords="offset points",
                            ha="center", va="bottom", fontsize=8)
    step = max(1, len(x) // 16)
    ax.set_xticks(x[::step])
    ax.set_xticklabels(labels[::step], rotation=45, ha="right", fontsize=8)
    lim = max([1.0, *up, *(-d for d in down)]) * 1.2
    ax.set_ylim(-lim, lim)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))

    ax2 = ax.twinx()
    ax2.plot(x, series["goldstein_mean"].astype(float), color="black", marker="o",
             markersize=5, linewidth=1.5,
             label="mean Goldstein score (gaps: no events)")
    ax2.set_ylim(-10.5, 10.5)
    ax2.set_ylabel("mean Goldstein score (−10 conflict … +10 cooperation)")

    arrow = "→" if directed else "–"
    total = int(series["events"].sum())
    span = f"{labels[0]} to {labels[-1]}" if labels else "no periods"
    ax.set_title(f"{a} {arrow} {b}: {total} events by {by}, {span}")
    handles, names = ax.get_legend_handles_labels()
    h2, n2 = ax2.get_legend_handles_labels()
    ax.legend(handles + h2, names + n2, loc="upper center", bbox_to_anchor=(0.5, -0.2),
              ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out


def plot_network(dyads: pd.DataFrame, path: str | Path, *, title: str = "Actor network",
                 directed: bool = True) -> Path:
    """Actors as nodes, dyads as edges: colour = mean Goldstein, width = number of events."""
    import networkx as nx

    out = Path(path)
    graph = nx.DiGraph() if directed else nx.Graph()
    for row in dyads.itertuples(index=False):
        if row.actor_a == row.actor_b:
            continue  # domestic dyads would be self-loops
        graph.add_edge(row.actor_a, row.actor_b, events=int(row.events),
                       goldstein=float(row.goldstein_mean))
    fig, ax = plt.subplots(figsize=(10, 8), dpi=110)
    cmap = plt.get_cmap("RdYlGn")
    norm = Normalize(vmin=-10, vmax=10)
    if graph.number_of_edges():
        # a circle, actors of one connected group side by side: no overlaps, short edges
        order = [n for comp in sorted(nx.connected_components(graph.to_undirected()),
                                      key=lambda c: (-len(c), sorted(c)))
                 for n in sorted(comp)]
        pos = nx.circular_layout(order)
        counts = [d["events"] for _, _, d in graph.edges(data=True)]
        most = max(counts)
        widths = [1 + 7 * c / most for c in counts]
        colours = [cmap(norm(d["goldstein"])) for _, _, d in graph.edges(data=True)]
        degree = dict(graph.degree(weight="events"))
        sizes = [300 + 1200 * degree[n] / max(degree.values()) for n in graph.nodes]
        nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes, node_color="#dddddd",
                               edgecolors="#555555")
        nx.draw_networkx_labels(graph, pos, ax=ax, font_size=9)
        edge_kw = {"arrows": True, "arrowsize": 14, "connectionstyle": "arc3,rad=0.08",
                   "node_size": sizes} if directed else {}
        nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color=colours, **edge_kw)
        if graph.number_of_edges() <= 40:
            nx.draw_networkx_edge_labels(
                graph, pos, ax=ax, font_size=7,
                edge_labels={(u, v): d["events"] for u, v, d in graph.edges(data=True)})
    else:
        ax.text(0.5, 0.5, "no dyads with both actors known", ha="center", va="center",
                transform=ax.transAxes)
    sm = plt.cm.ScalarMappable(cmap=cmap, norm=norm)
    bar = fig.colorbar(sm, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("mean Goldstein score of the dyad")
    total = sum(d["events"] for _, _, d in graph.edges(data=True))
    ax.set_title(f"{title}: {graph.number_of_nodes()} actors, {graph.number_of_edges()} "
                 f"dyads, {total} events\nedge width and label = number of events, "
                 "colour = mean Goldstein score", fontsize=11)
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
