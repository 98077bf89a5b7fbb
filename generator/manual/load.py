"""Read every file under `sop_defs/`, validate it, and assemble the Manual.

Gather, then judge: every file is read and checked, and all problems are
returned together, sorted by file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.attachments import logo_problem
from generator.data.cache import cached
from generator.data.check import FileType, validate
from generator.data.fsutil import walk_inside
from generator.data.gcpause import collector_paused, release_frozen
from generator.data.yamlload import LoadedFile, load_file
from generator.errors import Problem, errors_only, sort_problems
from generator.manual.checks import build_sop, check_manual, unused_entries
from generator.manual.model import (
    SLUG,
    Catalogue,
    Document,
    LegalBasis,
    Manual,
    Organisation,
    Role,
    Slug,
    SopFile,
)

SOP_DIR = "sop_defs"

CATALOGUES: dict[str, FileType[Any]] = {
    "_organisasi.yaml": FileType(Organisation),
    "_jabatan.yaml": FileType(dict[Slug, Role]),
    "_dasar_hukum.yaml": FileType(dict[Slug, LegalBasis]),
    "_dokumen.yaml": FileType(dict[Slug, Document]),
}
SOP_TYPE: FileType[SopFile] = FileType(SopFile)


def _aliases(*models: type) -> set[str]:
    keys: set[str] = set()
    for model in models:
        for info in model.model_fields.values():  # type: ignore[attr-defined]
            keys.add(info.alias or "")
    return keys


def known_keys() -> set[str]:
    from generator.manual import model

    return _aliases(
        model.SopFile, model.Step, model.Decision, model.Official,
        model.Organisation, model.Role, model.LegalBasis, model.Document,
    )


@dataclass(frozen=True)
class SourceFile:
    """A data file: the repository folder and the file's path inside it (also its name in messages)."""

    root: Path
    shown_as: str

    @property
    def path(self) -> Path:
        return self.root / self.shown_as


def discover(root: Path) -> tuple[list[SourceFile], list[SourceFile], list[Problem]]:
    """Catalogue files and SOP files under `root/sop_defs`, in a stable order, and the files refused.

    Symlinks are reported and never followed, so a link cannot pull a file from outside into the site.
    """
    files, refused = walk_inside(root, SOP_DIR)
    catalogue, sops, problems = [], [], [Problem.whole_file(rel, reason) for rel, reason in refused]
    for rel in files:
        parts = rel.split("/")[1:]
        if parts[-1].endswith(".yml"):
            problems.append(Problem.whole_file(rel, "gunakan akhiran `.yaml`, bukan `.yml`"))
        elif not parts[-1].endswith(".yaml"):
            continue  # images (the logo) and notes may sit beside the data
        elif len(parts) == 1:
            catalogue.append(SourceFile(root, rel))
        elif len(parts) > 2:
            problems.append(Problem.whole_file(rel, "SOP harus berada tepat satu folder di bawah `sop_defs/` (sop_defs/<unit>/<sop>.yaml)"))
        elif parts[-1].startswith("_"):
            problems.append(Problem.whole_file(rel, "berkas katalog (`_*.yaml`) harus berada langsung di `sop_defs/`"))
        else:
            sops.append(SourceFile(root, rel))
    return catalogue, sops, problems


@collector_paused
def load_manual(root: Path, warnings: bool = True) -> tuple[Manual | None, list[Problem]]:
    """Load and validate everything; the Manual is None when any error was found.

    `warnings=False` skips the unused-entry check, which only `sopgen validate` prints.
    """
    release_frozen()  # a new load: the previous build's frozen objects may be garbage now
    base = root / SOP_DIR
    if not base.is_dir():
        return None, [Problem.whole_file(SOP_DIR, f"folder `{SOP_DIR}/` tidak ditemukan di {root}")]
    catalogue_files, sop_files, problems = discover(root)
    catalogue, found, catalogue_loaded = _load_catalogue(root, catalogue_files)
    problems += found
    keys = known_keys()
    sop_ids = {source.path.stem for source in sop_files}
    sops = []
    loaded_by_path: dict[str, LoadedFile] = {}
    for source in sop_files:
        loaded, spec, found = cached(
            root, source.shown_as, "sop", lambda content, source=source: parse_file(source, SOP_TYPE, keys, content)
        )
        problems += found
        if loaded is None:
            continue
        loaded_by_path[source.shown_as] = loaded
        problems += _check_place(source, loaded)
        if spec is not None and catalogue is not None:
            sop, found = build_sop(loaded, spec, catalogue, sop_ids)
            problems += found
            if sop is not None:
                sops.append(sop)
    manual = None
    if catalogue is not None:
        manual, found = check_manual(catalogue, sops, loaded_by_path)
        problems += found
        if warnings and not errors_only(problems):
            problems += unused_entries(manual, catalogue_loaded)
    problems = sort_problems(problems)
    return (None if errors_only(problems) else manual), problems


def parse_file(
    source: SourceFile, file_type: FileType[Any], keys: set[str], content: bytes | None = None
) -> tuple[LoadedFile | None, Any, list[Problem]]:
    """Read and type-check one file: the part of validation that depends on this file alone."""
    loaded, problems = load_file(source.root, source.shown_as, content)
    if loaded is None:
        return None, None, problems
    value, problems = validate(file_type, loaded, keys)
    return loaded, value, problems


def _load_catalogue(
    root: Path, files: list[SourceFile]
) -> tuple[Catalogue | None, list[Problem], dict[str, LoadedFile]]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    loaded_files: dict[str, LoadedFile] = {}
    keys = known_keys()
    for source in files:
        name = source.path.name
        if name not in CATALOGUES:
            problems.append(
                Problem.whole_file(source.shown_as, f"berkas katalog tidak dikenal; nama yang dikenal: {', '.join(CATALOGUES)}")
            )
            continue
        loaded, found = load_file(source.root, source.shown_as)
        problems += found
        if loaded is None:
            continue
        loaded_files[name] = loaded
        if loaded.data is None and name != "_organisasi.yaml":
            values[name] = {}
            continue
        value, found = validate(CATALOGUES[name], loaded, keys)
        problems += found
        if isinstance(value, Organisation) and value.logo:
            problem = logo_problem(root, value.logo)
            if problem:
                problems.append(loaded.problem(("logo",), problem))
        if value is not None:
            values[name] = value
    if problems:
        return None, problems, loaded_files  # cross-references against a broken catalogue would only add noise
    if "_organisasi.yaml" not in values:
        if not any(s.path.name == "_organisasi.yaml" for s in files):
            problems.append(
                Problem.whole_file(f"{SOP_DIR}/_organisasi.yaml", "berkas organisasi tidak ada (pemerintah, instansi, kepala)")
            )
        return None, problems, loaded_files
    catalogue = Catalogue(
        organisation=values["_organisasi.yaml"],
        roles=values.get("_jabatan.yaml", {}),
        legal_bases=values.get("_dasar_hukum.yaml", {}),
        documents=values.get("_dokumen.yaml", {}),
    )
    return catalogue, problems, loaded_files


def _check_place(source: SourceFile, loaded: LoadedFile) -> list[Problem]:
    problems = []
    for part, what in ((source.path.parent.name, "folder unit"), (source.path.stem, "nama berkas SOP")):
        if not SLUG.match(part):
            problems.append(
                Problem.whole_file(source.shown_as, f"{what} `{part}` tidak sah: gunakan huruf kecil, angka dan tanda `-` saja")
            )
    return problems
