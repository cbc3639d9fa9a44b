/* Dyad view: quad stacks and the mean Goldstein line per period; a bar lists its events. */
"use strict";
(function () {
  const form = document.getElementById("filters");
  const table = document.getElementById("bar-events");
  const barTitle = document.getElementById("bar-title");

  async function loadActors() {
    const list = document.getElementById("actor-list");
    for (const a of await api("/actors")) list.append(el("option", { value: a.actor }, `${a.events} events`));
  }

  async function load() {
    const params = formParams(form);
    if (!params.a || !params.b) return;
    setQuery(params);
    const data = await api("/dyad", params);
    document.getElementById("title").textContent =
      `${data.a} ${data.directed ? "→" : "–"} ${data.b}, per ${data.by}`;
    quadChart(document.getElementById("chart"), data.series, {
      label: `${data.a} and ${data.b}`,
      labelChars: data.by === "year" ? 4 : data.by === "day" || data.by === "week" ? 10 : 7,
      onClick: (row, g) => showBar(params, row, g).catch(shown),
    });
    quadLegend(document.getElementById("legend"));
    table.replaceChildren();
    barTitle.textContent = "Events (click a bar)";
  }

  async function showBar(params, row, g) {
    document.querySelectorAll(".bar.selected").forEach((b) => b.classList.remove("selected"));
    g.classList.add("selected");
    const out = await api("/dyad/events", { a: params.a, b: params.b, by: params.by || "month",
      directed: params.directed || "false", period: row.period, page_size: 200 });
    barTitle.textContent = `Events from ${out.period_start} to before ${out.period_end} (${out.total})`;
    eventTable(table, out.items);
  }

  fillForm(form);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load().catch(shown); });
  loadActors().catch(shown);
  load().catch(shown);
})();
