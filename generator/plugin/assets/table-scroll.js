// A table wider than its column scrolls inside its wrapper (.sop-table-wrap), and so does the official
// SVG form (.sop-print-flow) drawn wider than the column. This marks the wrappers that really overflow,
// so that CSS keeps a table's first column in view, and puts a hint above them; one that fits shows
// neither. No dependencies and nothing fetched: it works offline. With Material's instant navigation
// the page body is replaced without a reload, so it runs again on each new page (document$).
(function () {
  "use strict";
  const HINT = "Geser ke samping untuk melihat kolom lain \u2192";
  const WRAPS = ".sop-table-wrap, .sop-print-flow";

  function hintFor(wrap) {
    let hint = wrap.previousElementSibling;
    if (!hint || !hint.classList.contains("sop-scroll-hint")) {
      hint = document.createElement("p");
      hint.className = "sop-scroll-hint";
      hint.setAttribute("aria-hidden", "true");  // a hint for the eyes; the table itself is read whole
      hint.textContent = HINT;
      wrap.before(hint);
    }
    return hint;
  }

  function update(wrap) {
    const overflows = wrap.scrollWidth > wrap.clientWidth + 1;
    wrap.classList.toggle("sop-scroll--overflow", overflows);
    // Shadows at the edges that still hide columns.
    wrap.classList.toggle("sop-scroll--more-right", overflows && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1);
    wrap.classList.toggle("sop-scroll--more-left", overflows && wrap.scrollLeft > 0);
    hintFor(wrap).hidden = !overflows;
  }

  let observer = null;

  function setUp() {
    if (observer) observer.disconnect();
    observer = "ResizeObserver" in window ? new ResizeObserver((entries) => entries.forEach((e) => update(e.target))) : null;
    document.querySelectorAll(WRAPS).forEach((wrap) => {
      update(wrap);
      wrap.addEventListener("scroll", () => update(wrap), { passive: true });
      if (observer) observer.observe(wrap);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  window.addEventListener("resize", () => document.querySelectorAll(WRAPS).forEach(update));
})();
