"""The three SOPs of the source document, as shipped."""

from generator.manual.model import Manual


def test_three_sops_with_their_steps_and_actors(manual: Manual) -> None:
    shape = {sop.id: (len(sop.spec.steps), [manual.catalogue.roles[a].abbreviation for a in sop.spec.actors]) for sop in manual.sops}
    assert shape == {
        "perencanaan-kinerja": (8, ["Tim Akuntabilitas", "Ka SKPD", "Staf"]),
        "pelaporan-kinerja-triwulan": (7, ["Kadis", "Sekretaris", "Kabid", "Kasubag", "Pelaksana"]),
        "evaluasi-kinerja": (5, ["Tim Akuntabilitas", "Ka SKPD", "Staf"]),
    }


def test_total_standard_times(manual: Manual) -> None:
    assert all(sop.total.low == sop.total.high and sop.total.unset == 0 for sop in manual.sops)  # no ranges in the source
    totals = {sop.id: sop.total.high for sop in manual.sops}
    # 2 minggu + 1 minggu + 1minggu + 3 hari + 4 x 1 jam, with 7.5-hour days and 5-day weeks
    assert totals["perencanaan-kinerja"] == 4 * 2250 + 3 * 450 + 4 * 60
    # the "Waktu (menit)" column: 10 + 10 + 300 + 120 + 60 + 60 + 60
    assert totals["pelaporan-kinerja-triwulan"] == 620
    # 1 jam + 1 minggu + 1 hari + 1 hari + 1 jam
    assert totals["evaluasi-kinerja"] == 60 + 2250 + 450 + 450 + 60


def test_legal_bases_as_in_the_source(manual: Manual) -> None:
    bases = {sop.id: sop.spec.legal_bases for sop in manual.sops}
    assert all("perpres-29-2014" in b for b in bases.values())
    assert bases["pelaporan-kinerja-triwulan"] == ["pp-58-2005", "perpres-29-2014", "permendagri-86-2017"]
    assert bases["evaluasi-kinerja"] == ["perpres-29-2014", "permenpan-rb-53-2014"]


def test_decisions_loop_back_to_the_drafting_step(manual: Manual) -> None:
    sop = manual.sop("pelaporan-kinerja-triwulan")
    assert sop is not None
    decisions = {s.number: (s.decision.yes, s.decision.no) for s in sop.spec.steps if s.decision}
    assert decisions == {5: (6, 4), 7: (None, 6)}


def test_cadence_from_the_warnings(manual: Manual) -> None:
    assert {sop.id: sop.spec.cadence for sop in manual.sops} == {
        "perencanaan-kinerja": "tahunan",
        "pelaporan-kinerja-triwulan": "triwulanan",
        "evaluasi-kinerja": "tahunan",
    }


def test_approver_defaults_to_the_head_of_agency(manual: Manual) -> None:
    for sop in manual.sops:
        assert sop.approver.name == "Ir. SUMANTO, MM"
        assert sop.approver.nip == "19680814 200212 1 004"
