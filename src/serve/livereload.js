// gongkai serve: live reload. Injected into HTML responses by the preview
// server only; built files never contain it.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var OVERLAY_ID = "__gongkai-overlay";
  // Filled in by the server from its message catalogue.
  var OVERLAY_TITLE = __GONGKAI_OVERLAY_TITLE__;
  var CLOSE_LABEL = __GONGKAI_CLOSE_LABEL__;
  // What the server said last: the report of a failed build (or null),
  // and the site's open review flags ({total, title, help, more, items}).
  var error = null;
  var reviews = null;

  function clearOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function element(tag, css, text) {
    var node = document.createElement(tag);
    if (css) node.style.cssText = css;
    // Text only, never HTML: reports, file names and reasons may contain
    // anything the user typed.
    if (text) node.textContent = text;
    return node;
  }

  // The error, full screen over the last good page; the review flags in a
  // section of their own below it, or alone as a panel at the bottom that
  // leaves the page usable.
  function render() {
    clearOverlay();
    var listed = reviews && reviews.total > 0;
    if (error === null && !listed) return;
    var box = element(
      "div",
      (error !== null
        ? "inset:0;"
        : "left:0;right:0;bottom:0;max-height:40vh;border-top:3px solid #ffd54f;") +
        "position:fixed;z-index:2147483647;overflow:auto;margin:0;" +
        "padding:1.5rem;background:rgba(20,20,20,.94);color:#f4f4f4;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    );
    box.id = OVERLAY_ID;
    var close = element(
      "button",
      "position:absolute;top:.5rem;right:.75rem;font-size:1.5rem;" +
        "background:none;border:0;color:inherit;cursor:pointer;",
      "×"
    );
    close.type = "button";
    close.setAttribute("aria-label", CLOSE_LABEL);
    close.addEventListener("click", clearOverlay);
    box.appendChild(close);
    if (error !== null) {
      box.setAttribute("role", "alert");
      box.appendChild(
        element("p", "margin:0 0 1rem;font-weight:bold;color:#ff8a80;", OVERLAY_TITLE)
      );
      box.appendChild(element("pre", "margin:0;white-space:pre-wrap;", error));
    }
    if (listed) {
      var section = element(
        "section",
        error !== null ? "margin-top:1.5rem;border-top:1px solid #666;padding-top:1rem;" : ""
      );
      section.setAttribute("aria-label", reviews.title);
      section.appendChild(
        element("h2", "margin:0 0 .5rem;font-size:1em;color:#ffd54f;", reviews.title)
      );
      section.appendChild(element("p", "margin:0 0 .5rem;", reviews.help));
      var list = element("ul", "margin:0;padding-left:1.5rem;");
      reviews.items.forEach(function (item) {
        var entry = element("li");
        entry.appendChild(element("code", "color:#80d8ff;", item.place));
        entry.appendChild(document.createTextNode(" " + item.reason));
        list.appendChild(entry);
      });
      section.appendChild(list);
      if (reviews.more) section.appendChild(element("p", "margin:.5rem 0 0;", reviews.more));
      box.appendChild(section);
    }
    document.body.appendChild(box);
  }

  var source = new EventSource("/__gongkai/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("clear", function () { error = null; render(); });
  source.addEventListener("failed", function (event) { error = event.data; render(); });
  source.addEventListener("reviews", function (event) {
    try {
      reviews = JSON.parse(event.data);
    } catch (e) {
      reviews = null;
    }
    render();
  });
})();
