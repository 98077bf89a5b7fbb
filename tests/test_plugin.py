"""The plugin in `mkdocs serve`: an edit rebuilds only the generated pages whose text changed (`--dirty`), and data
with errors shows the error list in the browser until the file is fixed."""

from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import edit
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


BROKEN = ("jadwal: tahunan\n", "jadwal: kadang-kadang\n")
ERROR_HEADING = "Situs belum dapat dibangun"


def _env() -> dict[str, str]:
    return os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOPGEN_TANGGAL": REFERENCE_DATE}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def mkdocs_serve(config: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` on a free port; yields its address and stops it afterwards."""
    port = _free_port()
    with log.open("wb") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  stdout=output, stderr=subprocess.STDOUT, env=_env())
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            server.wait(timeout=20)


def fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def poll(url: str, wanted: Callable[[int, str], bool], log: Path, timeout: float = 60) -> tuple[int, str]:
    """The first answer from `url` that is `wanted`; fails (with the server's log) after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            status, body = fetch(url)
            if wanted(status, body):
                return status, body
        except OSError:
            pass  # not listening yet, or the answer waits for a rebuild that is still running
        time.sleep(0.2)
    raise AssertionError(f"{url}: no wanted answer in {timeout} s\n{log.read_text(encoding='utf-8', errors='replace')}")


def validate_lines(root: Path) -> list[str]:
    """The problem lines `sopgen validate` prints for `root`."""
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "--folder", str(root), "validate"],
                            capture_output=True, text=True, timeout=60, env=_env())
    assert result.returncode == 1
    return [line for line in result.stderr.splitlines() if line.startswith("sop_defs/")]


def test_serve_shows_the_error_list_until_the_file_is_fixed_then_the_site(repo_copy: Path, tmp_path: Path) -> None:
    line = edit(repo_copy, EV, *BROKEN)
    expected = validate_lines(repo_copy)
    assert expected and expected[0].startswith(f"{EV}:{line}:1: [jadwal] ")
    config, log = project_config(repo_copy, tmp_path / "proyek"), tmp_path / "serve.log"
    with mkdocs_serve(config, log) as base:
        # Broken from the start: the server still starts, and the home page lists the problems as validate does.
        status, body = poll(base, lambda status, body: status == 200, log)
        text = html.unescape(body)
        assert ERROR_HEADING in text and '<html lang="id">' in body
        for problem in expected:
            assert problem in text
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", body), "the error page requests nothing outside"
        # A page the site has not built yet answers 404 with the same list.
        status, body = fetch(base + "sop/evaluasi-kinerja/")
        assert status == 404 and expected[0] in html.unescape(body)

        # Fixed: the browser's live-reload poll hears of a newer build, and the page is the site again.
        epoch = re.search(r"livereload\((\d+),", body if status == 200 else fetch(base)[1])
        assert epoch is not None, "the error page carries MkDocs' live-reload script"
        edit(repo_copy, EV, BROKEN[1], BROKEN[0])
        poll(f"{base}livereload/{epoch.group(1)}/1", lambda status, body: int(body) > int(epoch.group(1)), log)
        status, body = fetch(base + "sop/evaluasi-kinerja/")
        assert status == 200 and ERROR_HEADING not in body and "<title>Evaluasi Kinerja - " in body

        # Broken again while a SOP page is open: that page shows the list instead of hanging.
        edit(repo_copy, EV, *BROKEN)
        status, body = poll(base + "sop/evaluasi-kinerja/", lambda status, body: ERROR_HEADING in body, log)
        assert status == 200 and expected[0] in html.unescape(body)


def test_build_with_a_data_error_still_fails(repo_copy: Path, tmp_path: Path) -> None:
    line = edit(repo_copy, EV, *BROKEN)
    config = project_config(repo_copy, tmp_path / "proyek")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
                            capture_output=True, text=True, timeout=120, env=_env())
    assert result.returncode != 0
    assert f"{EV}:{line}:1: [jadwal]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_serve_shows_a_configuration_error_too(repo_copy: Path, tmp_path: Path) -> None:
    """Not only data: what fails later in the build (here Mermaid not installed) is shown the same way."""
    config = project_config(repo_copy, tmp_path / "proyek", mermaid_dist=tmp_path / "tidak-ada")
    log = tmp_path / "serve.log"
    with mkdocs_serve(config, log) as base:
        status, body = poll(base, lambda status, body: status == 200, log)
        assert ERROR_HEADING in body and "Mermaid tidak ditemukan" in html.unescape(body)
