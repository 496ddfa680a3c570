// Vega-Lite and Vega specs for the corpus view. Each function draws one chart from the
// JSON of the API and resolves with the vega-embed result. Vega runs through its
// expression interpreter, so the page needs no eval (see the Content-Security-Policy).
"use strict";

(function () {
  const ATLAS = "/static/vendor/countries-110m.json";
  const SIDE_COLORS = { domain: ["cooperation", "conflict"], range: ["#2b8a3e", "#c92a2a"] };

  function embedOptions(mode) {
    return {
      mode: mode,
      renderer: "svg",
      ast: true,
      expr: window.vegaInterpreter.expressionInterpreter,
      // PNG and SVG downloads only: the other actions open external sites.
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: "tidings-chart",
    };
  }

  function width(el, fallback) {
    return Math.max(260, (el.clientWidth || fallback) - 40);
  }

  function periodLabel(period, by) {
    if (by === "year") return period.slice(0, 4);
    if (by === "month") return period.slice(0, 7);
    return period;
  }

  function timeline(el, data) {
    const rows = data.rows.map((r) => Object.assign({ label: periodLabel(r.period, data.by) }, r));
    const w = width(el, 900) - 150;  // room for the axis titles and the type legend
    const x = { field: "label", type: "ordinal", title: null, sort: "ascending",
      axis: { labelAngle: -45, labelOverlap: true } };
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      data: { values: rows },
      spacing: 18,
      resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
      vconcat: [
        {
          title: "Events by type",
          width: w, height: 150,
          mark: "bar",
          encoding: {
            x: x,
            y: { aggregate: "sum", field: "events", type: "quantitative", title: "events" },
            color: { field: "type", type: "nominal", title: "type" },
            tooltip: [{ field: "label", title: "period" }, { field: "type" },
              { field: "events", type: "quantitative" }, { field: "goldstein", type: "quantitative" }],
          },
        },
        {
          title: "Cooperation vs conflict",
          width: w, height: 120,
          transform: [{ calculate: "datum.side === 'conflict' ? -datum.events : datum.events", as: "signed" }],
          mark: "bar",
          encoding: {
            x: x,
            y: { aggregate: "sum", field: "signed", type: "quantitative", title: "events (conflict < 0)" },
            color: { field: "side", type: "nominal", scale: SIDE_COLORS, title: null },
            tooltip: [{ field: "label", title: "period" }, { field: "side" },
              { aggregate: "sum", field: "events", type: "quantitative", title: "events" }],
          },
        },
        {
          title: "Mean Goldstein score",
          width: w, height: 110,
          transform: [
            { calculate: "datum.events * datum.goldstein", as: "weighted" },
            { aggregate: [{ op: "sum", field: "weighted", as: "w" }, { op: "sum", field: "events", as: "n" }],
              groupby: ["label"] },
            { calculate: "round(100 * datum.w / datum.n) / 100", as: "goldstein" },
          ],
          mark: { type: "line", point: true, color: "#495057" },
          encoding: {
            x: x,
            y: { field: "goldstein", type: "quantitative", scale: { domain: [-10, 10] }, title: "Goldstein" },
            tooltip: [{ field: "label", title: "period" }, { field: "goldstein", type: "quantitative" },
              { field: "n", type: "quantitative", title: "events" }],
          },
        },
      ],
    };
    return window.vegaEmbed(el, spec, embedOptions("vega-lite"));
  }

  function map(el, countries) {
    const w = width(el, 520) - 70;  // room for the colour legend
    const atlas = { url: ATLAS, format: { type: "topojson", feature: "countries" } };
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: w, height: Math.round(w * 0.52),
      projection: { type: "equalEarth" },
      layer: [
        { data: atlas, mark: { type: "geoshape", fill: "#e9ecef", stroke: "#ffffff", strokeWidth: 0.5 } },
        {
          data: atlas,
          transform: [
            { lookup: "id", from: { data: { values: countries }, key: "numeric",
              fields: ["events", "country", "name", "goldstein"] } },
            { filter: "datum.events > 0" },
          ],
          mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.5 },
          encoding: {
            color: { field: "events", type: "quantitative", scale: { scheme: "oranges" }, title: "events" },
            tooltip: [{ field: "name", title: "country" }, { field: "country", title: "ISO3" },
              { field: "events", type: "quantitative" }, { field: "goldstein", type: "quantitative" }],
          },
        },
      ],
    };
    return window.vegaEmbed(el, spec, embedOptions("vega-lite"));
  }

  function network(el, data) {
    const index = new Map(data.nodes.map((n, i) => [n.code, i]));
    const w = width(el, 520);
    const h = Math.round(w * 0.7);
    const nodes = data.nodes.map((n) => ({ code: n.code, name: n.name, events: n.events }));
    const links = data.links.map((l) => ({
      source: index.get(l.source), target: index.get(l.target),
      from: l.source, to: l.target, events: l.events, goldstein: l.goldstein,
    }));
    const spec = {
      $schema: "https://vega.github.io/schema/vega/v6.json",
      width: w, height: h, padding: 5, autosize: "none",
      signals: [{ name: "cx", update: "width / 2" }, { name: "cy", update: "height / 2" }],
      data: [{ name: "node-data", values: nodes }, { name: "link-data", values: links }],
      scales: [
        { name: "size", type: "sqrt", domain: { data: "node-data", field: "events" }, range: [40, 700] },
        { name: "tone", type: "linear", domain: [-10, 0, 10], range: ["#c92a2a", "#adb5bd", "#2b8a3e"] },
      ],
      marks: [
        {
          name: "nodes", type: "symbol", zindex: 1, from: { data: "node-data" },
          encode: {
            enter: { fill: { value: "#3b5bdb" }, stroke: { value: "#ffffff" },
              tooltip: { signal: "{'actor': datum.code, 'name': datum.name, 'events': datum.events}" } },
            update: { size: { scale: "size", field: "events" } },
          },
          transform: [{
            type: "force", iterations: 300, static: true, signal: "force",
            forces: [
              { force: "center", x: { signal: "cx" }, y: { signal: "cy" } },
              { force: "collide", radius: 14 },
              { force: "nbody", strength: -30 },
              { force: "link", links: "link-data", distance: 45 },
            ],
          },
          // unlinked groups drift apart: keep every node inside the drawing
          { type: "formula", expr: "clamp(datum.x, 12, width - 12)", as: "x" },
          { type: "formula", expr: "clamp(datum.y, 12, height - 12)", as: "y" }],
        },
        {
          type: "path", from: { data: "link-data" }, interactive: true,
          encode: {
            update: {
              stroke: { scale: "tone", field: "goldstein" },
              strokeWidth: { signal: "min(8, 0.5 + sqrt(datum.events))" },
              strokeOpacity: { value: 0.7 },
              tooltip: { signal: "{'link': datum.from + ' -> ' + datum.to, 'events': datum.events, 'Goldstein': datum.goldstein}" },
            },
          },
          transform: [{ type: "linkpath", shape: "line", require: { signal: "force" },
            sourceX: "datum.source.x", sourceY: "datum.source.y",
            targetX: "datum.target.x", targetY: "datum.target.y" }],
        },
        {
          type: "text", from: { data: "nodes" }, interactive: false, zindex: 2,
          encode: {
            update: { x: { field: "x" }, y: { field: "y", offset: -9 }, text: { field: "datum.code" },
              align: { value: "center" }, fontSize: { value: 10 }, fill: { value: "#212529" } },
          },
        },
      ],
    };
    return window.vegaEmbed(el, spec, embedOptions("vega"));
  }

  window.TidingsCharts = { timeline: timeline, map: map, network: network };
})();
