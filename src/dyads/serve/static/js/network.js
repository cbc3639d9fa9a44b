/* Actor network: a small force layout in SVG. Edge colour = mean Goldstein, width = events. */
"use strict";
(function () {
  const form = document.getElementById("filters");
  const box = document.getElementById("net");

  function layout(nodes, edges, W, H) {
    // Fruchterman-Reingold with a fixed start (a circle), so the picture is reproducible.
    const n = nodes.length, k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
    const pos = nodes.map((_, i) => ({ x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / n), y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / n) }));
    const idx = Object.fromEntries(nodes.map((nd, i) => [nd.id, i]));
    let temp = W / 10;
    for (let it = 0; it < 300; it++) {
      const d = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const dist = Math.max(0.01, Math.hypot(dx, dy)), f = (k * k) / dist;
        dx /= dist; dy /= dist;
        d[i].x += dx * f; d[i].y += dy * f; d[j].x -= dx * f; d[j].y -= dy * f;
      }
      for (const e of edges) {
        const i = idx[e.a], j = idx[e.b];
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const dist = Math.max(0.01, Math.hypot(dx, dy)), f = (dist * dist) / k;
        dx /= dist; dy /= dist;
        d[i].x -= dx * f; d[i].y -= dy * f; d[j].x += dx * f; d[j].y += dy * f;
      }
      for (let i = 0; i < n; i++) {
        const len = Math.max(0.01, Math.hypot(d[i].x, d[i].y));
        pos[i].x = Math.min(W - 30, Math.max(30, pos[i].x + (d[i].x / len) * Math.min(len, temp)));
        pos[i].y = Math.min(H - 24, Math.max(34, pos[i].y + (d[i].y / len) * Math.min(len, temp)));
      }
      temp *= 0.985;
    }
    return pos;
  }

  async function load() {
    const params = formParams(form);
    setQuery(params);
    const data = await api("/network", params);
    box.replaceChildren();
    const W = Math.max(box.clientWidth || 900, 400), H = 520;
    const root = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "actor network" });
    if (!data.nodes.length) {
      root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "No dyads in this period"));
      box.append(root);
      return;
    }
    const pos = layout(data.nodes, data.edges, W, H);
    const idx = Object.fromEntries(data.nodes.map((nd, i) => [nd.id, i]));
    const maxE = Math.max(...data.edges.map((e) => e.events));
    const maxN = Math.max(...data.nodes.map((nd) => nd.events));
    for (const e of data.edges) {
      const p = pos[idx[e.a]], q = pos[idx[e.b]];
      const href = "/dyad?" + new URLSearchParams({ a: e.a, b: e.b, ...(params.since ? { since: params.since } : {}), ...(params.until ? { until: params.until } : {}) });
      const link = svg("a", { href, class: "edge", "data-a": e.a, "data-b": e.b },
        svg("line", { x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: goldsteinColor(e.goldstein_mean), "stroke-width": 1.5 + 8 * (e.events / maxE) }),
        svg("title", {}, `${e.a} – ${e.b}: ${e.events} events, mean Goldstein ${fmt(e.goldstein_mean)}`));
      root.append(link);
    }
    data.nodes.forEach((nd, i) => {
      const r = 6 + 12 * Math.sqrt(nd.events / maxN);
      root.append(svg("g", { class: "node", "data-id": nd.id },
        svg("circle", { cx: pos[i].x, cy: pos[i].y, r, fill: goldsteinColor(nd.goldstein_mean) }),
        svg("text", { x: pos[i].x, y: pos[i].y - r - 3, "text-anchor": "middle" }, nd.id),
        svg("title", {}, `${nd.id}: ${nd.events} events in these dyads, mean Goldstein ${fmt(nd.goldstein_mean)}`)));
    });
    box.append(root);
    document.getElementById("summary").textContent = `${data.nodes.length} actors, ${data.edges.length} dyads.`;
  }

  fillForm(form);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load().catch(shown); });
  load().catch(shown);
})();
