"""Read and check `sop_defs/_lke.yaml`: its shape and weights alone first, then the ids it names against the manual.

Two steps because the manual's unused-entry warnings must know which documents the LKE asks for, while
the LKE's document and SOP ids can only be judged once the manual is read. Ids are read from the file as
written, so a file with a schema error still has its unknown ids and duplicates reported in the same run.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.check import FileType, validate
from generator.data.yamlload import Findings, LoadedFile, Path_, load_file
from generator.errors import Problem, errors_only
from generator.manual.layout import LKE_FILE, SOP_DIR
from generator.manual.model import SLUG
from generator.performance.lke import TOTAL_WEIGHT, Lke, lke_keys, weight_text

LKE_PATH = f"{SOP_DIR}/{LKE_FILE}"
LKE_TYPE: FileType[Lke] = FileType(Lke)
DOCUMENT_FILE = f"{SOP_DIR}/_dokumen.yaml"


@dataclass(frozen=True)
class LkeRead:
    """The LKE file as read and checked on its own; `lke` is None when it is absent or has an error."""

    loaded: LoadedFile | None = None
    lke: Lke | None = None
    problems: tuple[Problem, ...] = ()

    def named(self) -> dict[str, set[str]]:
        """The catalogue ids the file names, by kind: used although no SOP names them."""
        data = self.loaded.data if self.loaded is not None else None
        return {"dokumen": {ref for _, kind, ref in _references(data) if kind == "dokumen"}}


def read_lke(root: Path) -> LkeRead:
    """The file's syntax, keys, weights and criterion ids; nothing when the file is absent.

    A symlink in its place is the layout's to report (data files are never read through links).
    """
    path = root / LKE_PATH
    if path.is_symlink() or not path.exists():
        return LkeRead()
    loaded, problems = load_file(root, LKE_PATH)
    if loaded is None:
        return LkeRead(problems=tuple(problems))
    lke, found = validate(LKE_TYPE, loaded, lke_keys())
    out = Findings(loaded)
    _check_criterion_ids(out, loaded)
    _check_repeats(out, loaded)
    if lke is not None:
        _check_weights(out, lke)
    problems = [*problems, *found, *out.problems]
    return LkeRead(loaded, None if errors_only(problems) else lke, tuple(problems))


def check_lke(
    read: LkeRead, documents: Collection[str] | None, sop_ids: Collection[str]
) -> tuple[Lke | None, list[Problem]]:
    """The LKE when every document and SOP id it names exists, and the problems of those ids.

    `documents` are the shared document catalogue's ids, None when that catalogue has an error (every id
    would look unknown); `sop_ids` every SOP of sop_defs/, valid or not.
    """
    if read.loaded is None:
        return None, []
    out = Findings(read.loaded)
    for loc, kind, ref in _references(read.loaded.data):
        if kind == "dokumen" and documents is not None and ref not in documents:
            out.add(loc, f"dokumen `{ref}` tidak ada di katalog dokumen ({DOCUMENT_FILE}){_nearest(ref, documents)}")
        elif kind == "sop" and ref not in sop_ids:
            out.add(loc, f"SOP `{ref}` tidak ada di {SOP_DIR}/ (id SOP adalah nama berkasnya tanpa .yaml){_nearest(ref, sop_ids)}")
    return (None if errors_only(out.problems) else read.lke), out.problems


def _nearest(written: str, known: Collection[str]) -> str:
    guess = difflib.get_close_matches(written, sorted(known), n=1, cutoff=0.6)
    return f"; maksud Anda `{guess[0]}`?" if guess else ""


def _check_weights(out: Findings, lke: Lke) -> None:
    """Components add up to 100, each component's subcomponents to the component's weight."""
    weights = [c.weight for c in lke.components.values()]
    if not math.isclose(sum(weights), TOTAL_WEIGHT, abs_tol=1e-9):
        out.add(("komponen",), f"jumlah bobot komponen {_sum_text(weights)}, seharusnya {TOTAL_WEIGHT}")
    for comp_id, component in lke.components.items():
        parts = [s.weight for s in component.subcomponents.values()]
        if not math.isclose(sum(parts), component.weight, abs_tol=1e-9):
            out.add(
                ("komponen", comp_id, "subkomponen"),
                f"jumlah bobot subkomponen {_sum_text(parts)}, seharusnya {weight_text(component.weight)} "
                f"(`bobot` komponen `{comp_id}`)",
            )


def _sum_text(weights: list[float]) -> str:
    """"29 (6 + 9 + 14)": the sum, and what it is made of."""
    return f"{weight_text(sum(weights))} ({' + '.join(weight_text(w) for w in weights)})"


def _check_criterion_ids(out: Findings, loaded: LoadedFile) -> None:
    """A criterion id is unique in the whole file: pages and links name a criterion by it alone."""
    first_line: dict[str, int] = {}
    for loc, item in _criteria(loaded.data):
        criterion_id = item.get("id")
        if not isinstance(criterion_id, str):
            continue
        if criterion_id in first_line:
            out.add(loc + ("id",), f"id kriteria `{criterion_id}` sudah dipakai di baris {first_line[criterion_id]}")
        else:
            first_line[criterion_id] = loaded.mark(loc + ("id",))[0]


def _check_repeats(out: Findings, loaded: LoadedFile) -> None:
    """One criterion names each document and SOP once."""
    for loc, item in _criteria(loaded.data):
        for key in ("dokumen", "sop"):
            refs = item.get(key)
            for i, ref in enumerate(refs) if isinstance(refs, list) else ():
                if isinstance(ref, str) and ref in refs[:i]:
                    out.add(loc + (key, i), f"`{ref}` disebut dua kali pada kriteria ini")


def _criteria(data: Any) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """(location, raw mapping) of each criterion, whatever is wrong around it."""
    components = data.get("komponen") if isinstance(data, dict) else None
    for comp_id, component in (components or {}).items() if isinstance(components, dict) else ():
        subs = component.get("subkomponen") if isinstance(component, dict) else None
        for sub_id, sub in subs.items() if isinstance(subs, dict) else ():
            items = sub.get("kriteria") if isinstance(sub, dict) else None
            for i, item in enumerate(items) if isinstance(items, list) else ():
                if isinstance(item, dict):
                    yield ("komponen", comp_id, "subkomponen", sub_id, "kriteria", i), item


def _references(data: Any) -> Iterator[tuple[Path_, str, str]]:
    """(location, kind, id) of each well-formed id the file names: documents (criteria and `masa_berlaku`) and SOPs."""
    validity = data.get("masa_berlaku") if isinstance(data, dict) else None
    for doc_id in validity if isinstance(validity, dict) else ():
        if isinstance(doc_id, str) and SLUG.fullmatch(doc_id):
            yield ("masa_berlaku", doc_id), "dokumen", doc_id
    for loc, item in _criteria(data):
        for key, kind in (("dokumen", "dokumen"), ("sop", "sop")):
            refs = item.get(key)
            for i, ref in enumerate(refs) if isinstance(refs, list) else ():
                if isinstance(ref, str) and SLUG.fullmatch(ref):
                    yield loc + (key, i), kind, ref
