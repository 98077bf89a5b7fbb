"""The text of a new, pre-filled record file for one SOP and period (or one insidental run)."""

from __future__ import annotations

from pathlib import Path

from generator.data.dates import format_date
from generator.manual.model import Manual, Sop
from generator.records.periods import Period, run_file_name

# An insidental day rarely sees more runs than this; past it the editor is asked to look at the folder.
MAX_RUNS_PER_DAY = 99


def record_path(sop: Sop, period: Period, number: int = 1) -> str:
    """Where the record goes; `number` is the run of that day for an insidental SOP (2 -> `2025-09-03-2.yaml`)."""
    if period.day is not None:
        return f"records/{period.year}/{period.folder}/{sop.id}/{run_file_name(period.day, number)}"
    return f"records/{period.year}/{period.folder}/{sop.id}.yaml"


def free_record_path(root: Path, sop: Sop, period: Period) -> str | None:
    """The path for a new record: a scheduled period has one place; a run takes the day's first free name.

    None when that place is taken (a scheduled period's record exists, or the day already has
    MAX_RUNS_PER_DAY runs).
    """
    last = MAX_RUNS_PER_DAY if period.day is not None else 1
    for number in range(1, last + 1):
        rel = record_path(sop, period, number)
        if not (root / rel).exists():
            return rel
    return None


def new_record_text(manual: Manual, sop: Sop, period: Period) -> str:
    roles = manual.catalogue_of(sop).roles
    run = period.day is not None
    # The schema path is relative to the record: insidental records sit one folder deeper.
    schema = "../" * (4 if run else 3) + "schema/rekaman.schema.json"
    attachments = f"records/{period.year}/{period.folder}/{sop.id + '/' if run else ''}lampiran/nama-berkas.pdf"
    heading = (
        f"# Rekaman pelaksanaan SOP {sop.spec.name} yang dimulai {format_date(period.day)}."
        if run
        else f"# Rekaman pelaksanaan SOP {sop.spec.name}, {period.label}."
    )
    lines = [f"# yaml-language-server: $schema={schema}", heading]
    if run:
        lines += [
            "# `periode` adalah tanggal pelaksanaan dimulai dan sama dengan nama berkas; pelaksanaan kedua",
            "# pada hari yang sama disimpan sebagai <tanggal>-2.yaml.",
        ]
    lines += [
        "# Isi `mulai`, `selesai` (TTTT-BB-HH, atau TTTT-BB-HH JJ:MM) dan `pelaksana` (nama) setiap langkah",
        "# yang sudah dikerjakan; langkah yang `mulai`-nya kosong dianggap belum dimulai.",
        "# Langkah keputusan memerlukan `hasil: ya` atau `hasil: tidak`. Bila hasilnya `tidak`,",
        "# tulis lagi langkah-langkah yang diulang (putaran revisi) sesuai urutannya.",
        "# Dokumen yang dihasilkan dicatat di bawah langkahnya:",
        "#   dokumen:",
        "#     - jenis: lkj            # id dokumen dari katalog dokumen, atau teks bebas",
        "#       judul: ...",
        "#       nomor: ...            # opsional",
        f"#       tanggal: {period.start.isoformat()}",
        f"#       berkas: {attachments}   # opsional",
        f"sop: {sop.id}",
        f"periode: {period.code}",
        "pelaksanaan:",
    ]
    for step in sop.spec.steps:
        actors = " / ".join(roles[actor].abbreviation for actor in step.actors)
        lines.append(f"  # {step.number}. {_shortened(step.activity)} ({actors})")
        lines.append(f"  - langkah: {step.number}")
        lines.append("    mulai:")
        lines.append("    selesai:")
        lines.append("    pelaksana:")
        if step.decision is not None:
            # Without `pertanyaan` the question is the activity itself: shortened like the heading above.
            lines.append(f"    hasil:        # ya / tidak: {_shortened(step.question, 70)}")
    return "\n".join(lines) + "\n"


def _shortened(text: str, width: int = 90) -> str:
    words = " ".join(text.split())
    return words if len(words) <= width else words[:width].rstrip() + "…"
