"""What a commit changed in one execution record, as short lines: "langkah 3 selesai: – → 5 Oktober 2026 08.00".

Executions are matched by step number and, for a step run again after a "tidak" (a revision round), by how
many times that step ran before; documents by their title.
"""

from __future__ import annotations

from generator.data.yamldiff import ARROW, capped, pair, short
from generator.records.model import Execution, ProducedDocument, RecordFile
from generator.records.moments import Moment

# An execution's cells, in the order the record page shows them.
EXECUTION_FIELDS: tuple[tuple[str, str], ...] = (
    ("start", "mulai"),
    ("end", "selesai"),
    ("person", "pelaksana"),
    ("nip", "NIP"),
    ("outcome", "hasil"),
    ("note", "catatan"),
)


def record_diff(old: RecordFile | None, new: RecordFile | None) -> list[str]:
    """The lines for one record file; None is "the file did not exist"."""
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        started = sum(1 for execution in new.executions if execution.start is not None)
        return [f"rekaman baru: {new.period.label}, {started} langkah dicatat"]
    if new is None:
        return [f"rekaman dihapus: {old.period.label}"]
    lines = []
    if old.sop != new.sop:
        lines.append(f"SOP: {pair(old.sop, new.sop)}")
    if old.period != new.period:
        lines.append(f"periode: {old.period.label}{ARROW}{new.period.label}")
    if old.example != new.example:
        lines.append("ditandai sebagai contoh" if new.example else "tanda contoh dicabut")
    if old.status != new.status:
        lines.append(f"status: {old.status or 'berjalan'}{ARROW}{new.status or 'berjalan'}")
    if old.reason != new.reason:
        lines.append(f"alasan: {pair(_text(old.reason), _text(new.reason))}")
    lines += _execution_lines(old.executions, new.executions)
    return capped(lines)


def _keyed(executions: list[Execution]) -> dict[tuple[int, int], Execution]:
    """(step, how many times it ran before) -> the execution: a second round of step 4 is (4, 1)."""
    seen: dict[int, int] = {}
    found = {}
    for execution in executions:
        round_ = seen.get(execution.step, 0)
        seen[execution.step] = round_ + 1
        found[(execution.step, round_)] = execution
    return found


def _execution_lines(old: list[Execution], new: list[Execution]) -> list[str]:
    before, after = _keyed(old), _keyed(new)
    lines = []
    for key in sorted(before.keys() | after.keys()):
        name = f"langkah {key[0]}" + (f" (putaran {key[1] + 1})" if key[1] else "")
        was, now = before.get(key), after.get(key)
        if was is None and now is not None:
            lines.append(f"{name} dicatat" + (f": mulai {now.start.format()}" if now.start else " (rencana)"))
            lines += [f"{name} dokumen ditambah: {short(d.title)}" for d in now.documents]
        elif now is None and was is not None:
            lines.append(f"{name} dihapus dari rekaman")
        elif was is not None and now is not None and was != now:
            lines += _changed_execution(name, was, now)
    return lines


def _changed_execution(name: str, old: Execution, new: Execution) -> list[str]:
    lines = []
    for attribute, label in EXECUTION_FIELDS:
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            lines.append(f"{name} {label}: {pair(_text(before), _text(after))}")
    lines += _document_lines(name, old.documents, new.documents)
    return lines


def _document_lines(name: str, old: list[ProducedDocument], new: list[ProducedDocument]) -> list[str]:
    before = {d.title: d for d in old}
    after = {d.title: d for d in new}
    lines = [f"{name} dokumen ditambah: {short(d.title)}" for title, d in after.items() if title not in before]
    lines += [f"{name} dokumen dihapus: {short(d.title)}" for title, d in before.items() if title not in after]
    for title, document in after.items():
        if title in before and before[title] != document:
            fields = ", ".join(key for key, value in document.model_dump(by_alias=True).items()
                               if before[title].model_dump(by_alias=True)[key] != value)
            lines.append(f"{name} dokumen diubah ({fields}): {short(title)}")
    return lines


def _text(value: object) -> str:
    """A cell as the record page shows it: a moment in Indonesian, "–" for nothing."""
    if value is None or value == "":
        return "–"
    return value.format() if isinstance(value, Moment) else str(value)
