/* Event detail: codes, date and how it was resolved, place map, evidence and mentions. */
"use strict";
(function () {
  const id = document.getElementById("main").dataset.eventId;

  function facts(dl, rows) {
    dl.replaceChildren();
    for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, v === null || v === undefined || v === "" ? "—" : v));
  }

  function sentence(ev) {
    return el("blockquote", { class: "evidence" }, highlight(ev.sentence, ev.spans.map((s) => ({ ...s, title: `${s.role}: ${s.label || ""}` }))));
  }

  async function load() {
    const d = await api("/events/" + encodeURI(id));
    const e = d.event;
    document.getElementById("title").textContent = `${e.source_code || "?"} ${d.cameo.code} ${d.cameo.name} ${e.target_code || "?"}`;
    document.title = `${e.source_code || "?"} ${d.cameo.code} ${e.target_code || "?"} · dyads`;
    facts(document.getElementById("codes"), [
      ["Source", e.source_code ? `${e.source_code} (“${e.source_text}”, ${e.source_how || ""})` : null],
      ["Target", e.target_code ? `${e.target_code} (“${e.target_text}”, ${e.target_how || ""})` : null],
      ["CAMEO", `${d.cameo.code} ${d.cameo.name}`],
      ["CAMEO root", `${d.cameo.root} ${d.cameo.root_name || ""}`],
      ["Goldstein", fmt(d.cameo.goldstein)],
      ["Quad class", `${d.cameo.quad_class} ${d.cameo.quad_name || ""}`],
      ["PLOVER", [d.plover.type, d.plover.mode, d.plover.context].filter(Boolean).join(" · ")],
      ["Trigger", e.trigger],
      ["Flags", [e.negated && "negated", e.hypothetical && "hypothetical", e.headline && "headline", ...(e.flags || [])].filter(Boolean).join(", ")],
      ["Rule", e.rule],
    ]);
    const dt = d.date;
    facts(document.getElementById("when"), [
      ["Event date", dt.event_date ? (dt.event_date_end && dt.event_date_end !== dt.event_date ? `${dt.event_date} to ${dt.event_date_end}` : dt.event_date) : null],
      ["Resolved from", dt.how],
      ["Published", dt.published],
      ["Place", d.place ? `${d.place.name}${d.place.country ? ", " + d.place.country : ""} (${d.place.feature}, GeoNames ${d.place.geonameid})` : null],
      ["Merged event", d.merged ? `${d.merged.num_mentions} mentions in ${d.merged.num_articles} articles from ${d.merged.num_sources} sources` : "not merged (flagged or de-duplication off)"],
    ]);
    drawMap(document.getElementById("map"), d.place);
    document.getElementById("evidence").replaceChildren(sentence(d.evidence));
    const table = document.getElementById("mentions");
    table.replaceChildren(el("tr", {}, el("th", {}, "Published"), el("th", {}, "Article"), el("th", {}, "Publisher"), el("th", {}, "Evidence")));
    for (const m of d.mentions) {
      table.append(el("tr", { class: m.event_id === e.event_id ? "current" : null },
        el("td", { class: "nowrap" }, m.published || "—"),
        el("td", {}, el("a", { href: "/articles/" + encodeURI(m.doc_id) + "#s" + m.sentence_index }, m.title || m.doc_id),
          safeUrl(m.url) ? el("span", {}, " · ", el("a", { href: safeUrl(m.url), rel: "noopener noreferrer", class: "ext" }, "source")) : null),
        el("td", {}, m.publisher || "—"),
        el("td", {}, el("a", { href: "/events/" + encodeURI(m.event_id), class: "mention" }, highlight(m.sentence, m.spans)))));
    }
  }
  load().catch(shown);
})();
