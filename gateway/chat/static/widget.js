/*
 * Kakehashi chat widget. Embed with:
 *   <script src="https://support.example/widget.js" data-shop="my-shop" async></script>
 *
 * Self-contained: no framework, no build step. Everything lives in a shadow root, so the
 * storefront's styles do not reach in and ours do not leak out. Words come from the gateway
 * in the buyer's language (GET /api/v1/chat/strings); nothing the buyer or the team wrote is
 * ever parsed as HTML: text goes in with textContent only.
 *
 * The conversation token is kept in the storefront's localStorage, one per shop, so closing
 * and reopening the page keeps the conversation. Messages arrive as Server-Sent Events read
 * with fetch (so the token travels in a header, not the URL); after a network failure the
 * widget reconnects and resumes after the last event it has (Last-Event-ID).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src || window.__kakehashiChat) {
    return;
  }
  window.__kakehashiChat = true;

  var BASE = script.src.replace(/\/widget\.js(?:[?#].*)?$/, "");
  var API = BASE + "/api/v1/chat";
  var SHOP = script.getAttribute("data-shop") || "default";
  var STORE_KEY = "kakehashi-chat:" + SHOP;
  var CSS = "__WIDGET_CSS__";
  var SUGGEST_DELAY_MS = 350;
  var MAX_BACKOFF_MS = 30000;

  var saved = load();
  var S = {}; // the widget's words in the current locale
  var ui = {};
  var state = {
    locale: saved.locale || script.getAttribute("data-locale") || browserLanguage(),
    token: saved.token || null,
    maxChars: 2000,
    lastEventId: 0,
    seen: {},
    open: false,
    unread: false,
    stream: null,
    backoff: 1000,
    retryTimer: null,
    suggestTimer: null,
    refreshTimer: null,
    suggestSeq: 0,
    sending: false,
    email: null,
    expected: null
  };

  function browserLanguage() {
    // All of them, best first: the gateway picks the first it has words for.
    var languages = navigator.languages && navigator.languages.length
      ? navigator.languages
      : [navigator.language || "en"];
    return Array.prototype.slice.call(languages, 0, 10).join(",");
  }

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE_KEY) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function save() {
    try {
      window.localStorage.setItem(
        STORE_KEY,
        JSON.stringify({ token: state.token, locale: state.locale })
      );
    } catch (error) {
      /* storage blocked: the conversation lasts as long as the page */
    }
  }

  function format(template, values) {
    return String(template).replace(/%\((\w+)\)s/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function request(method, path, body) {
    var headers = { Accept: "application/json" };
    if (state.token) {
      headers.Authorization = "Bearer " + state.token;
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    return fetch(API + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error((data.error && data.error.message) || response.statusText);
          error.status = response.status;
          error.code = data.error && data.error.code;
          error.details = (data.error && data.error.details) || {};
          error.retryAfter = parseInt(response.headers.get("Retry-After") || "", 10);
          throw error;
        }
        return data;
      });
    });
  }

  // --- building the panel ----------------------------------------------------------------

  function build() {
    var host = el("div", { id: "kakehashi-chat" });
    var root = host.attachShadow({ mode: "open" });
    if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function") {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } catch (error) {
        root.appendChild(el("style", {}, CSS));
      }
    } else {
      root.appendChild(el("style", {}, CSS));
    }

    ui.frame = el("div", { "class": "kh" });
    ui.launcher = el("button", {
      "class": "kh-launcher",
      type: "button",
      "aria-expanded": "false",
      "aria-controls": "kh-panel"
    });
    ui.launcher.appendChild(bubbleIcon());
    ui.launcher.appendChild(crossIcon());
    ui.dot = el("span", { "class": "kh-dot", hidden: "" });
    ui.launcher.appendChild(ui.dot);

    ui.panel = el("section", {
      "class": "kh-panel",
      id: "kh-panel",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": "kh-title kh-subtitle",
      hidden: ""
    });
    var header = el("header", { "class": "kh-header" });
    ui.heading = el("div", { "class": "kh-heading" });
    ui.title = el("h2", { id: "kh-title", "class": "kh-title" });
    ui.subtitle = el("span", { id: "kh-subtitle", "class": "kh-subtitle" });
    ui.heading.appendChild(ui.title);
    ui.heading.appendChild(ui.subtitle);
    ui.languageLabel = el("label", { "class": "kh-language" });
    ui.languageName = el("span", { "class": "kh-sr" });
    ui.language = el("select", { "class": "kh-select" });
    ui.languageLabel.appendChild(ui.languageName);
    ui.languageLabel.appendChild(ui.language);
    ui.close = el("button", { "class": "kh-close", type: "button" }, "\u00d7");
    header.appendChild(ui.heading);
    header.appendChild(ui.languageLabel);
    header.appendChild(ui.close);

    ui.body = el("div", { "class": "kh-body" });
    ui.intro = el("p", { "class": "kh-intro" });
    ui.log = el("ol", { "class": "kh-log", role: "log", "aria-live": "polite" });
    ui.body.appendChild(ui.intro);
    ui.body.appendChild(ui.log);

    ui.status = el("p", { "class": "kh-status", role: "status", "aria-live": "polite" });
    ui.expected = el("p", { "class": "kh-expected", hidden: "" });

    ui.emailForm = el("form", { "class": "kh-email", hidden: "", novalidate: "" });
    ui.emailPrompt = el("p", { "class": "kh-email-prompt" });
    ui.emailLabel = el("label", { "for": "kh-email-input", "class": "kh-label" });
    ui.emailInput = el("input", {
      id: "kh-email-input",
      type: "email",
      autocomplete: "email",
      inputmode: "email",
      "class": "kh-input"
    });
    ui.emailSave = el("button", { type: "submit", "class": "kh-secondary" });
    ui.emailForm.appendChild(ui.emailPrompt);
    ui.emailForm.appendChild(ui.emailLabel);
    var emailRow = el("div", { "class": "kh-row" });
    emailRow.appendChild(ui.emailInput);
    emailRow.appendChild(ui.emailSave);
    ui.emailForm.appendChild(emailRow);
    ui.emailDone = el("p", { "class": "kh-email-done", hidden: "" });

    ui.faq = el("div", { "class": "kh-faq", hidden: "" });
    ui.faqHeading = el("h3", { "class": "kh-faq-heading", id: "kh-faq-heading" });
    ui.faqList = el("ul", { "class": "kh-faq-list", "aria-labelledby": "kh-faq-heading" });
    ui.faqStill = el("p", { "class": "kh-faq-still" });
    ui.faq.appendChild(ui.faqHeading);
    ui.faq.appendChild(ui.faqList);
    ui.faq.appendChild(ui.faqStill);

    ui.error = el("p", { "class": "kh-error", role: "alert" });

    ui.compose = el("form", { "class": "kh-compose", novalidate: "" });
    ui.textLabel = el("label", { "for": "kh-text", "class": "kh-sr" });
    ui.text = el("textarea", { id: "kh-text", "class": "kh-text", rows: "2" });
    ui.send = el("button", { type: "submit", "class": "kh-send" });
    ui.compose.appendChild(ui.textLabel);
    ui.compose.appendChild(ui.text);
    ui.compose.appendChild(ui.send);

    [header, ui.body, ui.expected, ui.emailForm, ui.emailDone, ui.faq, ui.status, ui.error,
      ui.compose].forEach(function (part) { ui.panel.appendChild(part); });
    ui.frame.appendChild(ui.panel);
    ui.frame.appendChild(ui.launcher);
    root.appendChild(ui.frame);

    ui.launcher.addEventListener("click", function () { setOpen(!state.open); });
    ui.close.addEventListener("click", function () { setOpen(false); });
    ui.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.stopPropagation();
        setOpen(false);
      }
    });
    ui.compose.addEventListener("submit", function (event) {
      event.preventDefault();
      send();
    });
    ui.text.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
      }
    });
    ui.text.addEventListener("input", scheduleSuggestions);
    ui.emailForm.addEventListener("submit", function (event) {
      event.preventDefault();
      saveEmail();
    });
    ui.language.addEventListener("change", function () {
      switchLanguage(ui.language.value);
    });
    window.addEventListener("online", function () { reconnectSoon(0); });

    (document.body || document.documentElement).appendChild(host);
  }

  function crossIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "kh-cross");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "26");
    svg.setAttribute("height", "26");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M6 6l12 12M18 6L6 18");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2.5");
    path.setAttribute("stroke-linecap", "round");
    svg.appendChild(path);
    return svg;
  }

  function bubbleIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "kh-bubble");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "28");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute(
      "d",
      "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
    );
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function applyStrings(data) {
    S = data.strings;
    state.locale = data.locale;
    state.maxChars = data.max_message_chars;
    ui.frame.setAttribute("dir", data.dir);
    ui.frame.setAttribute("lang", data.locale);
    // The shop's name on top, so buyers know whom they are writing to.
    ui.title.textContent = data.shop_name || S.title;
    ui.subtitle.textContent = data.shop_name ? S.title : "";
    ui.languageName.textContent = S.language;
    ui.language.setAttribute("aria-label", S.language);
    ui.close.setAttribute("aria-label", S.close);
    ui.intro.textContent = S.intro;
    ui.textLabel.textContent = S.message_label;
    ui.text.setAttribute("placeholder", S.placeholder);
    ui.text.setAttribute("maxlength", String(state.maxChars));
    ui.send.textContent = state.sending ? S.sending : S.send;
    ui.emailPrompt.textContent = S.email_prompt;
    ui.emailLabel.textContent = S.email_label;
    ui.emailSave.textContent = S.email_save;
    ui.faqHeading.textContent = S.faq_heading;
    ui.faqStill.textContent = S.faq_still;
    if (state.email) {
      ui.emailDone.textContent = format(S.email_saved, { email: state.email });
    }
    while (ui.language.firstChild) {
      ui.language.removeChild(ui.language.firstChild);
    }
    data.locales.forEach(function (option) {
      var item = el("option", { value: option.tag, lang: option.tag }, option.name);
      if (option.tag === data.locale) {
        item.selected = true;
      }
      ui.language.appendChild(item);
    });
    Array.prototype.forEach.call(ui.log.querySelectorAll(".kh-who"), function (who) {
      who.textContent = labelFor(who.getAttribute("data-author"), who.hasAttribute("data-auto"));
    });
    updateLauncher();
  }

  function fetchStrings(locale) {
    return request("GET", "/strings?locale=" + encodeURIComponent(locale));
  }

  function switchLanguage(locale) {
    fetchStrings(locale).then(function (data) {
      applyStrings(data);
      save();
      if (state.token) {
        refreshConversation();
      }
      scheduleSuggestions();
    }, showFailure);
  }

  function setOpen(open) {
    state.open = open;
    ui.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    ui.frame.classList.toggle("kh-open", open);
    updateLauncher();
    if (open) {
      ui.panel.removeAttribute("hidden");
      state.unread = false;
      updateLauncher();
      scrollToEnd();
      ui.text.focus();
    } else {
      ui.panel.setAttribute("hidden", "");
      ui.launcher.focus();
    }
  }

  function updateLauncher() {
    if (state.open) {
      ui.launcher.setAttribute("aria-label", S.close);
    } else {
      ui.launcher.setAttribute("aria-label", state.unread ? S.open_unread : S.open);
    }
    if (state.unread) {
      ui.dot.removeAttribute("hidden");
    } else {
      ui.dot.setAttribute("hidden", "");
    }
  }

  function scrollToEnd() {
    ui.body.scrollTop = ui.body.scrollHeight;
  }

  // --- messages ----------------------------------------------------------------------------

  function labelFor(author, automatic) {
    if (author === "buyer") {
      return S.you;
    }
    return automatic ? S.automatic : S.team;
  }

  function render(message) {
    if (state.seen[message.id]) {
      return;
    }
    state.seen[message.id] = true;
    var item = el("li", {
      "class": "kh-message kh-from-" + (message.author === "buyer" ? "buyer" : "team"),
      "data-message-id": String(message.id)
    });
    var who = el("span", { "class": "kh-who", "data-author": message.author },
      labelFor(message.author, message.automatic));
    if (message.automatic) {
      who.setAttribute("data-auto", "");
    }
    var body = el("p", { "class": "kh-text-body", dir: "auto", lang: message.language },
      message.text);
    item.appendChild(who);
    item.appendChild(body);
    ui.log.appendChild(item);
    scrollToEnd();
    if (message.author !== "buyer" && !state.open) {
      state.unread = true;
      updateLauncher();
    }
    if (!message.automatic) {
      scheduleRefresh(); // an answer came, or the buyer wrote again: the expected time moved
    }
  }

  function scheduleRefresh() {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(function () {
      if (state.token) {
        refreshConversation();
      }
    }, 400);
  }

  // --- the stream: Server-Sent Events over fetch, resumed after the last event -------------

  function connect() {
    if (!state.token || state.stream) {
      return;
    }
    var controller = new AbortController();
    state.stream = controller;
    var headers = { Authorization: "Bearer " + state.token, Accept: "text/event-stream" };
    if (state.lastEventId) {
      headers["Last-Event-ID"] = String(state.lastEventId);
    }
    var retryMs = 2000;
    fetch(API + "/events", {
      headers: headers,
      signal: controller.signal,
      cache: "no-store",
      credentials: "omit"
    }).then(function (response) {
      if (response.status === 401) {
        conversationEnded();
        return "ended";
      }
      if (!response.ok || !response.body) {
        throw new Error("stream refused: " + response.status);
      }
      state.backoff = 1000;
      setStatus("");
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            return "done";
          }
          buffer += decoder.decode(chunk.value, { stream: true });
          var blocks = buffer.split(/\r?\n\r?\n/);
          buffer = blocks.pop();
          blocks.forEach(function (block) {
            var event = parseEvent(block);
            if (event.retry) {
              retryMs = event.retry;
            }
            if (event.data !== null && (event.type === "message" || event.type === "")) {
              try {
                render(JSON.parse(event.data));
              } catch (error) {
                /* an event we do not understand: skip it, keep its id */
              }
            }
            if (event.id !== null && /^\d+$/.test(event.id)) {
              state.lastEventId = parseInt(event.id, 10);
            }
          });
          return pump();
        });
      }
      return pump();
    }).then(function (outcome) {
      state.stream = null;
      if (outcome !== "ended") {
        reconnectSoon(retryMs); // the server ends streams now and then: pick up where we were
      }
    }, function () {
      state.stream = null;
      if (controller.signal.aborted) {
        return;
      }
      setStatus(S.reconnecting);
      reconnectSoon(state.backoff);
      state.backoff = Math.min(state.backoff * 2, MAX_BACKOFF_MS);
    });
  }

  function parseEvent(block) {
    var event = { id: null, type: "", data: null, retry: 0 };
    block.split(/\r?\n/).forEach(function (line) {
      if (!line || line.charAt(0) === ":") {
        return;
      }
      var colon = line.indexOf(":");
      var field = colon === -1 ? line : line.slice(0, colon);
      var value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") {
        event.id = value;
      } else if (field === "event") {
        event.type = value;
      } else if (field === "data") {
        event.data = event.data === null ? value : event.data + "\n" + value;
      } else if (field === "retry" && /^\d+$/.test(value)) {
        event.retry = parseInt(value, 10);
      }
    });
    return event;
  }

  function reconnectSoon(delay) {
    if (!state.token) {
      return;
    }
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, delay);
  }

  function conversationEnded() {
    state.token = null;
    state.lastEventId = 0;
    save();
    ui.emailForm.setAttribute("hidden", "");
    ui.expected.setAttribute("hidden", "");
    setStatus(S.ended);
  }

  // --- sending -----------------------------------------------------------------------------

  function send() {
    if (state.sending) {
      return;
    }
    var text = ui.text.value.trim();
    showError("");
    if (!text) {
      showError(S.empty);
      ui.text.focus();
      return;
    }
    if (text.length > state.maxChars) {
      showError(format(S.too_long, { limit: state.maxChars }));
      return;
    }
    setSending(true);
    var started = !state.token;
    var call = started
      ? request("POST", "/conversations", {
        text: text,
        locale: state.locale,
        time_zone: timeZone()
      })
      : request("POST", "/messages", { text: text });
    call.then(function (data) {
      ui.text.value = "";
      hideSuggestions();
      if (started) {
        state.token = data.token;
        state.lastEventId = 0;
        save();
        showConversation(data.conversation);
        connect();
      } else if (!state.stream) {
        reconnectSoon(0);
      }
    }, function (error) {
      if (error.status === 401) {
        conversationEnded();
        return;
      }
      showFailure(error);
    }).then(function () {
      setSending(false);
      ui.text.focus();
    });
  }

  function setSending(sending) {
    state.sending = sending;
    ui.send.disabled = sending;
    ui.send.textContent = sending ? S.sending : S.send;
  }

  function timeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch (error) {
      return null;
    }
  }

  function showFailure(error) {
    if (error && error.status === 429) {
      var seconds = error.retryAfter > 0 ? error.retryAfter : (error.details.retry_after || 60);
      showError(format(S.rate_limited, { seconds: seconds }));
    } else if (error && error.status === 413) {
      showError(format(S.too_long, { limit: error.details.limit || state.maxChars }));
    } else if (error && error.code === "empty_text") {
      showError(S.empty);
    } else if (error && error.code === "invalid_request" && error.emailField) {
      showError(S.email_invalid);
    } else {
      showError(S.error || "Error");
    }
  }

  function showError(text) {
    ui.error.textContent = text;
  }

  function setStatus(text) {
    ui.status.textContent = text;
  }

  // --- the conversation's state: expected reply, e-mail ------------------------------------

  function showConversation(conversation) {
    state.expected = conversation.expected_reply;
    ui.expected.textContent = conversation.expected_reply.text;
    ui.expected.removeAttribute("hidden");
    state.email = conversation.email;
    showEmailState();
  }

  function showEmailState() {
    if (state.email) {
      ui.emailForm.setAttribute("hidden", "");
      ui.emailDone.textContent = format(S.email_saved, { email: state.email });
      ui.emailDone.removeAttribute("hidden");
    } else if (state.token) {
      ui.emailDone.setAttribute("hidden", "");
      ui.emailForm.removeAttribute("hidden");
    }
  }

  function refreshConversation() {
    var query = "?locale=" + encodeURIComponent(state.locale);
    var zone = timeZone();
    if (zone) {
      query += "&time_zone=" + encodeURIComponent(zone);
    }
    return request("GET", "/conversation" + query).then(showConversation, function (error) {
      if (error.status === 401) {
        conversationEnded();
        setStatus("");
      }
    });
  }

  function saveEmail() {
    var address = ui.emailInput.value.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      showError(S.email_invalid);
      ui.emailInput.focus();
      return;
    }
    showError("");
    request("POST", "/email", { email: address }).then(function (data) {
      state.email = data.email;
      ui.emailInput.value = "";
      showEmailState();
    }, function (error) {
      if (error.status === 422) {
        error.emailField = true;
      }
      showFailure(error);
    });
  }

  // --- FAQ answers while typing ------------------------------------------------------------

  function scheduleSuggestions() {
    clearTimeout(state.suggestTimer);
    state.suggestTimer = setTimeout(suggest, SUGGEST_DELAY_MS);
  }

  function suggest() {
    var text = ui.text.value.trim();
    if (text.length < 3) {
      hideSuggestions();
      return;
    }
    var sequence = ++state.suggestSeq;
    var query = "?q=" + encodeURIComponent(text.slice(0, 500)) +
      "&locale=" + encodeURIComponent(state.locale);
    request("GET", "/suggestions" + query).then(function (answers) {
      if (sequence !== state.suggestSeq) {
        return; // the buyer typed on: an older answer must not replace a newer one
      }
      showSuggestions(answers);
    }, function () { /* suggestions are a help, not a requirement */ });
  }

  function showSuggestions(answers) {
    while (ui.faqList.firstChild) {
      ui.faqList.removeChild(ui.faqList.firstChild);
    }
    if (!answers.length) {
      hideSuggestions();
      return;
    }
    answers.forEach(function (answer) {
      var item = el("li", { "class": "kh-faq-item" });
      var details = el("details", {});
      details.appendChild(el("summary", { dir: "auto" }, answer.question));
      details.appendChild(el("p", { dir: "auto" }, answer.answer));
      item.appendChild(details);
      ui.faqList.appendChild(item);
    });
    ui.faq.removeAttribute("hidden");
  }

  function hideSuggestions() {
    ui.faq.setAttribute("hidden", "");
  }

  // --- start -------------------------------------------------------------------------------

  function start() {
    fetchStrings(state.locale).then(function (data) {
      build();
      applyStrings(data);
      if (state.token) {
        refreshConversation().then(function () {
          if (state.token) {
            connect();
          }
        });
      }
    }, function (error) {
      // Most often: this storefront's origin is not in KAKEHASHI_CHAT_ALLOWED_ORIGINS.
      if (window.console) {
        window.console.warn("Kakehashi chat is not available on this page:", error.message);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
