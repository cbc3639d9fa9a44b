/* Overview: events per period by quad class, top dyads, most active actors, recent events. */
"use strict";
(function () {
  const form = document.getElementById("filters");

  async function load() {
    const params = formParams(form);
    setQuery(params);
    const data = await api("/overview", params);
    const t = data.totals;
    document.getElementById("totals").textContent =
      `${t.events} events (${t.unique_events} after de-duplication) from ${t.articles} articles; ` +
      `showing ${data.since || "—"} to ${data.until || "—"}.`;
    document.getElementById("by").textContent = data.by;
    quadChart(document.getElementById("chart"), data.series, {
      label: "events per " + data.by,
      onClick: (r) => { location.href = "/events?" + new URLSearchParams({ since: r.period, until: periodEnd(r.period, data.by) }); },
    });
    quadLegend(document.getElementById("legend"));

    const dyads = document.getElementById("dyads");
    dyads.replaceChildren(el("tr", {}, el("th", {}, "Dyad"), el("th", {}, "Events"), el("th", {}, "Conflict"), el("th", {}, "Mean Goldstein")));
    for (const d of data.top_dyads) {
      dyads.append(el("tr", {},
        el("td", {}, el("a", { href: "/dyad?" + new URLSearchParams({ a: d.actor_a, b: d.actor_b }) }, `${d.actor_a} – ${d.actor_b}`)),
        el("td", { class: "num" }, d.events), el("td", { class: "num" }, d.conflict_events),
        el("td", { class: "num" }, el("span", { class: "gs", style: `color:${goldsteinColor(d.goldstein_mean)}` }, fmt(d.goldstein_mean)))));
    }
    const actors = document.getElementById("actors");
    actors.replaceChildren(el("tr", {}, el("th", {}, "Actor"), el("th", {}, "Events"), el("th", {}, "As source"), el("th", {}, "As target"), el("th", {}, "Mean Goldstein")));
    for (const a of data.top_actors) {
      actors.append(el("tr", {},
        el("td", {}, el("a", { href: "/events?" + new URLSearchParams({ actor: a.actor }) }, a.actor)),
        el("td", { class: "num" }, a.events), el("td", { class: "num" }, a.as_source), el("td", { class: "num" }, a.as_target),
        el("td", { class: "num" }, fmt(a.goldstein_mean))));
    }
    eventTable(document.getElementById("recent"), data.recent);
  }

  function periodEnd(start, by) {
    const d = new Date(start + "T00:00:00Z");
    if (by === "day") return start;
    if (by === "week") d.setUTCDate(d.getUTCDate() + 6);
    else { d.setUTCMonth(d.getUTCMonth() + (by === "month" ? 1 : by === "quarter" ? 3 : 12)); d.setUTCDate(d.getUTCDate() - 1); }
    return d.toISOString().slice(0, 10);
  }

  fillForm(form);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load().catch(shown); });
  load().catch(shown);
})();
