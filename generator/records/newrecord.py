"""The text of a new, pre-filled record file for one SOP and period."""

from __future__ import annotations

from generator.manual.model import Manual, Sop
from generator.records.periods import Period


def record_path(sop: Sop, period: Period) -> str:
    return f"records/{period.year}/{period.folder}/{sop.id}.yaml"


def new_record_text(manual: Manual, sop: Sop, period: Period) -> str:
    roles = manual.catalogue.roles
    lines = [
        "# yaml-language-server: $schema=../../../schema/rekaman.schema.json",
        f"# Rekaman pelaksanaan SOP {sop.spec.name}, {period.label}.",
        "# Isi `mulai`, `selesai` (TTTT-BB-HH, atau TTTT-BB-HH JJ:MM) dan `pelaksana` (nama) setiap langkah",
        "# yang sudah dikerjakan; langkah yang `mulai`-nya kosong dianggap belum dimulai.",
        "# Langkah keputusan memerlukan `hasil: ya` atau `hasil: tidak`. Bila hasilnya `tidak`,",
        "# tulis lagi langkah-langkah yang diulang (putaran revisi) sesuai urutannya.",
        "# Dokumen yang dihasilkan dicatat di bawah langkahnya:",
        "#   dokumen:",
        "#     - jenis: lkj            # id dokumen dari sop_defs/_dokumen.yaml atau teks bebas",
        "#       judul: ...",
        "#       nomor: ...            # opsional",
        "#       tanggal: 2025-10-01",
        "#       berkas: records/<tahun>/<periode>/lampiran/nama-berkas.pdf   # opsional",
        f"sop: {sop.id}",
        f"periode: {period.code}",
        "pelaksanaan:",
    ]
    for step in sop.spec.steps:
        lines.append(f"  # {step.number}. {_shortened(step.activity)} ({roles[step.actor].abbreviation})")
        lines.append(f"  - langkah: {step.number}")
        lines.append("    mulai:")
        lines.append("    selesai:")
        lines.append("    pelaksana:")
        if step.decision is not None:
            lines.append(f"    hasil:        # ya / tidak: {' '.join(step.decision.question.split())}")
    return "\n".join(lines) + "\n"


def _shortened(text: str, width: int = 90) -> str:
    words = " ".join(text.split())
    return words if len(words) <= width else words[:width].rstrip() + "…"
