/* livingdoc: search, filters and folding. Everything is already in the page;
   this script only shows and hides it, so the page stays complete without it. */
(function () {
  "use strict";
  var all = function (selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  };
  var search = document.getElementById("ld-search");
  if (!search) { return; }
  var statusBoxes = all("input[data-filter-status]");
  var failureBoxes = all("input[data-filter-failure]");
  var tagChips = all("button[data-filter-tag]");
  var changedOnly = document.getElementById("ld-changed");
  var features = all("article.feature");
  var stepdefs = all("article.stepdef");
  var shown = document.getElementById("ld-shown");
  var nothing = document.getElementById("ld-nothing");

  var lower = function (node) { return (node.textContent || "").toLowerCase(); };
  features.forEach(function (feature) {
    var head = feature.querySelector(".feature-head");
    var text = feature.querySelector(".feature-text");
    feature.ldText = (head ? lower(head) : "") + " " + (text ? lower(text) : "");
    feature.ldScenarios = all("details.scenario", feature);
    feature.ldScenarios.forEach(function (scenario) {
      var rule = scenario.closest("section.rule");
      var ruleHead = rule ? rule.querySelector("h4") : null;
      scenario.ldText = lower(scenario) + " " + (ruleHead ? lower(ruleHead) : "");
      scenario.ldTags = (scenario.getAttribute("data-tags") || "").split(" ").filter(Boolean);
      scenario.ldRows = all("tr.example", scenario);
    });
  });
  stepdefs.forEach(function (def) { def.ldText = lower(def); });

  function selected() {
    var statuses = {};
    statusBoxes.forEach(function (box) { if (box.checked) { statuses[box.getAttribute("data-filter-status")] = true; } });
    var tags = tagChips.filter(function (chip) { return chip.getAttribute("aria-pressed") === "true"; })
      .map(function (chip) { return chip.getAttribute("data-filter-tag"); });
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var failures = {};
    failureBoxes.forEach(function (box) { if (box.checked) { failures[box.getAttribute("data-filter-failure")] = true; } });
    var marked = !!changedOnly && changedOnly.getAttribute("aria-pressed") === "true";
    return { statuses: statuses, tags: tags, terms: terms, failures: failures, marked: marked };
  }

  /* A failed scenario (or row) shows when its status is shown and, if the page sorts
     failures, when its kind (assertion failed / broken) is shown too. */
  function statusOk(f, node) {
    var status = node.getAttribute("data-status");
    if (!f.statuses[status]) { return false; }
    var kind = node.getAttribute("data-failure");
    return status !== "failed" || !failureBoxes.length || !kind || !!f.failures[kind];
  }

  function hasAll(text, terms) {
    for (var i = 0; i < terms.length; i++) { if (text.indexOf(terms[i]) < 0) { return false; } }
    return true;
  }
  function anyTag(have, wanted) {
    if (!wanted.length) { return true; }
    for (var i = 0; i < wanted.length; i++) { if (have.indexOf(wanted[i]) >= 0) { return true; } }
    return false;
  }

  function apply() {
    var f = selected();
    var visibleScenarios = 0;
    var total = 0;
    features.forEach(function (feature) {
      var featureVisible = 0;
      feature.ldScenarios.forEach(function (scenario) {
        var examples = 0;
        var textOk = hasAll(feature.ldText + " " + scenario.ldText, f.terms) &&
          (!f.marked || !!scenario.getAttribute("data-mark"));
        var ok;
        if (scenario.ldRows.length) {
          var anyRow = false;
          scenario.ldRows.forEach(function (row) {
            var rowTags = scenario.ldTags.concat((row.getAttribute("data-tags") || "").split(" ").filter(Boolean));
            var rowOk = statusOk(f, row) && anyTag(rowTags, f.tags);
            row.classList.toggle("dimmed", !rowOk);
            anyRow = anyRow || rowOk;
            if (rowOk && textOk) { examples += 1; }
          });
          ok = textOk && anyRow;
          total += scenario.ldRows.length;
        } else {
          ok = textOk && statusOk(f, scenario) && anyTag(scenario.ldTags, f.tags);
          total += 1;
          examples = ok ? 1 : 0;
        }
        scenario.hidden = !ok;
        if (ok) { featureVisible += 1; }
        visibleScenarios += examples;
      });
      all("section.rule", feature).forEach(function (rule) {
        rule.hidden = all("details.scenario", rule).every(function (s) { return s.hidden; });
      });
      var filtersIdle = !f.terms.length && !f.tags.length && !f.marked &&
        statusBoxes.concat(failureBoxes).every(function (b) { return b.checked; });
      feature.hidden = featureVisible === 0 && !(filtersIdle || (!feature.ldScenarios.length && hasAll(feature.ldText, f.terms)));
      var nav = document.querySelector('li.nav-feature[data-feature="' + feature.id + '"]');
      if (nav) { nav.hidden = feature.hidden; }
    });
    all("section.capability").forEach(function (cap) {
      cap.hidden = all("article.feature", cap).every(function (feature) { return feature.hidden; });
      var nav = document.querySelector('li.nav-cap[data-cap="' + cap.id + '"]');
      if (nav) { nav.hidden = cap.hidden; }
    });
    stepdefs.forEach(function (def) { def.hidden = !hasAll(def.ldText, f.terms); });
    if (shown) { shown.textContent = visibleScenarios + " of " + total + " scenarios shown"; }
    if (nothing) { nothing.hidden = visibleScenarios > 0 || total === 0; }
  }

  var timer = null;
  search.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(apply, 120);
  });
  statusBoxes.concat(failureBoxes).forEach(function (box) { box.addEventListener("change", apply); });
  var toggles = changedOnly ? tagChips.concat([changedOnly]) : tagChips;
  toggles.forEach(function (chip) {
    chip.addEventListener("click", function () {
      chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
      apply();
    });
  });
  all(".top .summary .count").forEach(function (count) {
    count.style.cursor = "pointer";
    count.addEventListener("click", function () {
      var only = count.getAttribute("title");
      statusBoxes.forEach(function (box) { box.checked = box.getAttribute("data-filter-status") === only; });
      failureBoxes.forEach(function (box) { box.checked = true; });
      apply();
    });
  });
  all(".top .mark-count").forEach(function (count) {
    count.addEventListener("click", function () {
      if (changedOnly) { changedOnly.setAttribute("aria-pressed", "true"); }
      apply();
    });
  });
  all(".top .kind-count").forEach(function (count) {
    count.addEventListener("click", function () {
      var only = count.getAttribute("data-failure");
      statusBoxes.forEach(function (box) { box.checked = box.getAttribute("data-filter-status") === "failed"; });
      failureBoxes.forEach(function (box) { box.checked = box.getAttribute("data-filter-failure") === only; });
      apply();
    });
  });
  var setOpen = function (open) { all("details.scenario").forEach(function (d) { d.open = open; }); };
  document.getElementById("ld-expand").addEventListener("click", function () { setOpen(true); });
  document.getElementById("ld-collapse").addEventListener("click", function () { setOpen(false); });
  document.getElementById("ld-reset").addEventListener("click", function () {
    search.value = "";
    statusBoxes.concat(failureBoxes).forEach(function (box) { box.checked = true; });
    toggles.forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
    apply();
  });
  all("button.row-toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("aria-controls"));
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (target) { target.hidden = !open; }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== search) {
      event.preventDefault();
      search.focus();
    }
  });
  apply();
})();
