// Progressive enhancement for the portal's pages: every page works without
// this file. No dependencies, no eval and no inline handlers, so it runs
// under the pages' CSP of script-src 'self'.
(function () {
  "use strict";

  var RESTORE_MS = 2500;

  // The sentences of this script in the page's language (web::shell's
  // script_words); a key the page lacks is said as itself.
  var WORDS = (function () {
    var element = document.getElementById("script-words");
    try {
      return JSON.parse(element.getAttribute("data-words")) || {};
    } catch (e) {
      return {};
    }
  })();
  function t(key) { return WORDS[key] || key; }
  var COPIED = t("copied");

  // The page's live region (#announcer), or the first other one.
  function announce(message) {
    var region = document.getElementById("announcer") ||
      document.querySelector("[aria-live]");
    if (!region) return;
    // Emptied first, so the same message twice is read twice.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function textOf(element) {
    var value = "value" in element && typeof element.value === "string"
      ? element.value
      : element.textContent;
    return (value || "").trim();
  }

  // The old way, for browsers without the async clipboard (or without a
  // secure context): select the text and ask the browser to copy it.
  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return legacyCopy(text); }
      );
    }
    return Promise.resolve(legacyCopy(text));
  }

  function copied(button, text, ok) {
    if (!ok) {
      announce(t("copy-failed"));
      return;
    }
    if (!button.hasAttribute("data-copy-label")) {
      button.setAttribute("data-copy-label", button.textContent);
    }
    button.textContent = COPIED;
    announce(text ? COPIED + ": " + text : COPIED);
    window.clearTimeout(button._copyTimer);
    button._copyTimer = window.setTimeout(function () {
      button.textContent = button.getAttribute("data-copy-label");
    }, RESTORE_MS);
  }

  // A button[data-copy] copies the text of the element whose id it names;
  // with data-copy-compact, without spaces (as a bank's form wants an RF
  // reference).
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("button[data-copy]") : null;
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    event.preventDefault();
    var text = textOf(source);
    if (button.hasAttribute("data-copy-compact")) text = text.replace(/\s+/g, "");
    copy(text).then(function (ok) { copied(button, text, ok); });
  });

  // Copy buttons may be sent hidden, for pages read without this script.
  var hidden = document.querySelectorAll("button[data-copy][hidden]");
  for (var i = 0; i < hidden.length; i++) hidden[i].removeAttribute("hidden");

  // A button[data-print] prints the page (sent hidden: without this script
  // the page says to use the browser's Print command).
  var printers = document.querySelectorAll("button[data-print]");
  for (var p = 0; p < printers.length; p++) {
    printers[p].removeAttribute("hidden");
    printers[p].addEventListener("click", function () { window.print(); });
  }

  // Times are sent in Ljubljana's time (the portal's home); with this script
  // they read in the reader's own time zone, in the page's conventions
  // (sl: 6. 12. 2026 ob 19:05, en: 6 Dec 2026, 19:05), the instant kept in
  // datetime.
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function readable(at) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      day: "numeric", month: "numeric", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
    }).formatToParts(at).forEach(function (part) { parts[part.type] = part.value; });
    var clock = parts.hour + ":" + parts.minute;
    var zone = parts.timeZoneName ? " " + parts.timeZoneName : "";
    if (document.documentElement.lang === "sl") {
      return parts.day + ". " + parts.month + ". " + parts.year + " ob " + clock + zone;
    }
    return parts.day + " " + MONTHS[Number(parts.month) - 1] + " " + parts.year + ", " + clock + zone;
  }
  if (window.Intl && Intl.DateTimeFormat && Intl.DateTimeFormat.prototype.formatToParts) {
    var times = document.querySelectorAll("time[datetime]");
    for (var k = 0; k < times.length; k++) {
      var at = new Date(times[k].getAttribute("datetime"));
      // A date alone (YYYY-MM-DD) stays as the page wrote it.
      if (times[k].getAttribute("datetime").length > 10 && !isNaN(at.getTime())) {
        times[k].textContent = readable(at);
      }
    }
  }

  // A form[data-confirm] (or a submit button with data-confirm) asks first.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var message = (submitter && submitter.getAttribute("data-confirm")) ||
      (form && form.getAttribute && form.getAttribute("data-confirm"));
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
