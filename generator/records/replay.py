"""Replay a record against its SOP: each executed step must be the one the procedure leads to."""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.yamlload import Findings
from generator.manual.model import Sop
from generator.records.model import Record, RecordFile


def check_flow(out: Findings, spec: RecordFile, sop: Sop) -> None:
    """Replay the procedure: each executed step must be the one the SOP leads to."""
    steps = {s.number: s for s in sop.spec.steps}
    last = sop.spec.steps[-1].number
    expected: int | None = 1
    planned_from: int | None = None
    for i, execution in enumerate(spec.executions):
        step = steps.get(execution.step)
        if step is None:
            out.add(("pelaksanaan", i, "langkah"), f"langkah {execution.step} tidak ada di SOP `{sop.id}` (1-{last})")
            return
        if execution.start is None:
            if execution.end is not None:
                out.add(("pelaksanaan", i, "mulai"), "`selesai` terisi tetapi `mulai` kosong")
            planned_from = i if planned_from is None else planned_from
            continue
        if planned_from is not None:
            out.add(
                ("pelaksanaan", i, "mulai"),
                f"langkah yang sudah dimulai harus ditulis sebelum langkah yang belum dimulai (butir ke-{planned_from + 1})",
            )
            return
        if not execution.person:
            out.add(("pelaksanaan", i, "pelaksana"), "isi nama `pelaksana` untuk langkah yang sudah dimulai")
        if expected is None:
            out.add(("pelaksanaan", i, "langkah"), "prosedur sudah selesai pada baris sebelumnya; langkah ini berlebih")
            return
        if execution.step != expected:
            out.add(
                ("pelaksanaan", i, "langkah"),
                f"urutan langkah salah: setelah langkah sebelumnya yang diharapkan langkah {expected}, tertulis {execution.step}",
            )
            return
        if execution.end is not None and execution.end < execution.start:
            out.add(("pelaksanaan", i, "selesai"), "`selesai` lebih awal dari `mulai`")
        if step.decision is not None and execution.outcome is None and execution.end is not None:
            out.add(("pelaksanaan", i), f"langkah {step.number} adalah keputusan: isi `hasil: ya` atau `hasil: tidak`")
        if step.decision is None and execution.outcome is not None:
            out.add(("pelaksanaan", i, "hasil"), f"langkah {step.number} bukan langkah keputusan; hapus `hasil`")
        expected = next_step(step.number, execution.outcome, steps, last)


def next_step(number: int, outcome: str | None, steps: dict, last: int) -> int | None:  # type: ignore[type-arg]
    decision = steps[number].decision
    if decision is not None and outcome == "tidak":
        return decision.no
    if decision is not None and outcome == "ya" and decision.yes is not None:
        return decision.yes
    return number + 1 if number < last else None


def is_complete(record: Record) -> bool:
    """The procedure reached its end: the replay leads past the last step, which is finished."""
    steps = {s.number: s for s in record.sop.spec.steps}
    last = record.sop.spec.steps[-1].number
    expected: int | None = 1
    for execution in record.started:
        if execution.end is None:
            return False
        expected = next_step(execution.step, execution.outcome, steps, last)
    return bool(record.started) and expected is None




@dataclass(frozen=True)
class Progress:
    """Where a record stands: each step's state and the step that comes next (None once the procedure ended)."""

    states: dict[int, str]  # step number -> "selesai", "berjalan", "belum" or "diulang" (sent back by a "tidak")
    next: int | None
    running: bool  # `next` has started and is not finished yet


def progress(record: Record) -> Progress:
    """Replay the record: the states of its version's steps and what the staff do next."""
    steps = {s.number: s for s in record.sop.spec.steps}
    last = record.sop.spec.steps[-1].number
    states = dict.fromkeys(steps, "belum")
    expected: int | None = 1
    for execution in record.started:
        if execution.end is None:
            states[execution.step] = "berjalan"
            return Progress(states, execution.step, True)
        states[execution.step] = "selesai"
        expected = next_step(execution.step, execution.outcome, steps, last)
    if expected is not None and states.get(expected) == "selesai":
        states[expected] = "diulang"  # sent back by a "tidak": to be done again
    return Progress(states, expected, False)
