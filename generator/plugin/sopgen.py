"""The MkDocs plugin: wires the library into MkDocs events and decides nothing itself."""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.data.dates import parse_iso_date
from generator.data.gcpause import collect_soon, collector_paused
from generator.errors import errors_only, format_problems
from generator.loading import load_data
from generator.manual.load import SOP_DIR
from generator.plugin.incremental import Snapshot, digest, shared_digest, stale_pages
from generator.plugin.templatecache import KeptTemplates
from generator.plugin.watching import watch_folders
from generator.records.load import RECORD_DIR
from generator.render.errorpage import build_error_page
from generator.render.escape import display_title
from generator.render.forge import Forge, UnknownForge, forge_from_config
from generator.render.searchtext import searchable
from generator.render.site import (
    ASSET_DIR,
    Planned,
    Site,
    attachments,
    generated_files,
    navigation,
    page_plan,
    page_sources,
    page_texts,
    site_wide,
)
from generator.render.reads import input_values
from generator.trail import codeowners, integrity
from generator.trail.filediff import FileVersions, read_file_versions
from generator.trail.history import read_history

log = logging.getLogger("mkdocs.plugins.sopgen")
PACKAGE_ASSETS = Path(__file__).parent / "assets"
THEME_OVERRIDES = Path(__file__).parent / "theme"  # Indonesian replacements for the theme's English templates


def _safe_toc(items: Any) -> None:
    for item in items:
        item.title = display_title(item.title)
        _safe_toc(item.children)


def _refuse_linked_docs(files: Files, config: MkDocsConfig) -> None:
    """MkDocs follows symlinks under docs/; a linked file or folder could publish anything the build can read."""
    docs = Path(config.docs_dir)
    for file in files:
        if file.abs_src_path is None or not Path(file.abs_src_path).is_relative_to(docs):
            continue
        parts = Path(file.abs_src_path).relative_to(docs).parts
        for depth in range(1, len(parts) + 1):
            if docs.joinpath(*parts[:depth]).is_symlink():
                raise PluginError(f"docs/{'/'.join(parts[:depth])} adalah tautan simbolik; tautan simbolik tidak diizinkan di docs/.")


class SopConfig(base.Config):
    # Options an operator types are Indonesian (README, "Aturan penamaan").
    folder_data = c.Type(str, default=".")
    """The repository folder holding sop_defs/, relative to mkdocs.yml."""
    folder_mermaid = c.Type(str, default="node_modules/mermaid/dist")
    """Mermaid's npm build folder, relative to folder_data."""
    tanggal_acuan = c.Type((str, date), default="")
    """Reference date (YYYY-MM-DD) for the status pages; empty means the day of the build."""
    tautan_pdf = c.Type(bool, default=False)
    """Link each SOP's PDF; `sopgen pdf` turns it on in the configuration it builds with."""
    jejak_sebelumnya = c.Type(str, default="")
    """The previous build's jejak.json (relative to mkdocs.yml); empty: SOPGEN_JEJAK_SEBELUMNYA, else the one in
    the site folder being replaced."""
    forge = c.Optional(c.Type(str))
    """github, gitlab or gitea (also Forgejo): the forge of `repo_url`, when its host name does not tell."""
    cabang = c.Type(str, default="main")
    """The branch the forge buttons edit and add records on."""
    # The former English names, still read so that existing mkdocs.yml files keep building.
    root = c.Optional(c.Type(str))
    mermaid_dist = c.Optional(c.Type(str))


class GeneratedPage(File):
    """A generated page, written when MkDocs first reads it; `unchanged` lets a dirty rebuild
    (`mkdocs serve --dirty`) skip it, unread."""

    unchanged = False
    _render: Callable[[], str] | None = None

    @classmethod
    def planned(cls, config: MkDocsConfig, src_uri: str, render: Callable[[], str], text: str | None) -> GeneratedPage:
        page = cls.generated(config, src_uri, content=text if text is not None else "")
        assert isinstance(page, GeneratedPage)
        if text is None:
            page._content, page._render = None, render
        return page

    def _written(self) -> None:
        if self._content is None and self._render is not None:
            # Written while MkDocs builds: the collector stays off the manual's objects meanwhile (data.gcpause).
            self._content, self._render = collector_paused(self._render)(), None

    @property  # type: ignore[override]
    def content_string(self) -> str:
        self._written()
        return File.content_string.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        self._written()
        return File.content_bytes.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    def is_modified(self) -> bool:
        return not self.unchanged


class SopPlugin(BasePlugin[SopConfig]):
    # Defining on_startup keeps this instance across the rebuilds of one `mkdocs serve`.
    def __init__(self) -> None:
        self.site: Site | None = None
        self.root = Path(".")
        self.dirty = False
        self.previous: Snapshot | None = None  # of the last build that finished
        self.pending: Snapshot | None = None
        self.serving = False
        self.failure: str | None = None  # in `mkdocs serve`: why this build shows the error page, not the site
        self.page_uris: set[str] = set()  # the pages of the last site shown: the error page takes their place
        self.templates = KeptTemplates()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        self.serving = command == "serve"  # `mkdocs serve --clean` says "build": it fails like a build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.failure = None
        try:
            return self._configure(config)
        except PluginError as exc:
            if not self.serving:
                raise  # `mkdocs build` must fail
            self._fail(str(exc), config)
            return config

    def _fail(self, report: str, config: MkDocsConfig) -> None:
        """Serve the error list in place of the site: a failed rebuild would leave the browser waiting forever."""
        self.failure, self.site = report, None
        config.theme.static_templates.discard("404.html")  # the error page answers unknown addresses too
        # INFO: a warning would fail `mkdocs serve --strict`, which would hang the browser again.
        log.info("Situs belum dapat dibangun; peramban menampilkan daftar masalah:\n%s", report)

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        folder = self.config.root if self.config.root is not None else self.config.folder_data
        self.root = (Path(config.config_file_path).parent / folder).resolve()
        today = self._reference_date()
        data = load_data(self.root, today)
        manual, records, problems = data.manual, data.records, data.problems
        errors = errors_only(problems)
        if errors or manual is None:
            advice = "situs tidak dibangun; jalankan `sopgen validate` dan perbaiki dulu."
            # Warnings too, as `sopgen validate` lists them: the report the browser shows in `mkdocs serve`.
            raise PluginError(f"Data SOP tidak sah:\n{format_problems(problems, advice)}")
        for problem in problems:
            # INFO, not WARNING: a data warning (a revoked rule cited) must not fail `--strict`, which is
            # for MkDocs' own warnings such as broken links.
            log.info("PERINGATAN DATA: %s", problem.format())
        history = read_history(self.root)
        if not history.available:
            log.warning("Riwayat revisi tidak tersedia (%s); halaman menyebutkannya.", history.reason)
        checked = self._integrity(config, history.head) if history.available else None
        if checked is not None and checked.rewritten_now:
            # INFO, like data warnings: under --strict a WARNING would stop every later build from publishing
            # the record that keeps this rewrite on the audit page.
            log.info("PERINGATAN JEJAK AUDIT: %s", checked.message(checked.rewrites[-1]))
        self.site = Site(
            manual, records, today, history, codeowners.load(self.root), self.config.tautan_pdf, tuple(data.monitoring),
            performance=data.performance, lke=data.lke, integrity=checked, forge=self._forge(config),
            file_versions=read_file_versions(self.root) if history.available else FileVersions(),
        )
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
        config.extra_css.append(f"{ASSET_DIR}/sop.css")
        loader = c.ExtraScriptValue(f"{ASSET_DIR}/mermaid-loader.mjs")
        loader.type = "module"
        config.extra_javascript.append(loader)
        # Marks tables that scroll sideways: a hint above them and their first column kept in view.
        config.extra_javascript.append(c.ExtraScriptValue(f"{ASSET_DIR}/table-scroll.js"))
        config.extra_javascript.append(c.ExtraScriptValue(f"{ASSET_DIR}/audit-filter.js"))  # Jejak Audit's filters
        return config

    def _integrity(self, config: MkDocsConfig, head: str) -> integrity.Integrity:
        """Read before the build replaces the site folder: the head the last published build recorded."""
        given = self.config.jejak_sebelumnya or os.environ.get("SOPGEN_JEJAK_SEBELUMNYA", "")  # CI sets the variable
        path = Path(config.config_file_path).parent / given if given else Path(config.site_dir) / integrity.RECORD_NAME
        source = given or f"{Path(config.site_dir).name}/{integrity.RECORD_NAME}"
        return integrity.check(self.root, head, integrity.read_record(path), source)

    def _forge(self, config: MkDocsConfig) -> Forge | None:
        """The forge buttons' repository, from repo_url; None (no buttons) without it or when its forge is unknown."""
        # Where the data folder sits in the repository, taking mkdocs.yml's folder as the repository's root;
        # a data folder outside it is taken to be the root itself.
        inside = os.path.relpath(self.root, Path(config.config_file_path).parent.resolve())
        folder = "" if inside == "." or inside.startswith("..") else Path(inside).as_posix()
        try:
            return forge_from_config(config.repo_url, self.config.forge, self.config.cabang, folder)
        except UnknownForge as exc:
            log.warning("%s; tombol \"Sunting rekaman\" dan \"Isi rekaman\" tidak dibuat.", exc)
            return None
        except ValueError as exc:
            raise PluginError(f"mkdocs.yml: {exc}") from None

    def _reference_date(self) -> date:
        value = self.config.tanggal_acuan
        if isinstance(value, date):
            return value
        text = value.strip()
        if not text:
            return date.today()  # the one allowed use of the clock: status pages "as of today"
        try:
            return parse_iso_date(text)
        except ValueError as exc:
            raise PluginError(f"tanggal_acuan di mkdocs.yml: {exc}") from None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        handwritten = {f.dest_uri for f in files.documentation_pages()}
        if self.failure is None:
            try:
                files = self._site_files(files, config)
                self.page_uris = {f.dest_uri for f in files.documentation_pages()}
                return files
            except PluginError as exc:
                if not self.serving:
                    raise
                self._fail(str(exc), config)
        return self._error_files(config, handwritten | self.page_uris)

    def _error_files(self, config: MkDocsConfig, uris: set[str]) -> Files:
        """The error page at every address the site had, at the home page, and for unknown addresses (404.html)."""
        assert self.failure is not None
        page = build_error_page(self.failure)
        return Files([File.generated(config, uri, content=page) for uri in sorted(uris | {"index.html", "404.html"})])

    def _site_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        _refuse_linked_docs(files, config)
        handwritten = sorted(f.src_uri for f in files.documentation_pages())
        for path in attachments(self.site):
            files.append(self._attachment(files, config, path))
        sources = page_sources(self.site)
        plan = page_plan(self.site, config.use_directory_urls)
        nav = config.nav if config.nav is not None else navigation(self.site, handwritten)
        texts, unchanged = self._rebuild(plan, nav, config)
        taken = {f.src_uri for f in files}
        # With repo_url and edit_uri (e.g. "edit/main/docs/") set, "edit this page" opens the YAML file;
        # the path is relative to docs/, like a hand-written page's.
        data_folder = Path(os.path.relpath(self.root, config.docs_dir)).as_posix()
        for src_uri, planned in plan.items():
            if src_uri in taken:
                raise PluginError(f"docs/{src_uri} bertabrakan dengan halaman yang dibangkitkan; ganti namanya.")
            page = GeneratedPage.planned(config, src_uri, planned.render, texts.get(src_uri))
            page.unchanged = src_uri in unchanged
            source = sources.get(src_uri)
            page.edit_uri = posixpath.normpath(f"{data_folder}/{source}") if source else None
            files.append(page)
        # Downloads (the LKjIP tables as CSV and XLSX): generated bytes, published like pages.
        for path, content in generated_files(self.site).items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} bertabrakan dengan berkas unduhan yang dibangkitkan; ganti namanya.")
            files.append(File.generated(config, path, content=content))
        for asset in sorted(PACKAGE_ASSETS.iterdir()):
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", abs_src_path=str(asset)))
        for asset in self._mermaid_files(config):
            files.append(asset)
        config.nav = nav
        return files

    def _attachment(self, files: Files, config: MkDocsConfig, path: str) -> File:
        """A validated attachment, published under its repository path; it never replaces a file the site has."""
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"Lampiran {path} bertabrakan dengan berkas situs yang sudah ada; ganti namanya.")
        attachment = File.generated(config, path, abs_src_path=str(self.root / path))
        if not attachment.inclusion.is_included():
            raise PluginError(f"Lampiran {path} akan dilewati MkDocs (exclude_docs); ganti namanya.")
        return attachment

    def _rebuild(self, plan: dict[str, Planned], nav: Any, config: MkDocsConfig) -> tuple[dict[str, str], set[str]]:
        """The texts written now, and the pages MkDocs may skip: in a dirty rebuild those whose inputs did not
        change (see plugin.incremental); otherwise every text, none skipped."""
        if not self.dirty:
            return page_texts(plan), set()
        assert self.site is not None
        config_file = Path(config.config_file_path or "")
        shared = shared_digest(nav, config_file.read_bytes() if config_file.is_file() else b"", site_wide(self.site))
        inputs = input_values(self.site)
        page_reads = {uri: planned.reads for uri, planned in plan.items()}
        stale = stale_pages(self.previous, shared, inputs, page_reads)
        texts = page_texts({uri: plan[uri] for uri in sorted(stale)})
        # After a change every page shares (the navigation...), MkDocs must convert every page again.
        kept = self.previous is not None and self.previous.shared == shared
        before = self.previous.pages if self.previous is not None else {}
        digests = {uri: digest(text) for uri, text in texts.items()}
        self.pending = Snapshot(shared, inputs, page_reads, {uri: digests.get(uri) or before[uri] for uri in plan})
        unchanged = {uri for uri in plan if uri not in stale or before.get(uri) == digests[uri]} if kept else set()
        if self.previous is not None:
            log.info(
                "Pembangunan ulang cepat: %d dari %d halaman dibangkitkan ditulis ulang, %d berubah.",
                len(stale), len(plan), len(plan) - len(unchanged),
            )
        return texts, unchanged

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.dirty:
            # A dirty rebuild does not read unchanged pages, but the navigation shows their titles.
            for page in nav.pages:
                if page.title is None:
                    page.read_source(config)
                    page.title = display_title(page.title or "")
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = self.templates
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # No template has rendered yet. The theme prints titles raw, through striptags, and (for truncated
        # nav and contents entries) copies their text into a tooltip it inserts as HTML: all are made safe text.
        page.title = display_title(page.title or "")
        _safe_toc(page.toc)
        return searchable(html)  # Material's search indexes this HTML next: cells apart, diagrams left out

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Only a finished build's pages are on disk to be kept by the next dirty rebuild.
        self.previous, self.pending = self.pending, None
        if self.serving:
            collect_soon(1.0)  # the last build's garbage, freed while the browser reloads (data.gcpause)
        if self.failure is not None:
            # Dated before any source, so that a dirty rebuild after the fix rewrites every hand-written page too.
            for page in Path(config.site_dir).rglob("*.html"):
                os.utime(page, (0, 0))

    def _mermaid_files(self, config: MkDocsConfig) -> list[File]:
        folder = self.config.mermaid_dist if self.config.mermaid_dist is not None else self.config.folder_mermaid
        dist = self.root / folder
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
        # The data folders: saving a file rebuilds and reloads the browser, also while it shows the error page.
        how = watch_folders(server, [self.root / SOP_DIR, self.root / RECORD_DIR])
        log.debug("Folder data diawasi oleh %s.", "kernel (inotify)" if how == "kernel" else "pemantau MkDocs")
        return server
