/* dyads serve: shared helpers. Vanilla JS and SVG, no libraries, nothing from other hosts.
   Text from the store is only ever inserted as text nodes (never as HTML). */
"use strict";

const QUADS = {
  1: { name: "verbal cooperation", key: "verbal_coop", color: "#6baed6" },
  2: { name: "material cooperation", key: "material_coop", color: "#2171b5" },
  3: { name: "verbal conflict", key: "verbal_conflict", color: "#fd8d3c" },
  4: { name: "material conflict", key: "material_conflict", color: "#cb181d" },
};
const SVGNS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

/* For promise chains of page loads: errors from `api` are already shown; log anything else. */
function shown(err) {
  if (!err || !err.shown) console.error(err);
}

async function api(path, params) {
  const qs = params ? "?" + new URLSearchParams(params).toString() : "";
  const res = await fetch("/api" + path + qs, { headers: { accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const msg = typeof body.detail === "string" ? body.detail : res.status + " " + res.statusText;
    showError(msg);
    const err = new Error(msg);
    err.shown = true;
    throw err;
  }
  showError("");
  return body;
}

/* Non-empty fields of a form as an object (checkboxes: "true" when ticked). */
function formParams(form) {
  const out = {};
  for (const field of form.elements) {
    if (!field.name) continue;
    if (field.type === "checkbox") { if (field.checked) out[field.name] = "true"; continue; }
    if (field.value !== "") out[field.name] = field.value;
  }
  return out;
}

/* Fill a form from the page's query string; return the values found. */
function fillForm(form) {
  const params = Object.fromEntries(new URLSearchParams(location.search));
  for (const [k, v] of Object.entries(params)) {
    const field = form.elements[k];
    if (!field) continue;
    if (field.type === "checkbox") field.checked = v === "true";
    else field.value = v;
  }
  return params;
}

function setQuery(params) {
  const qs = new URLSearchParams(params).toString();
  history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
}

function fmt(v, digits = 1) {
  if (v === null || v === undefined) return "—";
  return typeof v === "number" ? v.toFixed(digits) : String(v);
}

/* -10 (red) .. 0 (grey) .. +10 (blue) */
function goldsteinColor(g) {
  if (g === null || g === undefined) return "#999";
  const t = Math.max(-1, Math.min(1, g / 10));
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  const grey = [150, 150, 150], red = [203, 24, 29], blue = [33, 113, 181];
  const to = t < 0 ? red : blue, f = Math.abs(t);
  return `rgb(${mix(grey[0], to[0], f)},${mix(grey[1], to[1], f)},${mix(grey[2], to[2], f)})`;
}

/* Only web links from stored data become hrefs (never javascript: and the like). */
function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

function eventLink(e, text) {
  return el("a", { href: "/events/" + encodeURI(e.event_id), class: "event-link" }, text);
}

function actorCell(code, text) {
  return el("span", { title: text || "" }, code || "—");
}

/* A table of events (from /api/events and friends). */
function eventTable(table, items, opts = {}) {
  table.replaceChildren();
  const cols = [
    ["date", "Date"], ["source", "Source"], ["cameo", "Event"], ["target", "Target"],
    ["place", "Place"], [null, "Evidence"],
  ];
  const head = el("tr", {}, cols.map(([key, label]) => {
    if (!opts.onSort || !key) return el("th", {}, label);
    const mark = opts.sort === key ? (opts.desc ? " ▼" : " ▲") : "";
    return el("th", {}, el("button", { class: "sort", "data-sort": key, type: "button",
      onclick: () => opts.onSort(key) }, label + mark));
  }));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const e of items) {
    const flagged = e.negated || e.hypothetical;
    body.append(el("tr", { class: flagged ? "flagged" : null, "data-event-id": e.event_id },
      el("td", { class: "nowrap" }, e.date || "—"),
      el("td", {}, actorCell(e.source_code, e.source_text)),
      el("td", {}, el("span", { class: "quad q" + e.quad_class, title: QUADS[e.quad_class]?.name }),
        eventLink(e, `${e.cameo} ${e.cameo_name}`)),
      el("td", {}, actorCell(e.target_code, e.target_text)),
      el("td", {}, e.place_name || ""),
      el("td", { class: "sentence" }, e.sentence),
    ));
  }
  if (!items.length) body.append(el("tr", {}, el("td", { colspan: cols.length, class: "muted" }, "No events.")));
  table.append(body);
}

/* Text with highlighted spans [{start, end, role, label, href?, flagged?}], overlaps allowed. */
function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) { frag.append(piece); continue; }
    const roles = [...new Set(over.map((s) => s.role))];
    const cls = "hl " + roles.join(" ") + (over.some((s) => s.flagged) ? " flagged" : "");
    const title = over.map((s) => s.title || `${s.role}: ${s.label || ""}`).join("\n");
    const link = over.find((s) => s.href);
    const node = link ? el("a", { href: link.href, class: cls, title }, piece)
      : el("span", { class: cls, title }, piece);
    frag.append(node);
  }
  return frag;
}

/* Stacked quad-class bars per period with a mean Goldstein line; onClick(row) per bar. */
function quadChart(box, rows, opts = {}) {
  box.replaceChildren();
  const W = Math.max(box.clientWidth || 800, 320), H = opts.height || 260;
  const m = { l: 40, r: 44, t: 10, b: 40 };
  const iw = W - m.l - m.r, ih = H - m.t - m.b;
  const root = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: "quad-chart",
    role: "img", "aria-label": opts.label || "events by quad class" });
  if (!rows.length) {
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "muted" }, "No events"));
    box.append(root);
    return;
  }
  const max = Math.max(1, ...rows.map((r) => r.events));
  const bw = Math.min(iw / rows.length, 90);  // a few periods: narrow bars, centred
  const x0 = m.l + (iw - bw * rows.length) / 2;
  const y = (v) => m.t + ih - (v / max) * ih;
  const gy = (g) => m.t + ih / 2 - (g / 10) * (ih / 2);
  const ticks = niceTicks(max);
  for (const t of ticks) {
    root.append(svg("line", { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), class: "grid" }),
      svg("text", { x: m.l - 6, y: y(t) + 4, "text-anchor": "end", class: "axis" }, t));
  }
  for (const g of [-10, 0, 10]) {
    root.append(svg("text", { x: W - m.r + 6, y: gy(g) + 4, class: "axis gold" }, (g > 0 ? "+" : "") + g));
  }
  const every = Math.ceil(rows.length / Math.max(1, Math.floor(iw / 70)));
  rows.forEach((r, i) => {
    const x = x0 + i * bw;
    const g = svg("g", { class: "bar" + (r.events ? " has-events" : ""), "data-period": r.period,
      "data-events": r.events, tabindex: r.events ? 0 : null });
    let acc = 0;
    for (const q of [1, 2, 3, 4]) {
      const v = r[QUADS[q].key] || 0;
      if (!v) continue;
      g.append(svg("rect", { x: x + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(acc + v),
        height: y(acc) - y(acc + v), fill: QUADS[q].color }));
      acc += v;
    }
    // a full-height hit area makes thin bars easy to click
    g.append(svg("rect", { x, width: bw, y: m.t, height: ih, class: "hit" }));
    g.append(svg("title", {}, `${r.period}: ${r.events} events` +
      (r.goldstein_mean === null || r.goldstein_mean === undefined ? "" : `, mean Goldstein ${fmt(r.goldstein_mean)}`)));
    if (opts.onClick && r.events) {
      g.addEventListener("click", () => opts.onClick(r, g));
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") opts.onClick(r, g); });
    }
    root.append(g);
    if (i % every === 0) {
      root.append(svg("text", { x: x + bw / 2, y: H - m.b + 16, "text-anchor": "middle", class: "axis" },
        String(r.period).slice(0, opts.labelChars || 10)));
    }
  });
  if (opts.goldstein !== false) {
    const pts = rows.map((r, i) => [x0 + i * bw + bw / 2, r.goldstein_mean])
      .filter((p) => p[1] !== null && p[1] !== undefined);
    if (pts.length) {
      root.append(svg("path", { d: pts.map((p, i) => `${i ? "L" : "M"}${p[0]},${gy(p[1])}`).join(""),
        class: "gold-line" }));
      for (const p of pts) root.append(svg("circle", { cx: p[0], cy: gy(p[1]), r: 3, class: "gold-dot" }));
    }
  }
  root.append(svg("line", { x1: m.l, x2: W - m.r, y1: m.t + ih, y2: m.t + ih, class: "baseline" }));
  box.append(root);
}

function quadLegend(box, goldstein = true) {
  box.replaceChildren(...[1, 2, 3, 4].map((q) =>
    el("span", { class: "key" }, el("span", { class: "swatch", style: `background:${QUADS[q].color}` }), `${q} ${QUADS[q].name}`)));
  if (goldstein) box.append(el("span", { class: "key" }, el("span", { class: "swatch line" }), "mean Goldstein"));
}

function niceTicks(max) {
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  const s = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const out = [];
  for (let v = 0; v <= max; v += Math.max(1, Math.round(s))) out.push(v);
  return out;
}

/* A small world map without tiles: graticule, equator, and a dot at lat/lon. */
function drawMap(box, place) {
  box.replaceChildren();
  if (!place) { box.append(el("p", { class: "muted" }, "No place in the text.")); return; }
  if (place.lat === null || place.lon === null || place.lat === undefined) {
    box.append(el("p", { class: "muted" }, `${place.name}: a country or state, no coordinates in the offline gazetteer.`));
    return;
  }
  const W = 360, H = 180;
  const x = (lon) => ((lon + 180) / 360) * W, y = (lat) => ((90 - lat) / 180) * H;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "map-svg", role: "img",
    "aria-label": `${place.name} at ${place.lat.toFixed(2)}, ${place.lon.toFixed(2)}` });
  root.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  for (let lon = -150; lon < 180; lon += 30) root.append(svg("line", { x1: x(lon), x2: x(lon), y1: 0, y2: H, class: "grat" }));
  for (let lat = -60; lat < 90; lat += 30) root.append(svg("line", { x1: 0, x2: W, y1: y(lat), y2: y(lat), class: lat === 0 ? "grat eq" : "grat" }));
  const px = x(place.lon), py = y(place.lat);
  root.append(svg("circle", { cx: px, cy: py, r: 9, class: "halo" }),
    svg("circle", { cx: px, cy: py, r: 3.5, class: "dot" }),
    svg("text", { x: px + (px > W - 90 ? -10 : 10), y: py - 8, "text-anchor": px > W - 90 ? "end" : "start", class: "map-label" }, place.name));
  box.append(root, el("p", { class: "muted" }, `${place.lat.toFixed(3)}°, ${place.lon.toFixed(3)}° (equirectangular; graticule every 30°)`));
}
