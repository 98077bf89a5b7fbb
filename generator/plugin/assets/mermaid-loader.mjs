// Material for MkDocs draws diagrams with a global `mermaid` and fetches one from a CDN
// when none exists. This stand-in satisfies it and loads the site's own pinned Mermaid
// (ESM build) only when a page actually renders a diagram, so no page leaves the intranet.
let pendingConfig = null;
let loaded = null;

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
      mermaid.initialize({ ...pendingConfig, securityLevel: "strict" });
      pendingConfig = null;
    }
    return mermaid.render(id, text);
  },
};
