"""The cross index on the shipped manual, exactly: which SOPs cite each legal basis, which steps each role
does and for how long, which steps name each document."""

from __future__ import annotations

import pytest

from generator.manual.index import CrossIndex, build_index, document_terms, hierarchy_rank
from generator.manual.model import Manual


@pytest.fixture(scope="module")
def index(manual: Manual) -> CrossIndex:
    return build_index(manual)


def test_sops_per_legal_basis(index: CrossIndex) -> None:
    assert {basis: [s.id for s in sops] for basis, sops in index.sops_by_basis.items()} == {
        "perpres-29-2014": ["evaluasi-kinerja", "pelaporan-kinerja-triwulan", "perencanaan-kinerja"],
        "permenpan-rb-53-2014": ["evaluasi-kinerja"],
        "pp-58-2005": ["pelaporan-kinerja-triwulan"],
        "permendagri-86-2017": ["pelaporan-kinerja-triwulan"],
    }


def test_steps_per_role_with_standard_minutes(index: CrossIndex) -> None:
    steps = {role: [(r.sop.id, r.step.number, r.duration.high, r.time_text) for r in refs]
             for role, refs in index.steps_by_role.items()}
    assert steps == {
        "staf": [("evaluasi-kinerja", 1, 60, "1 jam"), ("evaluasi-kinerja", 5, 60, "1 jam"),
                 ("perencanaan-kinerja", 1, 4500, "2 minggu"), ("perencanaan-kinerja", 8, 60, "1 jam")],
        "tim-akuntabilitas": [("evaluasi-kinerja", 2, 2250, "1 minggu"), ("evaluasi-kinerja", 3, 450, "1 hari"),
                              ("perencanaan-kinerja", 2, 2250, "1 minggu"),
                              ("perencanaan-kinerja", 4, 2250, "1minggu"),  # as written in the source
                              ("perencanaan-kinerja", 6, 1350, "3 hari")],
        # "Ka SKPD" is `sama_dengan: kadis`: one office, one entry, both column names' steps
        "kadis": [("evaluasi-kinerja", 4, 450, "1 hari"),
                  ("pelaporan-kinerja-triwulan", 1, 10, "10 menit"), ("pelaporan-kinerja-triwulan", 7, 60, "60 menit"),
                  ("perencanaan-kinerja", 3, 60, "1 jam"), ("perencanaan-kinerja", 5, 60, "1 jam"),
                  ("perencanaan-kinerja", 7, 60, "1 jam")],
        "kasubag-perencanaan": [("pelaporan-kinerja-triwulan", 2, 10, "10 menit"),
                                ("pelaporan-kinerja-triwulan", 4, 120, "120 menit"),
                                ("pelaporan-kinerja-triwulan", 6, 60, "60 menit")],
        "pelaksana": [("pelaporan-kinerja-triwulan", 3, 300, "300 menit")],
        "kabid": [("pelaporan-kinerja-triwulan", 5, 60, "60 menit")],
    }
    # the Sekretaris is an actor of the quarterly report but does none of its steps
    assert "sekretaris" not in index.steps_by_role
    assert [s.id for s in index.sops_by_role["sekretaris"]] == ["pelaporan-kinerja-triwulan"]


def test_sops_per_role(index: CrossIndex) -> None:
    both = ["evaluasi-kinerja", "perencanaan-kinerja"]
    assert {role: [s.id for s in sops] for role, sops in index.sops_by_role.items()} == {
        "tim-akuntabilitas": both, "staf": both,
        "kadis": ["evaluasi-kinerja", "pelaporan-kinerja-triwulan", "perencanaan-kinerja"],
        "sekretaris": ["pelaporan-kinerja-triwulan"],
        "kabid": ["pelaporan-kinerja-triwulan"], "kasubag-perencanaan": ["pelaporan-kinerja-triwulan"],
        "pelaksana": ["pelaporan-kinerja-triwulan"],
    }


def test_related_documents_and_sops(index: CrossIndex) -> None:
    all_three = ["evaluasi-kinerja", "pelaporan-kinerja-triwulan", "perencanaan-kinerja"]
    assert {doc: [s.id for s in sops] for doc, sops in index.sops_by_document.items()} == {
        "renstra": all_three, "renja": all_three, "lkj": all_three, "iku": ["evaluasi-kinerja"],
    }
    assert index.sops_naming_sop == {}


def test_document_mentions_with_step_numbers_and_columns(index: CrossIndex) -> None:
    mentions = {doc: [(m.step_ref.sop.id, m.step_ref.step.number, m.fields) for m in found]
                for doc, found in index.mentions_by_document.items()}
    assert mentions == {
        # evaluasi 1: "... Indikator Kinerja Utama (IKU) ... Perjanjian Kinerja dan Laporan Kinerja (LKj)"
        "pk": [("evaluasi-kinerja", 1, ("Kegiatan",)), ("perencanaan-kinerja", 6, ("Kegiatan",)),
               ("perencanaan-kinerja", 7, ("Kegiatan",))],
        "lkj": [("evaluasi-kinerja", 1, ("Kegiatan",)), ("evaluasi-kinerja", 2, ("Kegiatan", "Kelengkapan", "Output"))],
        "iku": [("evaluasi-kinerja", 1, ("Kegiatan",)), ("evaluasi-kinerja", 4, ("Kegiatan",))],
        "renstra": [("perencanaan-kinerja", 2, ("Kegiatan",)), ("perencanaan-kinerja", 3, ("Kegiatan",))],
        # "Rencana Kerja (Renja)" names the Renja, not the "Rencana Kerja dan Anggaran (RKA)"
        "renja": [("perencanaan-kinerja", 4, ("Kegiatan",)), ("perencanaan-kinerja", 5, ("Kegiatan",))],
        "rka": [("perencanaan-kinerja", 8, ("Kegiatan",))],
    }
    # "Pelaporan Kinerja Triwulan" contains "laporan kinerja" only inside a word: no mention of the LKj
    assert not any(m.step_ref.sop.id == "pelaporan-kinerja-triwulan"
                   for found in index.mentions_by_document.values() for m in found)


def test_document_terms(manual: Manual) -> None:
    documents = manual.catalogue.documents
    assert {doc: document_terms(doc, documents[doc]) for doc in documents} == {
        "renstra": {"renstra", "Renstra"},
        "renja": {"renja", "Renja"},
        "pk": {"pk", "Perjanjian Kinerja"},
        "lkj": {"lkj", "Laporan Kinerja", "LKj"},
        "iku": {"iku", "IKU"},
        "rka": {"rka", "Rencana Kerja dan Anggaran", "RKA"},
        # the documents the LKE asks for (sop_defs/_lke.yaml)
        "rpjpd": {"rpjpd", "RPJPD"},
        "pedoman-perencanaan-kinerja": {"pedoman-perencanaan-kinerja", "Pedoman Teknis Perencanaan Kinerja"},
        "pedoman-pengukuran-kinerja": {"pedoman-pengukuran-kinerja", "Pedoman Teknis Pengukuran dan Pengumpulan Data Kinerja"},
        "pedoman-evaluasi-internal": {"pedoman-evaluasi-internal", "Pedoman Teknis Evaluasi Akuntabilitas Kinerja Internal"},
        "pohon-kinerja": {"pohon-kinerja", "Pohon Kinerja"},
        "cascading-kinerja": {"cascading-kinerja", "Cascading Kinerja"},
        "crosscutting-kinerja": {"crosscutting-kinerja", "Matriks Crosscutting Kinerja"},
        "rencana-aksi": {"rencana-aksi", "Rencana Aksi Kinerja"},
        "skp": {"skp", "Sasaran Kinerja Pegawai", "SKP"},
        "laporan-kinerja-triwulan": {"laporan-kinerja-triwulan", "Laporan Kinerja Triwulan"},
        "reviu-lkj": {"reviu-lkj", "Laporan Hasil Reviu LKj"},
        "notulen-evaluasi-kinerja": {"notulen-evaluasi-kinerja", "Notulen Hasil Evaluasi Kinerja"},
        "lhe-akip": {"lhe-akip", "Laporan Hasil Evaluasi AKIP", "LHE"},
        "tindak-lanjut-lhe": {"tindak-lanjut-lhe", "Laporan Tindak Lanjut Rekomendasi Evaluasi AKIP"},
        "sk-tim-akuntabilitas": {"sk-tim-akuntabilitas", "Keputusan Pembentukan Tim Akuntabilitas Kinerja"},
    }


@pytest.mark.parametrize(("kind", "rank"), [("Undang-Undang", 0), ("Peraturan Pemerintah", 1), ("peraturan presiden", 2),
                                            ("Peraturan Menteri Dalam Negeri", 3), ("Peraturan Daerah", 4),
                                            ("Peraturan Bupati", 5), ("Surat Edaran", 6), ("", 6)])
def test_hierarchy_rank(kind: str, rank: int) -> None:
    assert hierarchy_rank(kind) == rank
