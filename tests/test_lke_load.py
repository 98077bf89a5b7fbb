"""`sop_defs/_lke.yaml` as `sopgen validate` reads it: the shipped catalogue loads, and each mistake names its line and key."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, Severity, errors_only
from generator.loading import load_data
from generator.performance.lke import weight_text
from generator.performance.lke_load import LKE_PATH, read_lke
from tests.conftest import REFERENCE, REPO, edit
from tests.test_cli import sopgen

KEBERADAAN = "komponen › perencanaan › subkomponen › keberadaan"


def line_of(root: Path, start: str, after: str = "") -> int:
    """The first line of the LKE file starting with `start` (after the first line starting with `after`)."""
    lines = (root / LKE_PATH).read_text(encoding="utf-8").splitlines()
    begin = next(n for n, text in enumerate(lines) if text.startswith(after)) if after else 0
    return next(n for n, text in enumerate(lines[begin:], begin + 1) if text.startswith(start))


def lke_errors(root: Path) -> list[Problem]:
    data = load_data(root, REFERENCE)
    assert data.manual is None and data.lke is None
    return [p for p in errors_only(data.problems) if p.path == LKE_PATH]


def only_lke_error(root: Path) -> Problem:
    data = load_data(root, REFERENCE)
    errors = errors_only(data.problems)
    assert len(errors) == 1 and errors[0].path == LKE_PATH, [p.format() for p in errors]
    assert data.manual is None and data.lke is None
    return errors[0]


def test_the_shipped_catalogue_loads_with_the_regulations_weights() -> None:
    data = load_data(REPO, REFERENCE)
    assert data.manual is not None and data.lke is not None, [p.format() for p in data.problems]
    assert [p for p in data.problems if p.path == LKE_PATH] == []
    lke = data.lke
    assert {cid: c.weight for cid, c in lke.components.items()} == {
        "perencanaan": 30, "pengukuran": 30, "pelaporan": 15, "evaluasi-internal": 25,
    }
    weights = {cid: [weight_text(s.weight) for s in c.subcomponents.values()] for cid, c in lke.components.items()}
    assert weights == {
        "perencanaan": ["6", "9", "15"], "pengukuran": ["6", "9", "15"],
        "pelaporan": ["3", "4,5", "7,5"], "evaluasi-internal": ["5", "7,5", "12,5"],
    }
    assert all(list(c.subcomponents) == ["keberadaan", "kualitas", "pemanfaatan"] for c in lke.components.values())
    counts = {cid: [len(s.criteria) for s in c.subcomponents.values()] for cid, c in lke.components.items()}
    assert counts == {"perencanaan": [6, 11, 8], "pengukuran": [3, 7, 10], "pelaporan": [6, 9, 7], "evaluasi-internal": [3, 5, 5]}
    first = next(iter(lke.criteria()))
    assert (first.id, first.documents, first.sops) == ("1a-1", ["pedoman-perencanaan-kinerja"], ["perencanaan-kinerja"])


def test_the_documents_only_the_lke_asks_for_are_not_reported_unused(repo_copy: Path) -> None:
    """`sopgen validate` knows the LKE names them; without the LKE, no SOP does."""
    assert [p for p in load_data(repo_copy, REFERENCE).problems if p.path == "sop_defs/_dokumen.yaml"] == []
    (repo_copy / LKE_PATH).unlink()
    data = load_data(repo_copy, REFERENCE)
    unused = {p.key for p in data.problems if p.path == "sop_defs/_dokumen.yaml"}
    assert data.lke is None and "rencana-aksi" in unused and "renstra" not in unused
    assert all(p.severity is Severity.WARNING for p in data.problems if p.path == "sop_defs/_dokumen.yaml")


def test_no_lke_file_is_no_problem(repo_copy: Path) -> None:
    (repo_copy / LKE_PATH).unlink()
    data = load_data(repo_copy, REFERENCE)
    assert data.manual is not None and data.lke is None and errors_only(data.problems) == []


def test_unknown_document_id_names_the_nearest(repo_copy: Path) -> None:
    line = edit(repo_copy, LKE_PATH, "            dokumen: [rencana-aksi]\n", "            dokumen: [rencana-aksii]\n")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line, f"{KEBERADAAN} › kriteria ke-5 › dokumen ke-1")
    assert problem.message == (
        "dokumen `rencana-aksii` tidak ada di katalog dokumen (sop_defs/_dokumen.yaml); maksud Anda `rencana-aksi`?"
    )


def test_unknown_document_in_masa_berlaku(repo_copy: Path) -> None:
    line = edit(repo_copy, LKE_PATH, "  renja: 2 ", "  renjaa: 2 ")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line, "masa_berlaku › renjaa")
    assert problem.message.startswith("dokumen `renjaa` tidak ada di katalog dokumen") and "maksud Anda `renja`?" in problem.message


def test_unknown_sop_id_names_the_nearest(repo_copy: Path) -> None:
    line = edit(repo_copy, LKE_PATH, "            sop: [perencanaan-kinerja]\n", "            sop: [perencanan-kinerja]\n")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line, f"{KEBERADAAN} › kriteria ke-1 › sop ke-1")
    assert problem.message == (
        "SOP `perencanan-kinerja` tidak ada di sop_defs/ (id SOP adalah nama berkasnya tanpa .yaml); "
        "maksud Anda `perencanaan-kinerja`?"
    )


def test_subcomponent_weights_that_miss_their_component_say_sum_and_expected(repo_copy: Path) -> None:
    edit(repo_copy, LKE_PATH, "        bobot: 15\n        kriteria:\n          - id: 1c-1", "        bobot: 14\n        kriteria:\n          - id: 1c-1")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line_of(repo_copy, "    subkomponen:"), "komponen › perencanaan › subkomponen")
    assert problem.message == "jumlah bobot subkomponen 29 (6 + 9 + 14), seharusnya 30 (`bobot` komponen `perencanaan`)"


def test_component_weights_must_add_up_to_100(repo_copy: Path) -> None:
    edit(repo_copy, LKE_PATH, "    bobot: 25\n", "    bobot: 24.5\n")
    edit(repo_copy, LKE_PATH, "        bobot: 12.5\n", "        bobot: 12\n")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line_of(repo_copy, "komponen:"), "komponen")
    assert problem.message == "jumlah bobot komponen 99,5 (30 + 30 + 15 + 24,5), seharusnya 100"


def test_duplicate_criterion_id_names_the_first_line(repo_copy: Path) -> None:
    first, line = line_of(repo_copy, "          - id: 1a-1"), line_of(repo_copy, "          - id: 1a-2")
    edit(repo_copy, LKE_PATH, "          - id: 1a-2\n", "          - id: 1a-1\n")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line, f"{KEBERADAAN} › kriteria ke-2 › id")
    assert problem.message == f"id kriteria `1a-1` sudah dipakai di baris {first}"


def test_duplicate_criterion_id_across_subcomponents(repo_copy: Path) -> None:
    line = line_of(repo_copy, "          - id: 4c-5")
    edit(repo_copy, LKE_PATH, "          - id: 4c-5\n", "          - id: 1a-1\n")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line, "komponen › evaluasi-internal › subkomponen › pemanfaatan › kriteria ke-5 › id")
    assert "sudah dipakai di baris" in problem.message


def test_missing_bobot(repo_copy: Path) -> None:
    edit(repo_copy, LKE_PATH, "        bobot: 9\n", "")
    problem = only_lke_error(repo_copy)
    kualitas = line_of(repo_copy, "      kualitas:")
    assert (problem.line, problem.key) == (kualitas, "komponen › perencanaan › subkomponen › kualitas › bobot")
    assert problem.message == "kunci wajib `bobot` tidak ada"


def test_a_weight_written_as_text_is_refused(repo_copy: Path) -> None:
    line = edit(repo_copy, LKE_PATH, "        bobot: 6\n", '        bobot: "6"\n')
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line, f"{KEBERADAAN} › bobot")
    assert problem.message == "harus berupa angka (tertulis: `6`)"


def test_a_misspelt_key_gets_a_suggestion(repo_copy: Path) -> None:
    line = edit(repo_copy, LKE_PATH, "            uraian: Ada pedoman teknis perencanaan kinerja.", "            urain: Ada pedoman teknis perencanaan kinerja.")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line, f"{KEBERADAAN} › kriteria ke-1 › urain")
    assert problem.message == "kunci `urain` tidak dikenal; maksud Anda `uraian`?"


def test_a_document_named_twice_in_one_criterion(repo_copy: Path) -> None:
    line = edit(repo_copy, LKE_PATH, "            dokumen: [renja, pk]\n", "            dokumen: [renja, renja]\n")
    problem = only_lke_error(repo_copy)
    assert (problem.line, problem.key) == (line, f"{KEBERADAAN} › kriteria ke-4 › dokumen ke-2")
    assert problem.message == "`renja` disebut dua kali pada kriteria ini"


def test_a_schema_error_does_not_hide_an_unknown_id(repo_copy: Path) -> None:
    edit(repo_copy, LKE_PATH, "        bobot: 9\n", "")
    edit(repo_copy, LKE_PATH, "            dokumen: [rencana-aksi]\n", "            dokumen: [rencana-aksii]\n")
    keys = {p.key for p in lke_errors(repo_copy)}
    assert keys == {"komponen › perencanaan › subkomponen › kualitas › bobot", f"{KEBERADAAN} › kriteria ke-5 › dokumen ke-1"}


def test_a_broken_document_catalogue_does_not_make_every_lke_document_unknown(repo_copy: Path) -> None:
    edit(repo_copy, "sop_defs/_dokumen.yaml", "renja:\n", "renja: [\n")
    paths = {p.path for p in errors_only(load_data(repo_copy, REFERENCE).problems)}
    assert paths == {"sop_defs/_dokumen.yaml"}


def test_a_broken_sop_still_counts_as_an_sop_the_lke_may_name(repo_copy: Path) -> None:
    sop = "sop_defs/diskominfo/perencanaan-keuangan/perencanaan-kinerja.yaml"
    edit(repo_copy, sop, "nama: Perencanaan Kinerja", "nama: [Perencanaan Kinerja")
    paths = {p.path for p in errors_only(load_data(repo_copy, REFERENCE).problems)}
    assert paths == {sop}


def test_a_yaml_syntax_error_is_located(repo_copy: Path) -> None:
    line = edit(repo_copy, LKE_PATH, "  renstra: 5\n", "  renstra: [5\n")
    read = read_lke(repo_copy)
    assert read.lke is None and len(read.problems) == 1
    assert read.problems[0].line == line and "sintaks YAML salah" in read.problems[0].message


def test_sopgen_validate_reports_an_lke_error_with_path_and_line(repo_copy: Path) -> None:
    line = line_of(repo_copy, "          - id: 1a-2")
    edit(repo_copy, LKE_PATH, "          - id: 1a-2\n", "          - id: 1a-1\n")
    result = sopgen("--folder", str(repo_copy), "validate")
    assert result.returncode == 1
    assert f"{LKE_PATH}:{line}:13: [{KEBERADAAN} › kriteria ke-2 › id] id kriteria `1a-1` sudah dipakai" in result.stderr
    assert "Traceback" not in result.stderr
