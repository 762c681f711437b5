// Kakehashi inbox: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  var body = document.body;
  var page = body.getAttribute("data-page");

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // --- live regions: refetch this page and swap the parts that changed ------------------------
  var refreshing = false;
  var again = false;
  function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.redirected || !response.ok) { return null; }
        return response.text();
      })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        $all("[data-live]").forEach(function (region) {
          var name = region.getAttribute("data-live");
          var replacement = fresh.querySelector('[data-live="' + name + '"]');
          if (!replacement || region.contains(document.activeElement)) { return; }
          if (region.innerHTML !== replacement.innerHTML) {
            region.innerHTML = replacement.innerHTML;
            region.classList.remove("flash");
            void region.offsetWidth;
            region.classList.add("flash");
          }
        });
        restoreSelection();
      })
      .catch(function () { /* offline for a moment: the next event retries */ })
      .then(function () {
        refreshing = false;
        if (again) { again = false; refresh(); }
      });
  }

  var eventsUrl = body.getAttribute("data-events");
  if (eventsUrl && window.EventSource) {
    var source = new EventSource(eventsUrl);
    source.addEventListener("inbox", refresh);
    source.addEventListener("conversation", refresh);
  }

  // --- list navigation ---------------------------------------------------------------------
  var selected = -1;
  function rows() { return $all("[data-row]"); }
  function select(index) {
    var all = rows();
    if (!all.length) { return; }
    selected = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row, i) { row.classList.toggle("is-selected", i === selected); });
    all[selected].scrollIntoView({ block: "nearest" });
    body.setAttribute("data-selected-id", all[selected].getAttribute("data-conversation-id"));
  }
  function restoreSelection() {
    var id = body.getAttribute("data-selected-id");
    if (!id) { return; }
    rows().forEach(function (row, i) {
      var match = row.getAttribute("data-conversation-id") === id;
      row.classList.toggle("is-selected", match);
      if (match) { selected = i; }
    });
  }

  // --- composer ----------------------------------------------------------------------------
  function showPane(name) {
    $all(".composer-tab").forEach(function (tab) {
      var active = tab.getAttribute("data-tab") === name;
      tab.classList.toggle("is-active", active);
      tab.setAttribute("aria-selected", active ? "true" : "false");
    });
    $all(".composer-pane").forEach(function (pane) {
      pane.hidden = pane.getAttribute("data-pane") !== name;
    });
    var area = $(name === "note" ? "#note-text" : "#reply-text");
    if (area) { area.focus(); }
  }
  $all(".composer-tab").forEach(function (tab) {
    tab.addEventListener("click", function () { showPane(tab.getAttribute("data-tab")); });
  });

  function insertText(area, text) {
    var start = area.selectionStart || 0;
    var end = area.selectionEnd || 0;
    var before = area.value.slice(0, start);
    var after = area.value.slice(end);
    var glue = before && !/\n$/.test(before) ? "\n" : "";
    area.value = before + glue + text + (after && !/^\n/.test(after) ? "\n" : "") + after;
    var caret = (before + glue + text).length;
    area.focus();
    // Select the first placeholder still to fill, so typing replaces it.
    var rest = area.value.indexOf("{", before.length);
    var close = rest >= 0 ? area.value.indexOf("}", rest) : -1;
    if (rest >= 0 && close > rest && close <= caret) {
      area.setSelectionRange(rest, close + 1);
    } else {
      area.setSelectionRange(caret, caret);
    }
  }

  var picker = $("#template-select");
  if (picker) {
    picker.addEventListener("change", function () {
      var option = picker.options[picker.selectedIndex];
      var text = option && option.getAttribute("data-body");
      if (!text) { return; }
      var values = { "お客様名": picker.getAttribute("data-customer"), "担当者名": picker.getAttribute("data-agent") };
      // The desk adds the order's placeholders ({注文番号}, {注文状況}, …) as JSON.
      var more = JSON.parse(picker.getAttribute("data-values") || "{}");
      Object.keys(more).forEach(function (key) { values[key] = more[key]; });
      text = text.replace(/\{([^{}\s]{1,30})\}/g, function (all, name) { return values[name] || all; });
      insertText($("#reply-text"), text);
      picker.selectedIndex = 0;
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-insert-text]");
    if (button) {
      showPane("reply");
      insertText($("#reply-text"), button.getAttribute("data-insert-text"));
    }
    var confirmer = event.target.closest && event.target.closest("[data-confirm]");
    if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  $all("[data-autosubmit] select").forEach(function (field) {
    field.addEventListener("change", function () { field.form.submit(); });
  });
  $all("textarea").forEach(function (area) {
    area.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        area.form.requestSubmit();
      }
    });
  });

  // --- shortcuts ---------------------------------------------------------------------------
  var help = $("#shortcuts");
  function toggleHelp(show) {
    if (!help) { return; }
    help.hidden = !show;
    if (show) { $("[data-close]", help).focus(); }
  }
  if (help) {
    help.addEventListener("click", function (event) {
      if (event.target === help || event.target.closest("[data-close]")) { toggleHelp(false); }
    });
  }
  function clickFirst(selector) {
    var element = $(selector);
    if (element) { element.click(); }
  }
  var pendingG = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      toggleHelp(false);
      if (typing(event.target)) { event.target.blur(); }
      return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var key = event.key;
    if (pendingG) {
      pendingG = false;
      if (key === "i") { window.location.href = "/inbox"; }
      return;
    }
    if (key === "?") { event.preventDefault(); toggleHelp(help && help.hidden); return; }
    if (key === "g") { pendingG = true; return; }
    if (key === "/") {
      var search = $("[data-shortcut-search]");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
      return;
    }
    if (page === "inbox") {
      if (key === "j") { select(selected + 1); }
      else if (key === "k") { select(selected - 1); }
      else if (key === "Enter" && selected >= 0) { window.location.href = rows()[selected].getAttribute("data-href"); }
      return;
    }
    if (page === "conversation") {
      if (key === "r") { event.preventDefault(); showPane("reply"); }
      else if (key === "n") { event.preventDefault(); showPane("note"); }
      else if (key === "a") { clickFirst("[data-shortcut-assign]"); }
      else if (/^[123]$/.test(key)) { clickFirst('[data-shortcut-status="' + key + '"]'); }
    }
  });
}());
