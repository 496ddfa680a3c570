// The tidings page: two views over the JSON API. Every piece of data is put in the page
// with textContent or attributes, never as HTML.
"use strict";

(function () {
  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const TOKEN_KEY = "tidings-token";
  const PAGE = 50;
  const state = {
    token: sessionStorage.getItem(TOKEN_KEY),
    cursor: null,
    corpusLoaded: false,
    events: [],
    csv: {},
    views: {},
  };

  const $ = (selector) => document.querySelector(selector);

  // ------------------------------------------------------------------ helpers

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options) {
    const opts = Object.assign({}, options);
    opts.headers = Object.assign({ Accept: "application/json" }, opts.headers);
    if (state.token) opts.headers.Authorization = "Bearer " + state.token;
    let response;
    try {
      response = await fetch(path, opts);
    } catch (err) {
      throw new ApiError("cannot reach the server (" + err.message + ")", 0);
    }
    let body = null;
    try {
      body = await response.json();
    } catch (_err) {
      body = null;
    }
    if (!response.ok) {
      if (response.status === 401) $("#token-panel").hidden = false;
      const message = body && typeof body.error === "string" ? body.error : response.statusText;
      throw new ApiError(message || "request failed", response.status);
    }
    return body;
  }

  function showError(err) {
    const box = $("#error");
    const status = err && err.status ? " (HTTP " + err.status + ")" : "";
    box.textContent = "Error: " + (err && err.message ? err.message : String(err)) + status;
    box.hidden = false;
  }

  function clearError() {
    $("#error").hidden = true;
    $("#error").textContent = "";
  }

  function actorCode(actor) {
    if (!actor) return "—";
    return actor.code || actor.name || actor.text || "?";
  }

  function actorTitle(actor) {
    if (!actor) return "";
    return [actor.name, actor.text ? "“" + actor.text + "”" : null].filter(Boolean).join(" ");
  }

  function dyadCell(event) {
    return el("td", { className: "dyad" },
      el("span", { text: actorCode(event.source), title: actorTitle(event.source) }),
      " → ",
      el("span", { text: actorCode(event.target), title: actorTitle(event.target) }));
  }

  // CSV with quoting; a leading = + - @ is defused so spreadsheets do not run it.
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    let text = typeof value === "object" ? JSON.stringify(value) : String(value);
    if (/^[=+\-@]/.test(text) && !/^-?\d/.test(text)) text = "'" + text;
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(rows) {
    if (!rows || !rows.length) return "";
    const columns = Object.keys(rows[0]);
    const lines = [columns.map(csvCell).join(",")];
    for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(","));
    return lines.join("\r\n") + "\r\n";
  }

  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ------------------------------------------------------------------ tabs and token

  function selectTab(name) {
    for (const view of ["code", "corpus"]) {
      const on = view === name;
      $("#tab-" + view).setAttribute("aria-selected", String(on));
      $("#view-" + view).hidden = !on;
    }
    if (name === "corpus" && !state.corpusLoaded) {
      state.corpusLoaded = true;
      loadCorpus();
    }
  }

  function useToken(event) {
    event.preventDefault();
    state.token = $("#token").value.trim() || null;
    if (state.token) sessionStorage.setItem(TOKEN_KEY, state.token);
    else sessionStorage.removeItem(TOKEN_KEY);
    $("#token-panel").hidden = true;
    clearError();
    if (!$("#view-corpus").hidden) loadCorpus();
  }

  // ------------------------------------------------------------------ code an article

  async function loadSample() {
    clearError();
    try {
      const sample = await api("/v1/sample");
      $("#text").value = sample.text;
      $("#date").value = sample.date;
    } catch (err) {
      showError(err);
    }
  }

  async function codeArticle(event) {
    event.preventDefault();
    clearError();
    const body = { text: $("#text").value };
    if ($("#date").value) body.date = $("#date").value;
    const status = $("#code-status");
    status.textContent = "coding…";
    $("#code-button").disabled = true;
    try {
      const article = await api("/v1/code", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      renderArticle(article);
      status.textContent = "";
    } catch (err) {
      status.textContent = "";
      showError(err);
    } finally {
      $("#code-button").disabled = false;
    }
  }

  function spanMarks(article) {
    const marks = [];
    const add = (span, kind, ev, label) => {
      if (span && Number.isInteger(span.start) && Number.isInteger(span.end) && span.end > span.start) {
        marks.push({ start: span.start, end: span.end, kind: kind, ev: ev, label: label });
      }
    };
    article.events.forEach((e, i) => {
      const label = "event " + (i + 1) + ": " + e.type;
      add(e.trigger, "trigger", i, label);
      for (const m of e.mentions || []) add(m.trigger, "trigger", i, label);
      add(e.source, "actor", i, "source of " + label);
      add(e.target, "actor", i, "target of " + label);
      for (const a of e.attribution || []) add(a, "actor", i, "attribution of " + label);
    });
    article.quotes.forEach((q) => {
      add(q, "quote", null, "quote" + (q.speaker ? " by " + (q.speaker.name || q.speaker.text) : ""));
      add(q.speaker, "actor", null, "speaker");
    });
    for (const n of article.non_events) add(n.trigger, "nonevent", null, "non-event: " + n.reason);
    return marks;
  }

  function highlightedText(text, marks) {
    const cuts = new Set([0, text.length]);
    for (const m of marks) {
      cuts.add(Math.min(m.start, text.length));
      cuts.add(Math.min(m.end, text.length));
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const piece = text.slice(from, to);
      const over = marks.filter((m) => m.start <= from && m.end >= to);
      if (!over.length) {
        out.append(document.createTextNode(piece));
        continue;
      }
      const kinds = Array.from(new Set(over.map((m) => m.kind)));
      const events = Array.from(new Set(over.filter((m) => m.ev !== null).map((m) => m.ev)));
      out.append(el("span", {
        className: "hl " + kinds.join(" "),
        title: Array.from(new Set(over.map((m) => m.label))).join("; "),
        dataset: { ev: events.join(" ") },
      }, piece));
    }
    return out;
  }

  function hot(index, on) {
    for (const node of document.querySelectorAll('#article-text span[data-ev~="' + index + '"]')) {
      node.classList.toggle("hot", on);
    }
  }

  function renderArticle(article) {
    $("#code-result").hidden = false;
    const text = $("#article-text");
    text.replaceChildren(highlightedText(article.text || "", spanMarks(article)));
    const body = $("#code-events tbody");
    body.replaceChildren();
    article.events.forEach((e, i) => {
      const who = (e.attribution || []).map((a) => a.name || a.text).filter(Boolean).join(" ← ");
      const row = el("tr", { tabindex: "0", dataset: { ev: String(i) } },
        el("td", { text: e.type, title: [e.cameo ? "CAMEO " + e.cameo : null, e.mode].filter(Boolean).join(", ") }),
        dyadCell(e),
        el("td", { text: e.date || "—", title: e.date_text || e.date_method || "" }),
        el("td", { text: e.modality || "" }),
        el("td", { text: who || "—" }),
        el("td", { className: "sentence", text: e.sentence || "" }));
      for (const [on, off] of [["mouseenter", "mouseleave"], ["focus", "blur"]]) {
        row.addEventListener(on, () => hot(i, true));
        row.addEventListener(off, () => hot(i, false));
      }
      body.append(row);
    });
    $("#event-count").textContent = "(" + article.events.length + ")";
    const list = (selector, items, render, empty) => {
      const node = $(selector);
      node.replaceChildren(...(items.length ? items.map(render) : [el("li", { className: "none", text: empty })]));
    };
    list("#non-events", article.non_events, (n) => el("li", {},
      el("strong", { text: n.type }), " “", n.text, "”: ", n.reason), "none");
    list("#quotes", article.quotes, (q) => el("li", {},
      el("strong", { text: q.speaker ? q.speaker.name || q.speaker.text : "unknown speaker" }),
      ": “", q.text, "”",
      q.via && q.via.length ? " (via " + q.via.map((v) => v.name).join(", ") + ")" : ""), "none");
    list("#warnings", article.warnings, (w) => el("li", {},
      el("code", { text: w.code }), " ", w.message), "none");
  }

  // ------------------------------------------------------------------ explore the corpus

  function filterParams() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData($("#filters")).entries()) {
      const text = String(value).trim();
      if (text) params.append(key, text);
    }
    return params;
  }

  async function loadCorpus() {
    clearError();
    const params = filterParams();
    state.cursor = null;
    state.events = [];
    $("#corpus-events tbody").replaceChildren();
    $("#more").hidden = true;
    const jobs = [loadStats(params), loadEvents(params), loadNetwork(params)];
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) showError(failed.reason);
  }

  async function loadStats(params) {
    const stats = await api("/v1/stats?" + params);
    const t = stats.tables || {};
    const range = stats.first_date ? " from " + stats.first_date + " to " + stats.last_date : "";
    const tone = stats.goldstein === null ? "" : ", mean Goldstein " + stats.goldstein;
    $("#summary").textContent = stats.events + " events" + range + tone + " · database: " +
      (t.articles || 0) + " articles, " + (t.stories || 0) + " stories, " + (t.events || 0) + " events";
    state.csv.map = stats.by_country;
    await drawChart("map", stats.by_country.length ? () => window.TidingsCharts.map($("#map-chart"), stats.by_country) : null,
      "no events with a country");
    const form = $("#dyad-form");
    const top = stats.top_dyads[0];
    if (!form.a.value && !form.b.value) {
      form.a.value = params.get("source") || (top ? top.a : "");
      form.b.value = params.get("target") || (top ? top.b : "");
    }
    await loadTimeline();
  }

  async function drawChart(name, draw, emptyText) {
    const box = $("#" + name + "-chart");
    if (state.views[name]) {
      state.views[name].finalize();
      delete state.views[name];
    }
    box.replaceChildren();
    if (!draw) {
      box.append(el("p", { className: "empty", text: emptyText }));
      return;
    }
    const result = await draw();
    state.views[name] = result;
  }

  async function loadTimeline(event) {
    if (event) event.preventDefault();
    const form = $("#dyad-form");
    const a = form.a.value.trim();
    const b = form.b.value.trim();
    if (!a || !b) {
      await drawChart("timeline", null, "give two actors, e.g. CHN and RUS");
      return;
    }
    const params = new URLSearchParams({ by: form.by.value });
    const filters = filterParams();
    for (const key of ["from", "to"]) if (filters.get(key)) params.set(key, filters.get(key));
    try {
      const data = await api("/v1/dyads/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) +
        "/timeline?" + params);
      state.csv.timeline = data.rows;
      await drawChart("timeline", data.rows.length ? () => window.TidingsCharts.timeline($("#timeline-chart"), data) : null,
        "no events between " + data.a + " and " + data.b);
    } catch (err) {
      if (event) showError(err);
      else throw err;
    }
  }

  async function loadNetwork(params) {
    const data = await api("/v1/network?" + params);
    state.csv.network = data.links;
    await drawChart("network", data.links.length ? () => window.TidingsCharts.network($("#network-chart"), data) : null,
      "no links between coded actors");
  }

  async function loadEvents(params) {
    const query = new URLSearchParams(params);
    query.set("limit", String(PAGE));
    if (state.cursor) query.set("cursor", state.cursor);
    const page = await api("/v1/events?" + query);
    state.cursor = page.next_cursor;
    state.events.push(...page.events);
    const body = $("#corpus-events tbody");
    for (const e of page.events) {
      const story = el("button", { type: "button", className: "link", text: "open", title: e.story_id });
      story.addEventListener("click", () => showStory(e.story_id));
      body.append(el("tr", {},
        el("td", { text: e.date || "—" }),
        el("td", { text: e.type, title: e.quad || "" }),
        dyadCell(e),
        el("td", { className: "num", text: e.goldstein === null ? "" : e.goldstein }),
        el("td", { className: "sentence", text: e.sentence || "" }),
        el("td", { className: "num", text: (e.n_articles || 1) + " / " + (e.n_outlets || 1),
          title: "articles / outlets" }),
        el("td", {}, story)));
    }
    if (!page.events.length && !state.events.length) {
      body.append(el("tr", {}, el("td", { colspan: "7", className: "none", text: "no events match" })));
    }
    $("#more").hidden = !state.cursor;
  }

  async function moreEvents() {
    clearError();
    try {
      await loadEvents(filterParams());
    } catch (err) {
      showError(err);
    }
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  async function showStory(id) {
    clearError();
    try {
      const story = await api("/v1/stories/" + encodeURIComponent(id));
      $("#story").hidden = false;
      $("#story-title").textContent = (story.title || id) + " — " + story.n_articles +
        " article(s) from " + story.n_outlets + " outlet(s), " + story.events.length + " event(s)";
      $("#story-articles").replaceChildren(...story.articles.map((a) => {
        const href = safeUrl(a.url);
        const title = href ? el("a", { href: href, rel: "noopener noreferrer", target: "_blank", text: a.title || href })
          : el("span", { text: a.title || a.id });
        return el("li", {}, el("strong", { text: a.outlet || "unknown outlet" }), " · ", a.date || "", " · ", title);
      }));
      $("#story").scrollIntoView({ block: "nearest" });
    } catch (err) {
      showError(err);
    }
  }

  function flatEvents() {
    return state.events.map((e) => ({
      id: e.id, date: e.date, type: e.type, cameo: e.cameo, goldstein: e.goldstein,
      source: e.source ? e.source.code : null, target: e.target ? e.target.code : null,
      modality: e.modality, sentence: e.sentence, story_id: e.story_id,
      n_articles: e.n_articles, n_outlets: e.n_outlets,
    }));
  }

  function downloadCsv(name) {
    const rows = name === "events" ? flatEvents() : state.csv[name];
    if (!rows || !rows.length) {
      showError(new Error("nothing to download yet"));
      return;
    }
    download("tidings-" + name + ".csv", toCsv(rows));
  }

  // ------------------------------------------------------------------ wiring

  function start() {
    $("#tab-code").addEventListener("click", () => selectTab("code"));
    $("#tab-corpus").addEventListener("click", () => selectTab("corpus"));
    $("#token-form").addEventListener("submit", useToken);
    $("#load-sample").addEventListener("click", loadSample);
    $("#code-form").addEventListener("submit", codeArticle);
    const select = $("#type-select");
    for (const t of TYPES) select.append(el("option", { value: t, text: t }));
    $("#filters").addEventListener("submit", (e) => {
      e.preventDefault();
      loadCorpus();
    });
    $("#filters").addEventListener("reset", () => setTimeout(loadCorpus, 0));
    $("#dyad-form").addEventListener("submit", loadTimeline);
    $("#more").addEventListener("click", moreEvents);
    $("#story-close").addEventListener("click", () => { $("#story").hidden = true; });
    for (const button of document.querySelectorAll("button.csv")) {
      button.addEventListener("click", () => downloadCsv(button.dataset.chart));
    }
    if (location.hash === "#corpus") selectTab("corpus");
  }

  document.addEventListener("DOMContentLoaded", start);
})();
