// gongkai serve: live reload. Injected into HTML responses by the preview
// server only; built files never contain it.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var OVERLAY_ID = "__gongkai-overlay";
  // Filled in by the server from its message catalogue.
  var OVERLAY_TITLE = __GONGKAI_OVERLAY_TITLE__;
  var CLOSE_LABEL = __GONGKAI_CLOSE_LABEL__;

  function clearOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showOverlay(text) {
    clearOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;" +
      "padding:1.5rem;background:rgba(20,20,20,.94);color:#f4f4f4;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#ff8a80;";
    // Text only: the message may contain anything the user typed.
    title.textContent = OVERLAY_TITLE;
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:0;white-space:pre-wrap;";
    pre.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", CLOSE_LABEL);
    close.style.cssText =
      "position:absolute;top:.5rem;right:.75rem;font-size:1.5rem;" +
      "background:none;border:0;color:inherit;cursor:pointer;";
    close.addEventListener("click", clearOverlay);
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(pre);
    document.body.appendChild(box);
  }

  var source = new EventSource("/__gongkai/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("clear", clearOverlay);
  source.addEventListener("failed", function (event) { showOverlay(event.data); });
})();
