"""A synthetic regency corpus in the project's own data format: N units x M SOPs plus 4 years of records.

Units are grouped into agencies (`opd-00`, `opd-01`, ...), a few units each, as in a regency.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

VERBS = ("Menyusun", "Memeriksa", "Mengumpulkan", "Menyerahkan", "Mengesahkan", "Mencetak", "Mengarsipkan", "Merekap")
OBJECTS = ("data kinerja", "konsep laporan", "nota dinas", "dokumen anggaran", "rencana kerja", "notulen rapat", "formulir")
UNITS = ("menit", "jam", "hari", "minggu")
YEARS = (2023, 2024, 2025, 2026)


def _catalogue(root: Path, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    sop_defs = root / "sop_defs"
    sop_defs.mkdir(parents=True)
    (sop_defs / "_pemerintah.yaml").write_text("pemerintah: Pemerintah Kabupaten Uji\n", encoding="utf-8")
    roles = [f"jabatan-{i}" for i in range(30)]
    (sop_defs / "_jabatan.yaml").write_text(
        "".join(f"{r}:\n  nama: Jabatan Uji {i}\n  singkatan: J{i}\n" for i, r in enumerate(roles)), encoding="utf-8")
    kinds = ("Undang-Undang", "Peraturan Pemerintah", "Peraturan Presiden", "Peraturan Menteri Dalam Negeri", "Peraturan Daerah", "Peraturan Bupati")
    bases = [f"dasar-{i}" for i in range(50)]
    (sop_defs / "_dasar_hukum.yaml").write_text(
        "".join(f"{b}:\n  jenis: {kinds[i % len(kinds)]}\n  nomor: {i + 1}\n  tahun: {2000 + i % 25}\n  tentang: Pokok Bahasan {i}\n"
                for i, b in enumerate(bases)), encoding="utf-8")
    docs = [f"dok-{i}" for i in range(20)]
    (sop_defs / "_dokumen.yaml").write_text("".join(f"{d}:\n  nama: Dokumen {i}\n" for i, d in enumerate(docs)), encoding="utf-8")
    return roles, bases, docs


def _sop(rng: random.Random, unit: int, roles: list[str], bases: list[str], docs: list[str], cadence: str) -> tuple[str, int]:
    actors = rng.sample(roles, rng.randint(3, 5))
    steps = rng.randint(5, 12)
    lines = [
        f"nama: Prosedur Uji {unit}-{rng.randint(0, 10**6)}", 'nomor: ""', f"unit: Unit Kerja {unit}",
        "tanggal_pembuatan: 2022-03-01", "tanggal_efektif: 2022-05-01",
        f"dasar_hukum: [{', '.join(rng.sample(bases, 3))}]",
        "kualifikasi_pelaksana:\n  - Memahami tugas\n  - Menguasai aplikasi perkantoran",
        f"keterkaitan: [{', '.join(rng.sample(docs, 2))}]",
        "peralatan_perlengkapan: [Komputer, Printer]", "peringatan: Harus selesai tepat waktu",
        "pencatatan_pendataan: Buku Dokumentasi", f"jadwal: {cadence}",
        f"pelaksana: [{', '.join(actors)}]", "langkah:",
    ]
    for n in range(1, steps + 1):
        lines += [f"  - no: {n}", f"    kegiatan: {rng.choice(VERBS)} {rng.choice(OBJECTS)} tahap {n}",
                  f"    pelaksana: {actors[n % len(actors)]}", "    kelengkapan: Dokumen",
                  f"    waktu: {rng.randint(1, 4)} {rng.choice(UNITS)}", "    output: Dokumen"]
        if n == steps - 1 and n > 2:
            lines += ["    keputusan:", "      pertanyaan: Disetujui?", f"      tidak: {n - 1}"]
    return "\n".join(lines) + "\n", steps


def _record(sop_id: str, steps: int, year: int, quarter: int | None) -> str:
    month = 3 * quarter - 1 if quarter else 11
    period = f"{year}-TW{quarter}" if quarter else str(year)
    lines = [f"sop: {sop_id}", f"periode: {period}", "contoh: true", "pelaksanaan:"]
    for n in range(1, steps + 1):
        day = 1 + n
        lines += [f"  - langkah: {n}", f"    mulai: {year}-{month:02d}-{day:02d}", f"    selesai: {year}-{month:02d}-{day:02d}",
                  "    pelaksana: Pegawai Uji"]
        if n == steps - 1 and n > 2:
            lines.append("    hasil: ya")
        if n == steps:
            lines += ["    dokumen:", "      - jenis: Laporan", f"        judul: Laporan {sop_id} {period}", f"        tanggal: {year}-{month:02d}-{day:02d}"]
    return "\n".join(lines) + "\n"


def _agency(root: Path, agency: int) -> Path:
    folder = root / "sop_defs" / f"opd-{agency:02d}"
    folder.mkdir()
    (folder / "_instansi.yaml").write_text(
        f"nama: Organisasi Perangkat Daerah {agency}\nsingkatan: OPD {agency}\n"
        "kepala:\n  jabatan: Kepala\n  nama: Nama Kepala\n  nip: \"19700101 199001 1 001\"\n"
        # Every agency has its own head of division under the shared id, with its own column name.
        f"jabatan:\n  jabatan-0:\n    nama: Kepala Bidang OPD {agency}\n    singkatan: Kabid {agency}\n",
        encoding="utf-8",
    )
    return folder


def write_corpus(root: Path, units: int, sops_per_unit: int, seed: int = 7, units_per_agency: int = 2) -> dict[str, int]:
    """Write the corpus under `root`; a fifth of the SOPs are quarterly, the rest annual."""
    rng = random.Random(seed)
    roles, bases, docs = _catalogue(root, rng)
    counts = {"sops": 0, "records": 0, "agencies": 0}
    for unit in range(units):
        if unit % units_per_agency == 0:
            agency = _agency(root, unit // units_per_agency)
            counts["agencies"] += 1
        folder = agency / f"unit-{unit:02d}"
        folder.mkdir()
        for index in range(sops_per_unit):
            sop_id = f"sop-{unit:02d}-{index:03d}"
            cadence = "triwulanan" if index % 5 == 0 else "tahunan"
            text, steps = _sop(rng, unit, roles, bases, docs, cadence)
            (folder / f"{sop_id}.yaml").write_text(text, encoding="utf-8")
            counts["sops"] += 1
            for year in YEARS:
                for quarter in ((1, 2, 3, 4) if cadence == "triwulanan" else (None,)):
                    target = root / "records" / str(year) / (f"TW{quarter}" if quarter else "tahunan") / f"{sop_id}.yaml"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(_record(sop_id, steps, year, quarter), encoding="utf-8")
                    counts["records"] += 1
    return counts


# Each revision after the first: when it takes effect (the last one in the future of the reference date).
REVISION_DATES = ("2024-01-01", "2027-01-01")


def commit_revisions(root: Path, versions: int) -> int:
    """Make `root` a git repository whose every SOP has `versions` committed versions; returns the commits made.

    Each revision rewords step 1 and moves `tanggal_efektif`, so older records keep their step count and stay valid.
    """
    import os
    import subprocess

    env = os.environ | {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@x", "GIT_COMMITTER_NAME": "Bench",
                        "GIT_COMMITTER_EMAIL": "bench@x", "GIT_AUTHOR_DATE": "2026-11-01T09:00:00+07:00",
                        "GIT_COMMITTER_DATE": "2026-11-01T09:00:00+07:00"}

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "Versi 1")
    for number, effective in zip(range(2, versions + 1), REVISION_DATES, strict=False):
        for path in (root / "sop_defs").glob("*/*/*.yaml"):
            text = re.sub(r"(?m)^tanggal_efektif: .*$", f"tanggal_efektif: {effective}", path.read_text(encoding="utf-8"))
            text = re.sub(r" tahap 1( \(revisi [0-9]+\))?\n", f" tahap 1 (revisi {number})\n", text, count=1)
            path.write_text(text, encoding="utf-8")
        git("commit", "-q", "-am", f"Revisi {number} (#{number})")
    return versions
