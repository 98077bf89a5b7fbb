"""Where data files sit under `sop_defs/`: the government and shared catalogues, agencies, units and SOPs.

    sop_defs/_pemerintah.yaml, _jabatan.yaml, _dasar_hukum.yaml, _dokumen.yaml
    sop_defs/_lke.yaml                          read by generator.performance, not by the manual
    sop_defs/<instansi>/_instansi.yaml
    sop_defs/<instansi>/_kinerja.yaml                 performance indicators (read by generator.performance)
    sop_defs/<instansi>/<unit>/<id-sop>.yaml

Must not import the model or the checks: this module only sorts paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.data.fsutil import walk_inside
from generator.errors import Problem

SOP_DIR = "sop_defs"
GOVERNMENT_FILE = "_pemerintah.yaml"
AGENCY_FILE = "_instansi.yaml"
PERFORMANCE_FILE = "_kinerja.yaml"  # an agency's Renstra indicators: generator.performance reads it
SHARED_CATALOGUES = ("_jabatan.yaml", "_dasar_hukum.yaml", "_dokumen.yaml")
LKE_FILE = "_lke.yaml"  # the Evaluasi AKIP criteria: its place is known here, its content is generator.performance's
OLD_ORGANISATION_FILE = "_organisasi.yaml"

MOVE_ADVICE = (
    "susunan lama (satu instansi) ditemukan; pindahkan ke susunan banyak instansi: "
    "(1) buat sop_defs/_pemerintah.yaml berisi `pemerintah` (dan `logo` bila ada); "
    "(2) buat sop_defs/<instansi>/_instansi.yaml berisi `nama` (isi `instansi` lama), `singkatan` dan `kepala`; "
    "(3) `git mv sop_defs/<unit> sop_defs/<instansi>/<unit>` untuk setiap folder unit; "
    "(4) hapus sop_defs/_organisasi.yaml. Lihat Panduan Editor, bagian \"Pindah dari susunan lama\""
)


@dataclass(frozen=True)
class SourceFile:
    """A data file: the repository folder and the file's path inside it (also its name in messages)."""

    root: Path
    shown_as: str

    @property
    def path(self) -> Path:
        return self.root / self.shown_as

    @property
    def stem(self) -> str:
        """The file name without its suffix: an SOP's id (string work: thousands are asked for at once)."""
        return self.shown_as.rsplit("/", 1)[-1].rsplit(".", 1)[0]

    @property
    def parts(self) -> list[str]:
        """The path below `sop_defs/` (or `records/`), split."""
        return self.shown_as.split("/")[1:]


@dataclass
class Layout:
    """The data files found, sorted by role, and the files refused for their place or name."""

    government: SourceFile | None = None
    catalogues: list[SourceFile] = field(default_factory=list)  # the shared ones
    agencies: list[SourceFile] = field(default_factory=list)  # one _instansi.yaml per agency folder
    sops: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def discover(root: Path) -> Layout:
    """Every data file under `root/sop_defs`, in a stable order; symlinks are reported and never followed."""
    files, refused = walk_inside(root, SOP_DIR)
    layout = Layout(problems=[Problem.whole_file(rel, reason) for rel, reason in refused])
    agency_folders: set[str] = set()
    for rel in files:
        source = SourceFile(root, rel)
        parts = source.parts
        if parts[-1].endswith(".yml"):
            layout.problems.append(Problem.whole_file(rel, "gunakan akhiran `.yaml`, bukan `.yml`"))
        elif not parts[-1].endswith(".yaml"):
            continue  # images (the logo) and notes may sit beside the data
        elif len(parts) == 1:
            _top_level(layout, source)
        elif len(parts) == 2 and parts[1] == AGENCY_FILE:
            layout.agencies.append(source)
        elif len(parts) == 2 and parts[1] == PERFORMANCE_FILE:
            continue  # not part of the manual: generator.performance finds and checks it
        elif len(parts) == 3 and not parts[-1].startswith("_"):
            layout.sops.append(source)
            agency_folders.add(parts[0])
        else:
            layout.problems.append(Problem.whole_file(rel, _misplaced(parts)))
    with_file = {source.parts[0] for source in layout.agencies}
    for folder in sorted(agency_folders - with_file):
        layout.problems.append(
            Problem.whole_file(
                f"{SOP_DIR}/{folder}/{AGENCY_FILE}",
                f"folder instansi `{folder}` berisi SOP tetapi tidak punya {AGENCY_FILE} (nama, singkatan, kepala)",
            )
        )
    return layout


def _top_level(layout: Layout, source: SourceFile) -> None:
    name = source.parts[0]
    if name == GOVERNMENT_FILE:
        layout.government = source
    elif name in SHARED_CATALOGUES:
        layout.catalogues.append(source)
    elif name == LKE_FILE:
        pass  # generator.performance.lke_load reads and checks it
    elif name == OLD_ORGANISATION_FILE:
        layout.problems.append(Problem.whole_file(source.shown_as, MOVE_ADVICE))
    else:
        known = ", ".join((GOVERNMENT_FILE, *SHARED_CATALOGUES, LKE_FILE))
        layout.problems.append(Problem.whole_file(source.shown_as, f"berkas katalog tidak dikenal; nama yang dikenal: {known}"))


def _misplaced(parts: list[str]) -> str:
    if len(parts) == 2 and not parts[1].startswith("_"):
        return (
            "SOP harus berada di sop_defs/<instansi>/<unit>/<id-sop>.yaml; "
            "berkas ini tampaknya dari susunan lama (sop_defs/<unit>/): lihat Panduan Editor, bagian \"Pindah dari susunan lama\""
        )
    if parts[-1].startswith("_"):
        return (
            f"berkas `_*.yaml` hanya boleh {GOVERNMENT_FILE} dan katalog bersama langsung di sop_defs/, "
            f"atau {AGENCY_FILE} dan {PERFORMANCE_FILE} di sop_defs/<instansi>/"
        )
    return "SOP harus berada tepat di sop_defs/<instansi>/<unit>/<id-sop>.yaml"
