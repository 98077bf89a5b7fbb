"""What a commit changed in one SOP file, as short lines an SOP owner would say: "langkah 3 waktu: 2 jam → 3 jam".

For the audit page, under each changed file. Steps are matched as `changes.sop_changes` matches them (by activity),
so a step inserted in the middle is one step added, not every later step changed. Lines come in the form's order
(identity, then steps in the new version's order) and are capped, so a rewrite does not flood the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from generator.data.yamldiff import capped, new_text, pair, short
from generator.manual.changes import FieldChange, sop_changes, value_text
from generator.manual.model import OutsideRef, SopFile, Step, as_actors

# The identity fields compared value against value, in the form's order, with the words an owner uses.
SCALAR_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "nama"),
    ("number", "nomor"),
    ("unit", "unit"),
    ("sub_unit", "sub unit"),
    ("created", "tanggal pembuatan"),
    ("revised", "tanggal revisi"),
    ("effective", "mulai berlaku"),
    ("approved_by", "disahkan oleh"),
)
# Lists whose items are added and removed one by one: ids, and texts that may be one text or a list.
LIST_FIELDS: tuple[tuple[str, str], ...] = (
    ("legal_bases", "dasar hukum"),
    ("qualifications", "kualifikasi pelaksana"),
    ("related", "keterkaitan"),
    ("equipment", "peralatan/perlengkapan"),
    ("warning", "peringatan"),
    ("record_keeping", "pencatatan dan pendataan"),
    ("actors", "kolom pelaksana"),
)
LATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("cadence", "jadwal"),
    ("grace_days", "tenggat (hari)"),
    ("time_unit", "satuan waktu"),
    ("status", "status"),
    ("revoked_on", "tanggal dicabut"),
    ("replaced_by", "diganti oleh"),
)
ID_LISTS = frozenset({"legal_bases", "related", "actors"})
# More items changed than this reads as one line "diubah", not item by item.
ITEMS_SHOWN = 2


def sop_diff(old: SopFile | None, new: SopFile | None, role_names: Mapping[str, str] | None = None) -> list[str]:
    """The lines for one SOP file; None is "the file did not exist". `role_names` (role id -> the form's column
    name) shows actors as the form does; an id it does not know is shown as written."""
    names = role_names or {}
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return [f"SOP baru: {short(new.name)} ({len(new.steps)} langkah)"]
    if new is None:
        return [f"SOP dihapus: {short(old.name)}"]
    lines = _scalars(old, new, SCALAR_FIELDS)
    for attribute, label in LIST_FIELDS:
        show = (lambda item: names.get(item, item)) if attribute == "actors" else _item_text
        before, after = _items(getattr(old, attribute)), _items(getattr(new, attribute))
        lines += _list_lines(label, before, after, show, ids=attribute in ID_LISTS)
    lines += _scalars(old, new, LATE_FIELDS)
    lines += _step_lines(old, new, names)
    return capped(lines)


def _scalars(old: SopFile, new: SopFile, fields: tuple[tuple[str, str], ...]) -> list[str]:
    lines = []
    for attribute, label in fields:
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            lines.append(f"{label}: {pair(value_text(before), value_text(after))}")
    return lines


def _items(value: object) -> list[object]:
    """A list field's items; a field written as one text is one item."""
    return list(value) if isinstance(value, list) else [] if value is None else [value]


def _item_text(item: object) -> str:
    return item.text if isinstance(item, OutsideRef) else str(item)


def _list_lines(label: str, old: list[object], new: list[object], show: Callable[[object], str], ids: bool) -> list[str]:
    """Items added and removed; a reordering, a rewrite of many items, or a text edited (one text out, another in)
    is one line "diubah". Ids are whole names, so one replaced by another is said as such."""
    if old == new:
        return []
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    edited = added and removed and not ids
    if not added and not removed or edited or len(added) + len(removed) > ITEMS_SHOWN:
        return [f"{label} diubah"]
    return [f"{label} ditambah: {short(show(item))}" for item in added] + [
        f"{label} dihapus: {short(show(item))}" for item in removed
    ]


def _step_lines(old: SopFile, new: SopFile, names: Mapping[str, str]) -> list[str]:
    lines = []
    for change in sop_changes(old, new).steps:
        if change.kind == "ditambah" and change.new is not None:
            lines.append(f"langkah {change.new.number} ditambah: {short(change.new.activity)}")
        elif change.kind == "dihapus" and change.old is not None:
            lines.append(f"langkah {change.old.number} dihapus: {short(change.old.activity)}")
        elif change.old is not None and change.new is not None:
            lines += _changed_step(change.old, change.new, change.fields, names)
    return lines


def _changed_step(old: Step, new: Step, fields: Sequence[FieldChange], names: Mapping[str, str]) -> list[str]:
    """One line per changed cell of the row; the new number, since the page shows the new version."""
    lines = []
    for field in fields:
        word = field.label.lower()
        if field.label == "Pelaksana":
            before, after = (", ".join(names.get(a, a) for a in as_actors(s.actor)) for s in (old, new))
            lines.append(f"langkah {new.number} {word}: {pair(before, after)}")
        elif field.label == "Kegiatan":
            lines.append(f"langkah {new.number} kegiatan diubah: {new_text(old.activity, new.activity)}")
        else:
            lines.append(f"langkah {new.number} {word}: {pair(field.old, field.new)}")
    return lines
