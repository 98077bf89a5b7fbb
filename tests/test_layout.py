"""Where data files may sit: the government file, shared catalogues, agency folders, units and SOPs."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.errors import errors_only
from generator.manual.layout import discover
from generator.manual.load import load_manual

PK = "sop_defs/diskominfo/perencanaan-keuangan"


def messages(root: Path) -> dict[str, str]:
    _, problems = load_manual(root)
    return {p.path: p.message for p in errors_only(problems)}


def test_the_shipped_layout(repo_copy: Path) -> None:
    layout = discover(repo_copy)
    assert layout.government is not None and layout.government.shown_as == "sop_defs/_pemerintah.yaml"
    assert [s.shown_as for s in layout.agencies] == ["sop_defs/diskominfo/_instansi.yaml"]
    assert [s.parts for s in layout.sops][0] == ["diskominfo", "perencanaan-keuangan", "evaluasi-kinerja.yaml"]
    assert layout.problems == []


def test_an_unknown_catalogue_file_lists_the_known_names_with_the_lke(repo_copy: Path) -> None:
    (repo_copy / "sop_defs/_lke-2024.yaml").write_text("nama: x\n", encoding="utf-8")
    message = messages(repo_copy)["sop_defs/_lke-2024.yaml"]
    assert message.startswith("berkas katalog tidak dikenal") and "_dokumen.yaml, _lke.yaml" in message


def test_the_old_single_agency_layout_says_how_to_move(repo_copy: Path) -> None:
    """A repository from before issue 15: `_organisasi.yaml` and SOPs one folder under sop_defs/."""
    shutil.move(repo_copy / PK, repo_copy / "sop_defs/perencanaan-keuangan")
    (repo_copy / "sop_defs/_organisasi.yaml").write_text("pemerintah: X\ninstansi: Y\n", encoding="utf-8")
    found = messages(repo_copy)
    old = found["sop_defs/_organisasi.yaml"]
    assert "susunan lama" in old and "_pemerintah.yaml" in old and "_instansi.yaml" in old and "git mv" in old
    assert "Pindah dari susunan lama" in found["sop_defs/perencanaan-keuangan/evaluasi-kinerja.yaml"]


def test_an_agency_folder_needs_its_file(repo_copy: Path) -> None:
    (repo_copy / "sop_defs/diskominfo/_instansi.yaml").unlink()
    found = messages(repo_copy)
    assert "tidak punya _instansi.yaml" in found["sop_defs/diskominfo/_instansi.yaml"]


def test_the_government_file_is_required(repo_copy: Path) -> None:
    (repo_copy / "sop_defs/_pemerintah.yaml").unlink()
    assert "berkas pemerintah tidak ada" in messages(repo_copy)["sop_defs/_pemerintah.yaml"]


def test_files_in_the_wrong_place(repo_copy: Path) -> None:
    (repo_copy / "sop_defs/diskominfo/_jabatan.yaml").write_text("a: 1\n", encoding="utf-8")
    deep = repo_copy / PK / "arsip"
    deep.mkdir()
    (deep / "lama.yaml").write_text("a: 1\n", encoding="utf-8")
    (repo_copy / "sop_defs/diskominfo/Unit Baru").mkdir()
    shutil.copy(repo_copy / PK / "evaluasi-kinerja.yaml", repo_copy / "sop_defs/diskominfo/Unit Baru/evaluasi-kinerja-2.yaml")
    found = messages(repo_copy)
    assert "_instansi.yaml dan _kinerja.yaml di sop_defs/<instansi>/" in found["sop_defs/diskominfo/_jabatan.yaml"]
    assert "tepat di sop_defs/<instansi>/<unit>/<id-sop>.yaml" in found[f"{PK}/arsip/lama.yaml"]
    assert "folder unit `Unit Baru` tidak sah" in found["sop_defs/diskominfo/Unit Baru/evaluasi-kinerja-2.yaml"]


def test_sop_ids_are_unique_across_agencies(two_agencies: Path) -> None:
    copy = two_agencies / "sop_defs/bkpsdm/sekretariat/evaluasi-kinerja.yaml"
    text = (two_agencies / PK / "evaluasi-kinerja.yaml").read_text(encoding="utf-8").replace("Sub Bagian Perencanaan dan Keuangan", "Sekretariat")
    copy.write_text(text, encoding="utf-8")
    found = messages(two_agencies)
    # Files are read in path order: the second one named carries the error.
    assert found == {f"{PK}/evaluasi-kinerja.yaml": f"id SOP `evaluasi-kinerja` sudah dipakai oleh {copy.relative_to(two_agencies)}"}


def test_the_performance_file_sits_beside_the_agency_file(repo_copy: Path) -> None:
    layout = discover(repo_copy)
    assert (repo_copy / "sop_defs/diskominfo/_kinerja.yaml").is_file()
    assert not [p for p in layout.problems if p.path.endswith("_kinerja.yaml")]
    assert "sop_defs/diskominfo/_kinerja.yaml" not in [s.shown_as for s in layout.sops]  # generator.performance reads it
    (repo_copy / PK / "_kinerja.yaml").write_text("a: 1\n", encoding="utf-8")
    assert "_instansi.yaml dan _kinerja.yaml di sop_defs/<instansi>/" in messages(repo_copy)[f"{PK}/_kinerja.yaml"]
