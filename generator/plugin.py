"""The MkDocs plugin: wires the library into MkDocs events and decides nothing itself."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import errors_only
from generator.manual import SOP_DIR, load_manual
from generator.model import Manual
from generator.site import ASSET_DIR, generated_pages, navigation

log = logging.getLogger("mkdocs.plugins.sopgen")
PACKAGE_ASSETS = Path(__file__).parent / "assets"


class SopConfig(base.Config):
    root = c.Type(str, default=".")
    """The repository folder holding sop_defs/, relative to mkdocs.yml."""
    mermaid_dist = c.Type(str, default="node_modules/mermaid/dist")
    """Mermaid's npm build folder, relative to the root."""


class SopPlugin(BasePlugin[SopConfig]):
    def __init__(self) -> None:
        self.manual: Manual | None = None
        self.root = Path(".")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        manual, problems = load_manual(self.root)
        errors = errors_only(problems)
        if errors:
            detail = "\n".join(problem.format() for problem in errors)
            raise PluginError(f"Data SOP tidak sah ({len(errors)} galat); situs tidak dibangun:\n{detail}")
        self.manual = manual
        config.extra_css.append(f"{ASSET_DIR}/sop.css")
        loader = c.ExtraScriptValue(f"{ASSET_DIR}/mermaid-loader.mjs")
        loader.type = "module"
        config.extra_javascript.append(loader)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.manual is not None
        handwritten = sorted(f.src_uri for f in files.documentation_pages())
        for src_uri, content in generated_pages(self.manual, config.use_directory_urls).items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} bertabrakan dengan halaman yang dibangkitkan; ganti namanya.")
            files.append(File.generated(config, src_uri, content=content))
        for asset in sorted(PACKAGE_ASSETS.iterdir()):
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", abs_src_path=str(asset)))
        for asset in self._mermaid_files(config):
            files.append(asset)
        if config.nav is None:
            config.nav = navigation(self.manual, handwritten)
        return files

    def _mermaid_files(self, config: MkDocsConfig) -> list[File]:
        dist = self.root / self.config.mermaid_dist
        entry = dist / "mermaid.esm.min.mjs"
        if not entry.is_file():
            raise PluginError(
                f"Mermaid tidak ditemukan di {dist}. Jalankan `npm ci` di {self.root} (perintah README memasangnya)."
            )
        paths = [entry, *sorted((dist / "chunks" / "mermaid.esm.min").glob("*.mjs"))]
        return [
            File.generated(config, f"{ASSET_DIR}/mermaid/{p.relative_to(dist).as_posix()}", abs_src_path=str(p))
            for p in paths
        ]

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.root / SOP_DIR))
        return server
