"""What a commit changed in any YAML data file, as short lines; and the line helpers every kind of file shares.

The fallback for files with no description of their own (catalogues, monitoring notes, performance data, a version
that no longer validates): the top-level keys added, removed or changed, and one level further for a mapping of
entries (a catalogue's `jabatan: {kadis: …}`). Settings that are not data are compared line by line (`text_diff`).
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

MAX_LINES = 12
SHORT = 60  # characters of a quoted text: enough to recognise it, short enough to scan a page of changes
ARROW = " → "


def short(text: str, limit: int = SHORT) -> str:
    """One line of at most `limit` characters: whitespace folded, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def pair(old: str, new: str, limit: int = 30) -> str:
    """"old → new", each cut to `limit`; when they differ only past the cut, both are shown from where they part."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if short(old, limit) != short(new, limit) or old == new:
        return f"{short(old, limit)}{ARROW}{short(new, limit)}"
    start = _parting(old, new)
    return f"…{short(old[start:], limit - 1)}{ARROW}…{short(new[start:], limit - 1)}"


def new_text(old: str, new: str, limit: int = SHORT) -> str:
    """The new text cut to `limit`, from where it parts from the old one when that lies past the cut."""
    new = " ".join(new.split())
    start = _parting(" ".join(old.split()), new)
    return short(new, limit) if start < limit * 2 // 3 else "…" + short(new[start:], limit - 1)


def _parting(old: str, new: str) -> int:
    """Where the word in which two texts first differ begins."""
    same = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    return new.rfind(" ", 0, same) + 1


def capped(lines: Sequence[str], limit: int = MAX_LINES) -> list[str]:
    """At most `limit` lines: the first ones, then "dan N perubahan lain"."""
    if len(lines) <= limit:
        return list(lines)
    return [*lines[: limit - 1], f"dan {len(lines) - limit + 1} perubahan lain"]


def text_diff(old: str, new: str) -> list[str]:
    """Lines removed and added, in the file's order; blank lines left out. For settings that are not data
    (CODEOWNERS, allowed_signers, mkdocs.yml), where each line is one rule."""
    before = [line.strip() for line in old.splitlines() if line.strip()]
    after = [line.strip() for line in new.splitlines() if line.strip()]
    lines = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            lines += [f"baris dihapus: {short(line)}" for line in before[i1:i2]]
            lines += [f"baris ditambah: {short(line)}" for line in after[j1:j2]]
    return lines


def yaml_diff(old: Any, new: Any, absent: tuple[bool, bool] = (False, False)) -> list[str]:
    """Lines for two loaded YAML values; `absent` says which side is a file that did not exist."""
    if absent == (True, True):
        return []
    if absent[0]:
        return ["berkas baru"]
    if absent[1]:
        return ["berkas dihapus"]
    if old == new:
        return []
    if not isinstance(old, dict) or not isinstance(new, dict):
        return ["isi diubah"]
    lines = []
    for key in _keys(old, new):
        label = short(str(key), 30)
        if key not in old:
            lines.append(f"{label} ditambah" + _scalar_tail(new[key], ": ") + _name_tail(new[key]))
        elif key not in new:
            lines.append(f"{label} dihapus" + _name_tail(old[key]))
        elif old[key] != new[key]:
            lines += _changed(label, old[key], new[key])
    return capped(lines)


def _keys(old: dict[Any, Any], new: dict[Any, Any]) -> list[Any]:
    """The new file's keys in its order, then the removed ones in the old file's order."""
    return [*new, *(key for key in old if key not in new)]


def _changed(label: str, old: Any, new: Any) -> list[str]:
    if _is_scalar(old) and _is_scalar(new):
        return [f"{label}: {pair(_plain_text(old), _plain_text(new))}"]
    if isinstance(old, dict) and isinstance(new, dict):  # an entry of a catalogue: its own keys, one level down
        lines = []
        for key in _keys(old, new):
            inner = f"{label} › {short(str(key), 30)}"
            if key not in old:
                lines.append(f"{inner} ditambah" + _scalar_tail(new[key], ": "))
            elif key not in new:
                lines.append(f"{inner} dihapus")
            elif old[key] != new[key]:
                both = _is_scalar(old[key]) and _is_scalar(new[key])
                lines.append(f"{inner}: {pair(_plain_text(old[key]), _plain_text(new[key]))}" if both else f"{inner} diubah")
        return lines
    if isinstance(old, list) and isinstance(new, list) and len(old) != len(new):
        return [f"{label} diubah: {len(old)}{ARROW}{len(new)} butir"]
    return [f"{label} diubah"]


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _scalar_tail(value: Any, before: str) -> str:
    return f"{before}{_text(value)}" if _is_scalar(value) else ""


def _name_tail(value: Any) -> str:
    """": <nama>" of a catalogue entry (a role, a document), so an added id reads as what it is."""
    name = value.get("nama", value.get("judul")) if isinstance(value, dict) else None
    return f": {short(str(name), 40)}" if _is_scalar(name) and name not in (None, "") else ""


def _text(value: Any) -> str:
    return short(_plain_text(value), 30)


def _plain_text(value: Any) -> str:
    return "–" if value is None or value == "" else str(value)
