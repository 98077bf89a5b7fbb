// Jejak Audit: filters by agency, month and approval level. The page lists every change without it (the form
// stays hidden when scripts do not run); with it, entries that do not match and months left empty are hidden.
// Nothing is fetched; it runs again on each page of Material's instant navigation (document$).
(function () {
  "use strict";

  function setUp() {
    const form = document.querySelector("form.sop-audit-saring");
    if (!form) return;
    form.hidden = false;
    form.addEventListener("change", () => apply(form));
    apply(form);
  }

  function apply(form) {
    const agency = form.elements.instansi.value;
    const month = form.elements.bulan.value;
    const level = form.elements.tingkat.value;
    let shown = 0;
    const entries = document.querySelectorAll(".sop-change[data-tingkat]");
    entries.forEach((entry) => {
      const match = (!agency || entry.dataset.instansi.split(" ").includes(agency))
        && (!month || entry.dataset.bulan === month)
        && (!level || entry.dataset.tingkat === level);
      entry.hidden = !match;
      if (match) shown += 1;
    });
    document.querySelectorAll("h2.sop-audit-bulan").forEach((heading) => {
      const any = document.querySelector(`.sop-change[data-bulan="${heading.dataset.bulan}"]:not([hidden])`);
      heading.hidden = !any;
    });
    form.querySelector("output").textContent = `${shown} dari ${entries.length} perubahan ditampilkan`;
  }

  // A printed audit page lists every file of every change.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details.sop-berkas-lain").forEach((d) => { d.open = true; });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
