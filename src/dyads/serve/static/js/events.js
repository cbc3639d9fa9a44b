/* Events table: filters, sorting, pagination and a CSV link for the same filters. */
"use strict";
(function () {
  const form = document.getElementById("filters");
  const table = document.getElementById("events");

  async function load() {
    const params = formParams(form);
    setQuery(params);
    const { page, sort, desc, ...filters } = params;
    document.getElementById("csv").href = "/api/events.csv?" + new URLSearchParams({ ...filters, ...(sort ? { sort } : {}), ...(desc ? { desc } : {}) });
    const data = await api("/events", { ...params, page_size: 50 });
    document.getElementById("count").textContent = `${data.total} events · page ${data.page} of ${data.pages}`;
    eventTable(table, data.items, { sort: form.elements.sort.value, desc: !!form.elements.desc.value, onSort: (key) => {
      if (form.elements.sort.value === key) form.elements.desc.value = form.elements.desc.value ? "" : "true";
      else { form.elements.sort.value = key; form.elements.desc.value = ""; }
      form.elements.page.value = 1;
      load().catch(shown);
    } });
    const pager = document.getElementById("pager");
    pager.replaceChildren();
    const go = (p) => { form.elements.page.value = p; load().catch(shown); };
    pager.append(el("button", { type: "button", disabled: data.page <= 1, onclick: () => go(data.page - 1) }, "‹ previous"),
      el("span", {}, ` page ${data.page} / ${data.pages} `),
      el("button", { type: "button", disabled: data.page >= data.pages, onclick: () => go(data.page + 1) }, "next ›"));
  }

  fillForm(form);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); form.elements.page.value = 1; load().catch(shown); });
  load().catch(shown);
})();
