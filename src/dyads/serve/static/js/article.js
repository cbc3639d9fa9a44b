/* Article view: the cleaned text, with every coded event highlighted in its sentence. */
"use strict";
(function () {
  const id = document.getElementById("main").dataset.docId;

  function sentenceNode(index, text, events, tag = "span") {
    const spans = [];
    for (const ev of events) {
      for (const s of ev.spans) {
        spans.push({ ...s, flagged: ev.flagged, href: s.role === "trigger" ? "/events/" + encodeURI(ev.event_id) : null,
          title: `${ev.source_code || "?"} ${ev.cameo} ${ev.cameo_name} ${ev.target_code || "?"} (${s.role})` });
      }
    }
    return el(tag, { id: "s" + index, class: "sent" + (events.length ? " coded" : ""), "data-events": events.length }, highlight(text, spans));
  }

  async function load() {
    const d = await api("/articles/" + encodeURI(id));
    const a = d.article;
    document.getElementById("title").textContent = a.title || a.doc_id;
    document.title = (a.title || a.doc_id) + " · dyads";
    document.getElementById("meta").textContent = [a.date, a.publisher, a.doc_id, `${d.events} events`].filter(Boolean).join(" · ");
    if (safeUrl(a.url)) document.getElementById("meta").append(" · ", el("a", { href: safeUrl(a.url), rel: "noopener noreferrer" }, "original"));
    const box = document.getElementById("text");
    box.replaceChildren();
    for (const h of d.headline) box.append(sentenceNode(h.sentence_index, h.text, h.events, "h2"));
    for (const para of d.paragraphs) {
      const p = el("p");
      for (const run of para) {
        if (run.sentence_index === undefined) p.append(run.text);
        else p.append(sentenceNode(run.sentence_index, run.text, d.sentence_events[String(run.sentence_index)] || []));
      }
      box.append(p);
    }
    if (location.hash) document.querySelector(location.hash)?.classList.add("focus");
    document.querySelector(location.hash || "#none")?.scrollIntoView({ block: "center" });
  }
  load().catch(shown);
})();
