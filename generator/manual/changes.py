"""What a revision changed, in the SOP's own terms: fields of the form, and steps added, removed or changed.

Steps are matched by their activity text, not by number, so a step inserted in the middle reads as one
step added rather than every later step changed; decision targets are compared through that matching.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from pydantic import BaseModel

from generator.data.dates import PartialDate
from generator.manual.model import Decision, OutsideRef, SopFile, Step

# The form's own names for its fields; a field not named here is shown by its YAML key.
FIELD_LABELS = {
    "nama": "Nama SOP",
    "nomor": "Nomor SOP",
    "unit": "Unit",
    "sub_unit": "Sub unit",
    "tanggal_pembuatan": "Tanggal pembuatan",
    "tanggal_revisi": "Tanggal revisi",
    "tanggal_efektif": "Tanggal efektif",
    "disahkan_oleh": "Disahkan oleh",
    "dasar_hukum": "Dasar hukum",
    "kualifikasi_pelaksana": "Kualifikasi pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan pendataan",
    "jadwal": "Jadwal",
    "tenggat_hari": "Tenggat (hari)",
    "pelaksana": "Pelaksana (kolom)",
    "satuan_waktu": "Satuan waktu",
    "kegiatan": "Kegiatan",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
    "keputusan": "Keputusan",
    "status": "Status",
    "tanggal_dicabut": "Tanggal dicabut",
    "diganti_oleh": "Diganti oleh",
}
STEP_LABELS = FIELD_LABELS | {"pelaksana": "Pelaksana"}
# Below this similarity two different activities are one step removed and another added, not one changed.
SAME_STEP_RATIO = 0.5


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class StepChange:
    """`kind` is "ditambah", "dihapus" or "diubah"; `old`/`new` are the step in each version (None when absent)."""

    kind: str
    old: Step | None
    new: Step | None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class SopChanges:
    fields: tuple[FieldChange, ...]
    steps: tuple[StepChange, ...]

    @property
    def empty(self) -> bool:
        return not self.fields and not self.steps

    def count(self, kind: str) -> int:
        return sum(1 for change in self.steps if change.kind == kind)

    @property
    def summary(self) -> str:
        """"1 langkah ditambah, 2 langkah diubah, 1 isian identitas diubah": what changed, counted."""
        parts = [f"{n} langkah {kind}" for kind in ("ditambah", "dihapus", "diubah") if (n := self.count(kind))]
        if self.fields:
            parts.append(f"{len(self.fields)} isian identitas diubah")
        return ", ".join(parts) or "isi sama dengan versi sebelumnya"


def sop_changes(old: SopFile, new: SopFile) -> SopChanges:
    """What `new` changed from `old`: the form's fields, then the steps in the new version's order."""
    # A bare number in `waktu` counts in `satuan_waktu`: compare times as the form shows them.
    before = [_with_unit(step, old.time_unit) for step in old.steps]
    after = [_with_unit(step, new.time_unit) for step in new.steps]
    return SopChanges(_field_changes(old, new, exclude={"steps"}), tuple(_step_changes(before, after)))


def _with_unit(step: Step, unit: str | None) -> Step:
    if isinstance(step.time, int | float) and not isinstance(step.time, bool) and unit:
        return step.model_copy(update={"time": f"{step.time:g} {unit}"})
    return step


def value_text(value: object) -> str:
    """A field's value as the form shows it; "–" for nothing."""
    if value is None or value == [] or value == "":
        return "–"
    if isinstance(value, PartialDate):
        return value.format()
    if isinstance(value, OutsideRef):
        return value.text
    if isinstance(value, Decision):
        return _decision_text(value)
    if isinstance(value, BaseModel):
        return ", ".join(value_text(v) for v in value.model_dump(by_alias=False).values() if v is not None)
    if isinstance(value, list | tuple):
        return "; ".join(value_text(item) for item in value)
    return str(value)


def _decision_text(decision: Decision) -> str:
    parts = [decision.question or "(pertanyaan = kegiatan)"]
    parts.append(f"Ya: langkah {decision.yes}" if decision.yes is not None else "Ya: langkah berikutnya")
    if decision.no is not None:
        parts.append(f"Tidak: langkah {decision.no}")
    return "; ".join(parts)


def _field_changes(
    old: BaseModel, new: BaseModel, exclude: Iterable[str] = (), labels: dict[str, str] = FIELD_LABELS
) -> tuple[FieldChange, ...]:
    changes = []
    for name, info in type(new).model_fields.items():
        if name in exclude:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            key = info.alias or name
            changes.append(FieldChange(labels.get(key, key), value_text(before), value_text(after)))
    return tuple(changes)


def _step_changes(old: list[Step], new: list[Step]) -> list[StepChange]:
    pairs = _match(old, new)
    renumber = {o.number: n.number for o, n in pairs if o is not None and n is not None}
    changes = []
    for before, after in pairs:
        if before is None:
            changes.append(StepChange("ditambah", None, after))
        elif after is None:
            changes.append(StepChange("dihapus", before, None))
        elif fields := _step_fields(before, after, renumber):
            changes.append(StepChange("diubah", before, after, fields))
    return changes


def _step_fields(old: Step, new: Step, renumber: dict[int, int]) -> tuple[FieldChange, ...]:
    # A decision that still leads to the same (renumbered) steps has not changed.
    moved = old.model_copy(update={"number": new.number, "decision": _renumbered(old.decision, renumber)})
    return _field_changes(moved, new, exclude={"number"}, labels=STEP_LABELS)


def _renumbered(decision: Decision | None, renumber: dict[int, int]) -> Decision | None:
    if decision is None:
        return None
    return decision.model_copy(update={
        "yes": renumber.get(decision.yes, decision.yes) if decision.yes is not None else None,
        "no": renumber.get(decision.no, decision.no) if decision.no is not None else None,
    })


def _match(old: list[Step], new: list[Step]) -> list[tuple[Step | None, Step | None]]:
    """Old and new steps paired by activity, in order; an unpaired step stands alone."""
    matcher = SequenceMatcher(None, [s.activity for s in old], [s.activity for s in new], autojunk=False)
    pairs: list[tuple[Step | None, Step | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            pairs.extend(_pair_similar(old[i1:i2], new[j1:j2]))
    return pairs


def _pair_similar(old: list[Step], new: list[Step]) -> list[tuple[Step | None, Step | None]]:
    """A replaced block: steps at the same place whose activities are alike are one step changed."""
    pairs: list[tuple[Step | None, Step | None]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if _similar(old[i].activity, new[j].activity):
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif j + 1 < len(new) and _similar(old[i].activity, new[j + 1].activity):
            pairs.append((None, new[j]))
            j += 1
        else:
            pairs.append((old[i], None))
            i += 1
    pairs.extend((step, None) for step in old[i:])
    pairs.extend((None, step) for step in new[j:])
    return pairs


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= SAME_STEP_RATIO
