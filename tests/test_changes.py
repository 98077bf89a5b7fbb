"""What a revision changed, in SOP terms: steps matched by activity, not by number."""

from __future__ import annotations

from typing import Any

from generator.manual.changes import sop_changes
from generator.manual.model import SopFile


def spec(manual: Any, **update: Any) -> SopFile:
    return manual.sop("pelaporan-kinerja-triwulan").spec.model_copy(update=update)


def renumbered(steps: list[Any]) -> list[Any]:
    """Steps numbered 1..n again, decision targets following their steps (as an editor renumbers them)."""
    new_number = {id(step): i for i, step in enumerate(steps, 1)}
    old_to_new = {step.number: new_number[id(step)] for step in steps}
    out = []
    for step in steps:
        decision = step.decision
        if decision is not None:
            decision = decision.model_copy(update={
                "yes": old_to_new.get(decision.yes, decision.yes) if decision.yes else None,
                "no": old_to_new.get(decision.no, decision.no) if decision.no else None,
            })
        out.append(step.model_copy(update={"number": new_number[id(step)], "decision": decision}))
    return out


def test_an_inserted_step_is_one_step_added_and_nothing_else(manual: Any) -> None:
    old = spec(manual)
    steps = list(old.steps)
    added = steps[0].model_copy(update={"activity": "Memverifikasi kelengkapan data bidang", "number": 99})
    new = spec(manual, steps=renumbered([*steps[:2], added, *steps[2:]]))
    changes = sop_changes(old, new)
    assert [(c.kind, c.new.number if c.new else None) for c in changes.steps] == [("ditambah", 3)]
    assert changes.fields == ()  # the decisions' renumbered targets lead to the same steps: not a change


def test_a_removed_step_is_named_by_its_old_number(manual: Any) -> None:
    old = spec(manual)
    new = spec(manual, steps=renumbered([s for s in old.steps if s.number != 6]))
    changes = sop_changes(old, new)
    assert [(c.kind, c.old.number if c.old else None) for c in changes.steps] == [("dihapus", 6)]
    assert changes.steps[0].old is not None and changes.steps[0].old.activity.startswith("Konsep Pelaporan Kinerja")


def test_a_changed_step_lists_each_field_with_before_and_after(manual: Any) -> None:
    old = spec(manual)
    steps = list(old.steps)
    steps[3] = steps[3].model_copy(update={"time": "90 menit", "activity": steps[3].activity + " secara lengkap"})
    changes = sop_changes(old, spec(manual, steps=steps))
    [change] = changes.steps
    assert change.kind == "diubah" and change.new is not None and change.new.number == 4
    assert [(f.label, f.old, f.new) for f in change.fields] == [
        ("Kegiatan", steps[3].activity.removesuffix(" secara lengkap"), steps[3].activity),
        ("Waktu", "120 menit", "90 menit"),
    ]


def test_a_changed_decision_target_is_a_change(manual: Any) -> None:
    old = spec(manual)
    steps = list(old.steps)
    decision = steps[4].decision
    assert decision is not None and decision.no == 4
    steps[4] = steps[4].model_copy(update={"decision": decision.model_copy(update={"no": 3})})
    [change] = sop_changes(old, spec(manual, steps=steps)).steps
    assert [(f.label, f.old, f.new) for f in change.fields] == [
        ("Keputusan", "Konsep disetujui?; Ya: langkah 6; Tidak: langkah 4", "Konsep disetujui?; Ya: langkah 6; Tidak: langkah 3")]


def test_identity_fields_by_their_form_names(manual: Any) -> None:
    old = spec(manual)
    new = spec(manual, name="Pelaporan Kinerja Triwulanan", legal_bases=old.legal_bases[1:])
    changes = sop_changes(old, new)
    assert [f.label for f in changes.fields] == ["Nama SOP", "Dasar hukum"]
    assert changes.fields[1].old.startswith("pp-58-2005; ") and "pp-58-2005" not in changes.fields[1].new
    assert changes.steps == ()


def test_the_same_content_is_no_change(manual: Any) -> None:
    assert sop_changes(spec(manual), spec(manual)).empty
