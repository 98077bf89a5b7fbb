"""The plugin in `mkdocs serve --dirty`: an edit rebuilds only the generated pages whose text changed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.sitebuild import REFERENCE_DATE, project_config

# Two builds in one process, as `mkdocs serve --dirty` does them; the data file is edited in between.
SERVE_DIRTY = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site, data_file, old, new = sys.argv[1:6]

def build_once():
    config = load_config(config_file, site_dir=site)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in Path(site).rglob("*.html")}

before = build_once()
path = Path(data_file)
path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
after = build_once()
print(json.dumps([p for p in after if after[p] != before.get(p)]))
"""

EV = "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"


def rebuilt_after_edit(root: Path, tmp_path: Path, old: str, new: str) -> tuple[list[str], Path]:
    assert old in (root / EV).read_text(encoding="utf-8")
    config = project_config(root, tmp_path / "proyek")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-c", SERVE_DIRTY, str(config), str(site), str(root / EV), old, new],
        capture_output=True, text=True, timeout=300,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOPGEN_TANGGAL": REFERENCE_DATE},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), site


def test_an_edited_step_rebuilds_its_sop_page_and_not_the_other_sops(repo_copy: Path, tmp_path: Path) -> None:
    rebuilt, site = rebuilt_after_edit(repo_copy, tmp_path, "    waktu: 1 hari\n", "    waktu: 2 hari\n")
    assert "sop/evaluasi-kinerja/index.html" in rebuilt
    assert "2 hari" in (site / "sop/evaluasi-kinerja/index.html").read_text(encoding="utf-8")
    assert "sop/perencanaan-kinerja/index.html" not in rebuilt
    assert "sop/pelaporan-kinerja-triwulan/index.html" not in rebuilt
    assert len(rebuilt) < len(list(site.rglob("*.html"))) / 2


def test_a_rebuilt_page_names_the_unchanged_pages_in_its_navigation(repo_copy: Path, tmp_path: Path) -> None:
    rebuilt, site = rebuilt_after_edit(repo_copy, tmp_path, "    waktu: 1 hari\n", "    waktu: 2 hari\n")
    role_pages = [p for p in rebuilt if p.startswith("jabatan/") and p != "jabatan/index.html"]
    assert role_pages, "the role doing the edited step lists its time, so its page changes"
    html = (site / role_pages[0]).read_text(encoding="utf-8")
    # The role index is unchanged and not re-read by the dirty build; its nav entry still has its title.
    index_link = re.search(r'<a href="\.\./"[^>]*>\s*(?:<span class="md-ellipsis">)?\s*([^<\s]+)', html)
    assert index_link is not None and index_link.group(1) == "Jabatan"


def test_a_renamed_sop_changes_the_navigation_so_every_generated_page_is_rebuilt(repo_copy: Path, tmp_path: Path) -> None:
    rebuilt, site = rebuilt_after_edit(repo_copy, tmp_path, "nama: Evaluasi Kinerja\n", "nama: Evaluasi Kinerja Tahunan\n")
    assert "sop/perencanaan-kinerja/index.html" in rebuilt
    assert "Evaluasi Kinerja Tahunan" in (site / "sop/perencanaan-kinerja/index.html").read_text(encoding="utf-8")


def forge_of(tmp_path: Path, repo_url: str | None, folder: str = ".", **options: str):  # type: ignore[no-untyped-def]
    """The plugin's forge for a mkdocs.yml in `tmp_path` with these repo_url and plugin options."""
    from types import SimpleNamespace

    from generator.plugin.sopgen import SopPlugin

    plugin = SopPlugin()
    errors, _ = plugin.load_config(options)
    assert not errors
    plugin.root = (tmp_path / folder).resolve()
    return plugin._forge(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), repo_url=repo_url))


def test_plugin_builds_the_forge_from_repo_url_and_its_options(tmp_path: Path) -> None:
    assert forge_of(tmp_path, None, forge="github") is None
    forge = forge_of(tmp_path, "https://git.pemda.go.id/dinas/manual-sop", "data", forge="gitea", cabang="rekaman")
    assert forge is not None
    assert forge.edit_url("records/a.yaml") == "https://git.pemda.go.id/dinas/manual-sop/_edit/rekaman/data/records/a.yaml"


def test_plugin_warns_when_the_forge_is_unknown_and_builds_without_buttons(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.sopgen"):
        assert forge_of(tmp_path, "https://git.pemda.go.id/dinas/manual-sop") is None
    assert "tulis `forge: github`, `forge: gitlab` atau `forge: gitea`" in caplog.text
    assert 'tombol "Sunting rekaman" dan "Isi rekaman" tidak dibuat' in caplog.text


def test_plugin_stops_on_an_unknown_forge_value_with_an_indonesian_message(tmp_path: Path) -> None:
    import pytest
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="mkdocs.yml: opsi forge `bitbucket` tidak dikenal; pilih salah satu: github, gitlab, gitea"):
        forge_of(tmp_path, "https://github.com/dinas/manual-sop", forge="bitbucket")
