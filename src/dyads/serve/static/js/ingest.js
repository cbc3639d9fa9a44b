/* Ingest: paste an article, code it live with the real pipeline, list its events. */
"use strict";
(function () {
  const form = document.getElementById("ingest");
  if (!form) return;
  const status = document.getElementById("status");

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = form.elements;
    const body = { title: f.title.value || null, date: f.date.value || null, text: f.text.value, store: f.store.checked };
    status.textContent = "coding…";
    const t0 = performance.now();
    const res = await fetch("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const out = await res.json().catch(() => ({}));
    if (!res.ok) { status.textContent = ""; showError(typeof out.detail === "string" ? out.detail : res.statusText); return; }
    showError("");
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    status.replaceChildren(`${out.events.length} events in ${secs} s`, out.stored ? " · stored as " : " · not stored",
      out.stored ? el("a", { href: "/articles/" + encodeURI(out.doc_id) }, out.doc_id) : "");
    const bySentence = {};
    for (const e of out.events) (bySentence[e.sentence_index] ||= []).push(e);
    const box = document.getElementById("sentences");
    box.replaceChildren();
    for (const s of out.sentences) {
      const evs = bySentence[s.sentence_index] || [];
      const spans = evs.flatMap((e) => [
        e.source && { role: "source", start: e.source.start, end: e.source.end, label: e.source.code },
        e.target && { role: "target", start: e.target.start, end: e.target.end, label: e.target.code },
        { role: "trigger", start: e.trigger_start, end: e.trigger_end, label: e.cameo, flagged: e.negated || e.hypothetical },
      ].filter(Boolean));
      box.append(el("p", { class: "sent" + (evs.length ? " coded" : "") }, highlight(s.text, spans)));
    }
    const table = document.getElementById("coded");
    table.replaceChildren(el("tr", {}, el("th", {}, "Source"), el("th", {}, "Event"), el("th", {}, "Target"), el("th", {}, "Date"), el("th", {}, "Place"), el("th", {}, "Flags")));
    for (const e of out.events) {
      table.append(el("tr", { class: e.negated || e.hypothetical ? "flagged" : null },
        el("td", {}, e.source ? e.source.code : "—"),
        el("td", {}, el("span", { class: "quad q" + e.quad_class }), `${e.cameo} ${e.cameo_name}`),
        el("td", {}, e.target ? e.target.code : "—"),
        el("td", {}, e.event_date || "—", e.date_text ? ` (“${e.date_text}”)` : ""),
        el("td", {}, e.place ? e.place.name : ""),
        el("td", {}, [e.negated && "negated", e.hypothetical && "hypothetical", ...(e.flags || [])].filter(Boolean).join(", "))));
    }
  });
})();
