// Material for MkDocs downloads the whole search index (search/search_index.json) as soon as a page loads, so that
// search answers at once; at 2,000 SOPs that index is most of the bytes of a first visit, and most readers never
// search. Loaded just before Material's bundle, this script holds back that one request until search is first used:
// the search box gets focus (a click or tap, the "/", "s" or "f" shortcut, a `?q=` link) or the page was opened from
// a search result (`?h=`, which Material highlights). Material's own code runs unchanged: its search waits for the
// index as it always does, then answers what was typed meanwhile. Once fetched, the browser's cache serves the
// index to the next pages.
(() => {
  const INDEX = "/search/search_index.json";
  const held = [];
  let released = false;
  const { open, send, abort } = XMLHttpRequest.prototype;

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.sopgenHeld = new URL(url, document.baseURI).pathname.endsWith(INDEX);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (this.sopgenHeld && !released) {
      held.push([this, args]);
      return undefined;
    }
    return send.apply(this, args);
  };
  XMLHttpRequest.prototype.abort = function () {
    const at = held.findIndex(([request]) => request === this);
    if (at >= 0) held.splice(at, 1); // never sent, so nothing to abort
    return abort.call(this);
  };

  function release() {
    if (released) return;
    released = true;
    for (const [request, args] of held.splice(0)) send.apply(request, args);
  }

  const params = new URLSearchParams(location.search);
  if (params.has("h") || params.has("q")) release();
  const isSearch = (target) => target instanceof Element && target.closest("[data-md-component=search], label[for=__search]");
  // pointerdown comes before the focus a click gives, so the download starts a moment earlier.
  document.addEventListener("pointerdown", (event) => isSearch(event.target) && release(), true);
  document.addEventListener("focusin", (event) => isSearch(event.target) && release(), true);
  // The search toggle checked by a label or the keyboard, in case no focus follows (a phone's search icon).
  document.addEventListener("change", (event) => event.target.id === "__search" && event.target.checked && release(), true);
})();
