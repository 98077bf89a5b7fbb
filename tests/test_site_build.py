"""The MkDocs plugin end to end: a strict build, offline output, and bad data stopping the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO, edit
from tests.sitebuild import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    result = build_site(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


def test_every_page_is_built(site: Path) -> None:
    for page in ("index.html", "sop/perencanaan-kinerja/index.html", "sop/pelaporan-kinerja-triwulan/index.html",
                 "sop/evaluasi-kinerja/index.html", "dasar-hukum/index.html", "kualifikasi/index.html",
                 "jabatan/kabid/index.html", "dokumen/lkj/index.html", "panduan-editor/index.html"):
        assert (site / page).is_file(), page
    assert (site / "assets/sopgen/mermaid/mermaid.esm.min.mjs").is_file()


def test_html_names_no_outside_address(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        urls = set(re.findall(r"""(?:src|href)=["']?(https?://[^"' >]+)""", text))
        assert not urls, (page, urls)
        assert "fonts.googleapis" not in text and "unpkg.com" not in text and "jsdelivr" not in text


def test_mermaid_is_loaded_as_a_module_from_the_site(site: Path) -> None:
    page = (site / "sop/evaluasi-kinerja/index.html").read_text(encoding="utf-8")
    assert '<script src="../../assets/sopgen/mermaid-loader.mjs" type="module"></script>' in page
    assert '<pre class="mermaid"><code>swimlane-beta TB' in page


def test_the_table_scroll_hint_is_a_script_of_the_site(site: Path) -> None:
    page = (site / "sop/evaluasi-kinerja/index.html").read_text(encoding="utf-8")
    assert '<script src="../../assets/sopgen/table-scroll.js"></script>' in page
    script = (site / "assets/sopgen/table-scroll.js").read_text(encoding="utf-8")
    assert "Geser ke samping untuk melihat kolom lain" in script and "import" not in script and "http" not in script


def test_invalid_data_stops_the_build_and_keeps_the_old_site(repo_copy: Path) -> None:
    out = repo_copy / "site"
    out.mkdir()
    (out / "index.html").write_text("situs lama", encoding="utf-8")
    line = edit(repo_copy, "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml", "    pelaksana: staf", "    pelaksana: stafff")
    result = build_site(repo_copy, out)
    assert result.returncode != 0
    assert f"sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml:{line}:5: [langkah ke-1 › pelaksana]" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "situs lama"


def test_search_finds_an_sop_by_legal_basis_role_and_document(site: Path) -> None:
    import json

    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    sop_text = " ".join(d["text"] for d in docs if d["location"].startswith("sop/pelaporan-kinerja-triwulan/"))
    for term in ("Peraturan Pemerintah Nomor 58 Tahun 2005", "Kasubag", "Kabid", "Renja OPD", "Laporan Kinerja (LKj) OPD"):
        assert term in sop_text, term


def test_search_index_keeps_cells_apart_and_leaves_diagrams_out(site: Path) -> None:
    import json

    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    identity = next(d["text"] for d in index["docs"] if d["location"] == "sop/evaluasi-kinerja/#identitas-sop")
    assert "BENGKULU SELATAN DINAS KOMUNIKASI" in identity and "Tanggal Pembuatan 1 Maret 2022" in identity
    everything = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    assert "swimlane-beta TB" not in everything and "dateFormat YYYY" not in everything  # Mermaid sources
    assert "Bagan alir Evaluasi Kinerja, halaman 1" not in everything  # the official form's SVG
    register = {d["title"] for d in index["docs"] if d["location"].startswith("dasar-hukum/#")}
    assert "Peraturan Presiden Nomor 29 Tahun 2014 (Perpres 29/2014)" in register
    assert index["config"]["pipeline"] == []  # no English stemmer on Indonesian text (README, "Pencarian")


def test_search_index_leaves_out_pages_that_repeat_others(site: Path) -> None:
    """Records (found through their quarter page and the Buku Dokumentasi) and printed books (their SOPs have pages)."""
    import json

    pages = {d["location"].split("#")[0] for d in json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]}
    assert (site / "progres/2025/tw2/pelaporan-kinerja-triwulan/index.html").is_file()
    assert not [p for p in pages if p.startswith(("cetak/", "progres/2025/tw2/pelaporan"))], sorted(pages)
    assert {"progres/2025/tw2/", "buku-dokumentasi/", "sop/pelaporan-kinerja-triwulan/"} <= pages


def test_edit_button_opens_the_yaml_file(repo_copy: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    shutil.copytree(REPO / "docs", repo_copy / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_dir: site\n", "site_dir: site\nrepo_url: https://git.example.invalid/dinas/manual-sop\nedit_uri: edit/main/docs/\n")
    config = config.replace("  - sopgen:\n", f"  - sopgen:\n      folder_mermaid: {REPO / 'node_modules/mermaid/dist'}\n")
    (repo_copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo_copy / "mkdocs.yml")],
                            capture_output=True, text=True, env=os.environ | {"NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert result.returncode == 0, result.stderr
    base = "https://git.example.invalid/dinas/manual-sop/edit/main/"
    sop = (repo_copy / "site/sop/evaluasi-kinerja/index.html").read_text(encoding="utf-8")
    assert f'href="{base}sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"' in sop
    record = (repo_copy / "site/progres/2025/tw3/pelaporan-kinerja-triwulan/index.html").read_text(encoding="utf-8")
    assert f'href="{base}records/2025/TW3/pelaporan-kinerja-triwulan.yaml"' in record
    guide = (repo_copy / "site/panduan-editor/index.html").read_text(encoding="utf-8")
    assert f'href="{base}docs/panduan-editor.md"' in guide


def test_two_agencies_build_strictly_and_data_warnings_do_not_stop_it(two_agencies: Path, tmp_path: Path) -> None:
    """`sopgen build --ketat` on the second agency's fixture: its warnings are shown, and the site is built."""
    import subprocess
    import sys

    from tests.conftest import REFERENCE
    from tests.sitebuild import project_config

    config = project_config(two_agencies, tmp_path / "project")
    out = tmp_path / "situs"
    result = subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", "--folder", str(two_agencies), "build", "--ketat",
         "--konfigurasi", str(config), "--keluaran", str(out)],
        capture_output=True, text=True, timeout=300, env={**__import__("os").environ, "SOPGEN_TANGGAL": REFERENCE.isoformat()},
    )
    assert result.returncode == 0, result.stderr
    assert "peringatan: Undang-Undang Nomor 5 Tahun 2014 sudah dicabut" in result.stderr
    assert "situs tetap dibangun" in result.stderr
    for page in ("instansi/bkpsdm/index.html", "unit/bkpsdm/sekretariat/index.html", "jabatan/bkpsdm/kabid/index.html",
                 "sop/usul-kenaikan-pangkat/index.html"):
        assert (out / page).is_file(), page


@pytest.mark.parametrize("directory_urls", [True, False])
def test_record_page_links_its_attachment_in_the_built_site(
    site: Path, tmp_path: Path, directory_urls: bool
) -> None:
    """"Buka berkas" on a record page leads to the attachment the build copied, with either `use_directory_urls`."""
    import os
    import posixpath
    import subprocess
    import sys

    from tests.sitebuild import REFERENCE_DATE, project_config

    out = site
    if not directory_urls:
        config = project_config(REPO, tmp_path / "proyek")
        text = config.read_text(encoding="utf-8")
        assert "use_directory_urls: true\n" in text
        config.write_text(text.replace("use_directory_urls: true\n", "use_directory_urls: false\n"), encoding="utf-8")
        out = tmp_path / "situs"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config), "-d", str(out)],
                                capture_output=True, text=True, timeout=300,
                                env=os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOPGEN_TANGGAL": REFERENCE_DATE})
        assert result.returncode == 0, result.stderr
    page = "progres/2025/tw3/pelaporan-kinerja-triwulan" + ("/index.html" if directory_urls else ".html")
    text = (out / page).read_text(encoding="utf-8")
    (href,) = re.findall(r'<a href="([^"]+)">Buka berkas</a>', text)
    folder = posixpath.dirname(page)
    target = out / posixpath.normpath(posixpath.join(folder, href))
    assert target == out / "records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf"
    assert target.read_bytes() == (REPO / "records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf").read_bytes()
