"""`check_named`, what the pre-commit hook runs: a named file is judged against what it cites, and nothing else is."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.errors import Problem, errors_only
from generator.named import check_named
from tests.conftest import REFERENCE, REPO, edit

EVALUATION = "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"
QUARTERLY = "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"
QUARTER_RECORD = "records/2026/TW3/pelaporan-kinerja-triwulan.yaml"


def shown(problems: list[Problem]) -> list[str]:
    return [p.format() for p in problems]


def test_a_valid_sop_passes_and_its_records_are_judged_with_it() -> None:
    checked = check_named(REPO, REFERENCE, [QUARTERLY])
    assert errors_only(checked.problems) == []
    assert checked.named.sops == {QUARTERLY}
    assert checked.related == 7  # its six quarterly records and its monitoring note, judged again against it


def test_a_record_naming_a_step_its_sop_lacks_is_found_when_only_the_record_is_named(repo_copy: Path) -> None:
    line = edit(repo_copy, QUARTER_RECORD, "  - langkah: 3\n", "  - langkah: 99\n")
    problems = check_named(repo_copy, REFERENCE, [QUARTER_RECORD]).problems
    assert shown(errors_only(problems)) == [
        f"{QUARTER_RECORD}:{line}:5: [pelaksanaan ke-3 › langkah] langkah 99 tidak ada di SOP `pelaporan-kinerja-triwulan` (1-7)"
    ]


def test_an_unrelated_broken_file_is_not_reported(repo_copy: Path) -> None:
    edit(repo_copy, EVALUATION, "    waktu: 1 hari", "    waktu: sehari")
    edit(repo_copy, "records/2025/TW1/pelaporan-kinerja-triwulan.yaml", "  - langkah: 3\n", "  - langkah: 99\n")
    assert errors_only(check_named(repo_copy, REFERENCE, [QUARTER_RECORD]).problems) == []
    # Named, the broken SOP is reported.
    assert [p.path for p in errors_only(check_named(repo_copy, REFERENCE, [EVALUATION]).problems)] == [EVALUATION]


def test_an_sop_edit_that_breaks_one_of_its_records_is_found(repo_copy: Path) -> None:
    line = edit(repo_copy, QUARTER_RECORD, "  - langkah: 3\n", "  - langkah: 99\n")
    problems = errors_only(check_named(repo_copy, REFERENCE, [QUARTERLY]).problems)
    assert [(p.path, p.line) for p in problems] == [(QUARTER_RECORD, line)]


def test_a_catalogue_named_alone_rechecks_the_sops_that_cite_it(repo_copy: Path) -> None:
    edit(repo_copy, "sop_defs/_jabatan.yaml", "\nstaf:\n", "\nstaf-umum:\n")
    checked = check_named(repo_copy, REFERENCE, ["sop_defs/_jabatan.yaml"])
    assert checked.whole_manual
    assert {p.path for p in errors_only(checked.problems)} == {EVALUATION, "sop_defs/diskominfo/perencanaan-keuangan/perencanaan-kinerja.yaml"}
    assert all("jabatan `staf` tidak ada" in p.message for p in errors_only(checked.problems))


def test_files_outside_the_data_folders_missing_files_and_attachments(tmp_path: Path) -> None:
    names = ["README.md", "sop_defs/tidak-ada.yaml", "records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf", str(tmp_path / "x.yaml")]
    problems = check_named(REPO, REFERENCE, names).problems
    assert shown(problems) == [
        "..:1:1: peringatan: tidak diperiksa: di luar sop_defs/ dan records/, bukan berkas data",
        "README.md:1:1: peringatan: tidak diperiksa: di luar sop_defs/ dan records/, bukan berkas data",
        "records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf:1:1: peringatan: tidak diperiksa: lampiran, diperiksa bersama rekaman yang menyebutnya",
        "sop_defs/tidak-ada.yaml:1:1: berkas tidak ada; berkas yang dihapus diperiksa oleh `sopgen validate` tanpa nama berkas",
    ]


def test_a_record_is_judged_by_the_version_in_force_in_its_period(tmp_path: Path) -> None:
    from tests.test_versions import git, insert_step

    root = tmp_path / "repo"
    shutil.copytree(REPO / "sop_defs", root / "sop_defs")
    shutil.copytree(REPO / "records", root / "records")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Data awal")
    insert_step(root, "2026-10-01")  # eight steps from October 2026; the 2025 records followed seven
    git(root, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    record = "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"
    line = edit(root, record, "  - langkah: 3\n", "  - langkah: 8\n")
    problems = errors_only(check_named(root, REFERENCE, [record]).problems)
    assert shown(problems) == [
        f"{record}:{line}:5: [pelaksanaan ke-3 › langkah] langkah 8 tidak ada di SOP `pelaporan-kinerja-triwulan` (1-7)"
    ]
