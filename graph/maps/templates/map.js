/* polgraph map page: draws the JSON data block with vis-network, builds tooltips as DOM
   elements (text only; links only for http/https URLs) listing each event's reports, wires
   the filters and the actor search, stops physics once the layout settles, and exposes
   window.polgraphMap for tests. */
(function () {
  "use strict";
  var scriptStart = performance.now();
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var info = data.info;
  var state = { stabilized: false, stabilizedMs: null, layoutMs: null };

  // ---- tooltips: elements, never markup strings --------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function link(url, text) {
    var parsed = null;
    try { parsed = new URL(String(url)); } catch (e) { parsed = null; }
    if (parsed && (parsed.protocol === "http:" || parsed.protocol === "https:")) {
      var a = el("a", "pg-tip-link", text || parsed.href);
      a.href = parsed.href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", "pg-tip-link", text || "");
  }

  function row(label, value) {
    return el("div", "pg-tip-row", label + ": " + value);
  }

  // A hover tooltip lists at most data.tooltipReports reports; a click shows them all in
  // the side panel. `budget` counts what is left to show ({left: Infinity} for the panel).
  function hoverBudget() { return { left: data.tooltipReports, hidden: 0 }; }
  function fullBudget() { return { left: Infinity, hidden: 0 }; }

  function eventStatus(ev) {
    if (ev.negated) return "reported as not happening";
    if (ev.modality === "hypothetical") return "hypothetical";
    return null;
  }

  function eventLines(ev, container, budget) {
    var status = eventStatus(ev);
    var head = (ev.date || "undated") + " · " + ev.cameo + " " + ev.label +
      " (" + ev.rootLabel + ", Goldstein " + ev.goldstein + ")" +
      (status ? " · " + status : "") +
      " · " + ev.reportCount + (ev.reportCount === 1 ? " report" : " reports");
    container.appendChild(el("div", "pg-tip-row", head));
    var reports = ev.reports.length ? ev.reports
      : [{ outlet: null, published: null, sentence: ev.sentence, url: ev.url, title: ev.title }];
    var list = el("ul", "pg-tip-reports");
    reports.forEach(function (report) {
      if (budget.left <= 0) { budget.hidden += 1; return; }
      budget.left -= 1;
      var li = el("li");
      var source = [report.outlet, report.published].filter(Boolean).join(", ");
      if (source) li.appendChild(el("div", "pg-tip-outlet", source));
      if (report.sentence) li.appendChild(el("div", "pg-tip-sentence", report.sentence));
      if (report.url || report.title) li.appendChild(link(report.url, report.title || report.url));
      list.appendChild(li);
    });
    if (list.childNodes.length) container.appendChild(list);
  }

  function moreLine(box, budget) {
    if (budget.hidden > 0) {
      box.appendChild(el("div", "pg-tip-row", "… and " + budget.hidden +
        " more report(s): click to list them all"));
    }
  }

  function nodeTooltip(item, budget) {
    var box = el("div", "pg-tip");
    if (item.type === "event") {
      box.appendChild(el("div", "pg-tip-title", "Event " + item.cameo + " " + item.label));
      budget = budget || hoverBudget();
      eventLines(item, box, budget);
      moreLine(box, budget);
      return box;
    }
    box.appendChild(el("div", "pg-tip-title", item.name));
    box.appendChild(row("kind", item.kind || item.type));
    if (item.roles && item.roles.length) box.appendChild(row("roles", item.roles.join(", ")));
    if (item.country) box.appendChild(row("country", item.country));
    if (item.aliases && item.aliases.length > 1) {
      box.appendChild(row("also", item.aliases.filter(function (a) { return a !== item.name; }).join(", ")));
    }
    return box;
  }

  function edgeTooltip(item, budget) {
    var box = el("div", "pg-tip");
    if (item.type !== "relation") {
      box.appendChild(el("div", "pg-tip-title", item.type.replace(/_/g, " ").toLowerCase()));
      return box;
    }
    budget = budget || hoverBudget();
    box.appendChild(el("div", "pg-tip-title", item.source + " → " + item.target));
    box.appendChild(row("events", item.count + " (" + item.reports + " reports), Goldstein mean " +
      item.goldsteinMean + " (sum " + item.goldsteinSum + ")"));
    if (item.first) box.appendChild(row("dates", item.first + (item.last !== item.first ? " – " + item.last : "")));
    var roots = Object.keys(item.roots).map(function (r) {
      return r + " " + item.roots[r][0] + " ×" + item.roots[r][1];
    });
    box.appendChild(row("CAMEO", roots.join("; ")));
    var list = el("ol", "pg-tip-events");
    item.shown.forEach(function (ev) {
      if (budget.left <= 0) { budget.hidden += ev.reports.length || 1; return; }
      var li = el("li");
      eventLines(ev, li, budget);
      list.appendChild(li);
    });
    box.appendChild(list);
    moreLine(box, budget);
    return box;
  }

  data.nodes.forEach(function (node) { node.title = nodeTooltip(info.nodes[node.id]); });
  data.edges.forEach(function (edge) { edge.title = edgeTooltip(info.edges[edge.id]); });

  // ---- network ------------------------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("pg-map");
  var network = new vis.Network(container, { nodes: [], edges: [] }, data.options);
  var status = document.getElementById("pg-status");

  function settled() {
    if (state.stabilized) return;
    network.setOptions({ physics: { enabled: false } });
    state.stabilized = true;
    state.stabilizedMs = Math.round(performance.now());
    state.layoutMs = Math.round(performance.now() - scriptStart);
    status.textContent = "";
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", settled);
    network.on("stabilizationProgress", function (p) {
      status.textContent = "laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
  } else {
    network.once("afterDrawing", settled);
  }
  network.setData({ nodes: nodes, edges: edges });
  if (data.nodes.length === 0) settled();

  // ---- filters --------------------------------------------------------------------------
  var incident = {};
  data.nodes.forEach(function (n) { incident[n.id] = []; });
  data.edges.forEach(function (e) { incident[e.from].push(e); incident[e.to].push(e); });
  var isEvent = function (id) { return info.nodes[id].type === "event"; };
  var alwaysShown = {};  // nodes with no events to filter by stay visible
  data.nodes.forEach(function (n) {
    alwaysShown[n.id] = data.view === "relations"
      ? incident[n.id].length === 0
      : !isEvent(n.id) && !incident[n.id].some(function (e) { return isEvent(e.from) || isEvent(e.to); });
  });

  function checked(selector) {
    var values = new Set();
    document.querySelectorAll(selector).forEach(function (box) { if (box.checked) values.add(box.value); });
    return values;
  }

  function currentFilter() {
    var from = document.getElementById("pg-from");
    var to = document.getElementById("pg-to");
    var undated = document.getElementById("pg-undated");
    return {
      roots: checked("input.pg-root"),
      quads: checked("input.pg-quad"),
      from: from ? from.value : "",
      to: to ? to.value : "",
      undated: undated ? undated.checked : true
    };
  }

  function passes(f, root, quad, date) {
    if (!f.roots.has(root) || !f.quads.has(String(quad))) return false;
    if (!date) return f.undated;
    return (!f.from || date >= f.from) && (!f.to || date <= f.to);
  }

  function applyFilters() {
    var f = currentFilter();
    var shownNodes = {};
    var edgeVisible = {};
    if (data.view === "relations") {
      data.edges.forEach(function (e) {
        var ok = info.edges[e.id].events.some(function (ev) { return passes(f, ev[0], ev[1], ev[2]); });
        edgeVisible[e.id] = ok;
        if (ok) { shownNodes[e.from] = true; shownNodes[e.to] = true; }
      });
    } else {
      data.nodes.forEach(function (n) {
        var item = info.nodes[n.id];
        if (item.type === "event" && passes(f, item.root, item.quad, item.date)) {
          shownNodes[n.id] = true;
          incident[n.id].forEach(function (e) { shownNodes[e.from] = true; shownNodes[e.to] = true; });
        }
      });
      // a place shown through an event keeps the places that contain it
      data.edges.forEach(function (e) {
        if (info.edges[e.id].type === "WITHIN" && shownNodes[e.from]) shownNodes[e.to] = true;
      });
    }
    var nodeChanges = [];
    data.nodes.forEach(function (n) {
      var hidden = !(shownNodes[n.id] || alwaysShown[n.id]);
      if (Boolean(nodes.get(n.id).hidden) !== hidden) nodeChanges.push({ id: n.id, hidden: hidden });
    });
    nodes.update(nodeChanges);
    var edgeChanges = [];
    data.edges.forEach(function (e) {
      var visible = data.view === "relations" ? edgeVisible[e.id]
        : !nodes.get(e.from).hidden && !nodes.get(e.to).hidden;
      if (Boolean(edges.get(e.id).hidden) !== !visible) edgeChanges.push({ id: e.id, hidden: !visible });
    });
    edges.update(edgeChanges);
    document.getElementById("pg-visible").textContent = String(visibleNodeCount());
  }

  function visibleNodeCount() {
    return nodes.get({ filter: function (n) { return !n.hidden; } }).length;
  }

  document.querySelectorAll("input.pg-root, input.pg-quad, #pg-from, #pg-to, #pg-undated")
    .forEach(function (input) { input.addEventListener("change", applyFilters); });
  var reset = document.getElementById("pg-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      document.querySelectorAll("input.pg-root, input.pg-quad, #pg-undated")
        .forEach(function (box) { box.checked = true; });
      document.getElementById("pg-from").value = data.filters.first || "";
      document.getElementById("pg-to").value = data.filters.last || "";
      applyFilters();
    });
  }

  // ---- selection details (the tooltip's content, in the panel, where links can be clicked)
  var details = document.getElementById("pg-details");
  network.on("click", function (params) {
    var item = null;
    if (params.nodes.length) item = nodeTooltip(info.nodes[params.nodes[0]], fullBudget());
    else if (params.edges.length) item = edgeTooltip(info.edges[params.edges[0]], fullBudget());
    if (item) details.replaceChildren(item);
  });

  // ---- actor search -----------------------------------------------------------------------
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var actorNames = [];
  data.nodes.forEach(function (n) {
    var item = info.nodes[n.id];
    if (item.type !== "actor") return;
    [item.name].concat(item.aliases || []).forEach(function (name) {
      actorNames.push({ id: n.id, name: name, key: fold(name) });
    });
  });
  var datalist = document.getElementById("pg-actor-names");
  var seen = new Set();
  actorNames.forEach(function (entry) {
    if (seen.has(entry.name)) return;
    seen.add(entry.name);
    var option = document.createElement("option");
    option.value = entry.name;
    datalist.appendChild(option);
  });

  function focusActor(query) {
    var key = fold(query);
    var result = document.getElementById("pg-search-result");
    if (!key) { result.textContent = ""; return null; }
    var hit = actorNames.find(function (e) { return e.key === key; }) ||
      actorNames.find(function (e) { return e.key.indexOf(key) !== -1; });
    if (!hit) { result.textContent = "No actor matches “" + query + "”."; return null; }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    var hidden = nodes.get(hit.id).hidden ? " (hidden by the filters)" : "";
    result.textContent = "Showing " + info.nodes[hit.id].name + hidden + ".";
    return hit.id;
  }
  var search = document.getElementById("pg-search");
  search.addEventListener("change", function () { focusActor(search.value); });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") focusActor(search.value);
  });

  window.polgraphMap = Object.freeze({
    network: network,
    nodes: nodes,
    edges: edges,
    view: data.view,
    visibleNodeCount: visibleNodeCount,
    visibleEdgeCount: function () { return edges.get({ filter: function (e) { return !e.hidden; } }).length; },
    focusActor: focusActor,
    get stabilized() { return state.stabilized; },
    get stabilizedMs() { return state.stabilizedMs; },
    get layoutMs() { return state.layoutMs; }
  });
})();
