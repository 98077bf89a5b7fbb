// Material for MkDocs draws diagrams with a global `mermaid` and fetches one from a CDN
// when none exists. This stand-in satisfies it and loads the site's own pinned Mermaid
// (ESM build) only when a page actually renders a diagram, so no page leaves the intranet.
let pendingConfig = null;
let loaded = null;

// No diagram text is drawn smaller than this on screen: a wide diagram keeps its size and
// scrolls inside its frame, with a hint and a "Perbesar" button that shows it full-screen.
const MIN_TEXT_PX = 12;
// Mermaid's gantt writes its axis dates at 10 px in an attribute, which CSS overrides.
const READABLE_CSS = ".grid .tick text { font-size: 12px; }";
// Swimlanes use the flowchart settings: Mermaid's 50 px between nodes makes each lane far wider
// than its text, so a 5-lane SOP would not fit a laptop's column at a readable size.
const FLOWCHART = { nodeSpacing: 15 };

function load() {
  loaded ??= import("./mermaid/mermaid.esm.min.mjs").then((module) => module.default);
  return loaded;
}

window.mermaid = {
  initialize(config) {
    pendingConfig = config;
  },
  async render(id, text) {
    const mermaid = await load();
    if (pendingConfig !== null) {
      const themeCSS = `${pendingConfig.themeCSS ?? ""}\n${READABLE_CSS}`;
      const flowchart = { ...pendingConfig.flowchart, ...FLOWCHART };
      mermaid.initialize({ ...pendingConfig, themeCSS, flowchart, securityLevel: "strict" });
      pendingConfig = null;
    }
    const result = await mermaid.render(id, text);
    // Material calls `fn` with the diagram's (closed) shadow root once it is in the page.
    return { ...result, fn: (shadow) => keepReadable(shadow, result.svg) };
  },
};

/** The smallest font size (CSS px, before the SVG is scaled) of any text the diagram shows. */
function smallestFont(svg) {
  let smallest = Infinity;
  for (const element of svg.querySelectorAll("text, tspan, foreignObject *")) {
    const own = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (own) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize) || Infinity);
    }
  }
  return smallest;
}

/** The narrowest width (px) at which the SVG's smallest text is still MIN_TEXT_PX on screen. */
function readableWidth(svg) {
  const natural = svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width;
  const smallest = smallestFont(svg);
  return Number.isFinite(smallest) && natural ? Math.ceil((natural * MIN_TEXT_PX) / smallest) : 0;
}

function keepReadable(shadow, svgText) {
  const host = shadow.host;
  const svg = shadow.querySelector("svg");
  if (!svg || !host) return;
  const floor = readableWidth(svg);
  if (floor) {
    // The SVG still shrinks with the column (width 100%), but never below the readable width.
    svg.style.minWidth = `${floor}px`;
    svg.style.maxWidth = `${Math.max(floor, parseFloat(svg.style.maxWidth) || 0)}px`;
  }
  host.tabIndex = 0; // the frame scrolls with the arrow keys
  host.setAttribute("role", "region");
  host.setAttribute("aria-label", "Bagan; geser ke samping bila tidak muat");
  const frame = document.createElement("div");
  frame.className = "sop-bagan";
  const tools = document.createElement("div");
  tools.className = "sop-bagan-alat";
  const hint = document.createElement("span");
  hint.className = "sop-bagan-petunjuk";
  hint.textContent = "Bagan lebih lebar dari halaman: geser ke samping, atau";
  const enlarge = document.createElement("button");
  enlarge.type = "button";
  enlarge.className = "md-button sop-bagan-perbesar";
  enlarge.textContent = "Perbesar";
  enlarge.addEventListener("click", () => showFull(enlarge, svgText, floor));
  tools.append(hint, " ", enlarge);
  host.before(frame);
  frame.append(tools, host);
  const update = () => {
    tools.hidden = host.scrollWidth <= host.clientWidth + 1;
  };
  new ResizeObserver(update).observe(host);
  update();
}

/** The diagram alone in a modal dialog at its readable size; Esc or "Tutup" closes it. */
function showFull(opener, svgText, floor) {
  const dialog = document.createElement("dialog");
  dialog.className = "md-typeset sop-bagan-layar";
  dialog.setAttribute("aria-label", "Bagan diperbesar");
  const close = document.createElement("button");
  close.type = "button";
  close.className = "md-button md-button--primary sop-bagan-tutup";
  close.textContent = "Tutup";
  close.addEventListener("click", () => dialog.close());
  const view = document.createElement("div");
  view.className = "sop-bagan-isi";
  view.tabIndex = 0;
  const shadow = view.attachShadow({ mode: "closed" });
  shadow.innerHTML = svgText;
  const svg = shadow.querySelector("svg");
  if (svg) {
    const natural = svg.viewBox.baseVal?.width || 0;
    svg.style.width = `${Math.max(natural, floor)}px`;
    svg.style.maxWidth = "none";
  }
  dialog.append(close, view);
  dialog.addEventListener("close", () => {
    dialog.remove();
    opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
}
