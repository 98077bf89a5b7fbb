"""The `sopgen` command: prints what the library finds; it decides nothing itself."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from generator.commands.build import build_atomic
from generator.commands.pdf import CHROMIUM, PageMissing, print_pages
from generator.commands.schema import render, schemas
from generator.data.dates import format_date, reference_date
from generator.data.fsutil import write_atomic
from generator.errors import errors_only
from generator.loading import load_all
from generator.manual.model import Manual
from generator.records.model import Record
from generator.records.newrecord import new_record_text, record_path
from generator.records.periods import parse_period
from generator.records.status import Status, report_years, status_table, statuses
from generator.render import urls
from generator.render.pages.print import print_books
from generator.trail import codeowners
from generator.trail.history import flags, read_history

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"sopgen: perintah salah: {message}\nLihat `sopgen --help`.\n")
        sys.exit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sopgen",
        description="Pembangkit Manual SOP: memeriksa data SOP dan menghasilkan skema.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini")
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="folder repositori yang memuat sop_defs/ (bawaan: folder saat ini)"
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    commands.required = True
    validate = commands.add_parser("validate", help="periksa semua berkas di sop_defs/ dan records/", add_help=False)
    validate.add_argument("--tanggal", default=None, help="tanggal acuan TTTT-BB-HH (bawaan: SOPGEN_TANGGAL, atau hari ini)")
    schema = commands.add_parser("schema", help="tulis JSON Schema berkas data ke folder schema/", add_help=False)
    schema.add_argument("--out", type=Path, default=None, help="folder tujuan (bawaan: <root>/schema)")
    new = commands.add_parser("new-record", help="buat berkas rekaman baru yang sudah berisi semua langkah", add_help=False)
    new.add_argument("sop", metavar="ID-SOP")
    new.add_argument("periode", metavar="PERIODE", help="2025-TW3 untuk triwulan, 2025 untuk tahunan")
    status = commands.add_parser("status", help="tampilkan status setiap SOP per periode", add_help=False)
    status.add_argument("--periode", default=None, help="hanya periode ini, misalnya 2025-TW3 atau 2025")
    status.add_argument("--tanggal", default=None, help="tanggal acuan TTTT-BB-HH (bawaan: SOPGEN_TANGGAL, atau hari ini)")
    status.add_argument("--strict", action="store_true", help="keluar dengan kode 1 bila ada yang terlambat (untuk CI)")
    build = commands.add_parser("build", help="periksa data lalu bangun situs; situs lama tetap utuh bila gagal", add_help=False)
    build.add_argument("--out", type=Path, default=None, help="folder situs (bawaan: <root>/site)")
    build.add_argument("--config", type=Path, default=None, help="berkas konfigurasi (bawaan: <root>/mkdocs.yml)")
    build.add_argument("--strict", action="store_true", help="peringatan MkDocs dianggap galat")
    pdf = commands.add_parser("pdf", help="bangun situs lalu cetak PDF setiap SOP dan seluruh manual ke site/pdf/", add_help=False)
    pdf.add_argument("sops", nargs="*", metavar="ID-SOP", help="hanya SOP ini (bawaan: semua, ditambah seluruh manual)")
    pdf.add_argument("--out", type=Path, default=None, help="folder situs (bawaan: <root>/site)")
    pdf.add_argument("--config", type=Path, default=None, help="berkas konfigurasi (bawaan: <root>/mkdocs.yml)")
    hist = commands.add_parser("history", help="tampilkan jejak persetujuan satu berkas dari riwayat git", add_help=False)
    hist.add_argument("path", metavar="BERKAS", help="misalnya sop_defs/perencanaan-keuangan/evaluasi-kinerja.yaml")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.root, args.tanggal)
    if args.command == "new-record":
        return _new_record(args.root, args.sop, args.periode)
    if args.command == "status":
        return _status(args.root, args.periode, args.tanggal, args.strict)
    if args.command == "history":
        return _history(args.root, args.path)
    if args.command == "build":
        return _build(args.root, args.config, args.out, args.strict)
    if args.command == "pdf":
        return _pdf(args.root, args.config, args.out, args.sops)
    return _schema(args.out or args.root / "schema")


def _load_valid(root: Path, today: date | None = None) -> tuple[Manual, list[Record]] | None:
    manual, records, problems = load_all(root, today or reference_date())
    errors = errors_only(problems)
    if errors or manual is None:
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        print(f"\n{len(errors)} galat ditemukan; jalankan `sopgen validate` dan perbaiki dulu.", file=sys.stderr)
        return None
    return manual, records


def _new_record(root: Path, sop_id: str, period_text: str) -> int:
    loaded = _load_valid(root)
    if loaded is None:
        return EXIT_INVALID
    manual, _ = loaded
    sop = manual.sop(sop_id)
    if sop is None:
        known = ", ".join(s.id for s in manual.sops)
        print(f"sopgen: SOP `{sop_id}` tidak ada. SOP yang ada: {known}", file=sys.stderr)
        return EXIT_INVALID
    try:
        period = parse_period(period_text)
    except ValueError as exc:
        print(f"sopgen: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if (period.quarter is None) != (sop.spec.cadence == "tahunan"):
        example = f"{period.year}-TW1" if sop.spec.cadence == "triwulanan" else str(period.year)
        print(f"sopgen: SOP `{sop.id}` berjadwal {sop.spec.cadence}; tulis periode seperti `{example}`", file=sys.stderr)
        return EXIT_INVALID
    today = reference_date()
    if period.start > today:
        print(
            f"sopgen: periode {period.code} belum dimulai (mulai {format_date(period.start)}); "
            "buat rekamannya pada atau sesudah tanggal itu.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    path = root / record_path(sop, period)
    if path.exists():
        print(f"sopgen: {record_path(sop, period)} sudah ada; berkas tidak ditimpa.", file=sys.stderr)
        return EXIT_INVALID
    write_atomic(path, new_record_text(manual, sop, period))
    print(f"ditulis: {record_path(sop, period)}")
    return EXIT_OK


def _status(root: Path, period_text: str | None, date_text: str | None, strict: bool) -> int:
    try:
        today = reference_date(date_text)
        only = parse_period(period_text) if period_text else None
    except ValueError as exc:
        print(f"sopgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    loaded = _load_valid(root, today)
    if loaded is None:
        return EXIT_INVALID
    manual, records = loaded
    years = [only.year] if only else report_years(records, today)
    items = [
        i for i in statuses(manual, records, today, years)
        if only is None or i.period == only or (only.quarter is None and i.period.year == only.year)
    ]
    print(status_table(items, today))
    late = [i for i in items if i.status is Status.LATE]
    if late:
        print(f"\n{len(late)} terlambat: " + "; ".join(f"{i.sop.id} {i.period.code}" for i in late))
    return EXIT_INVALID if strict and late else EXIT_OK


def _validate(root: Path, date_text: str | None) -> int:
    try:
        today = reference_date(date_text)
    except ValueError as exc:
        print(f"sopgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    manual, records, problems = load_all(root, today)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    if errors:
        print(f"\n{len(errors)} galat ditemukan; perbaiki lalu jalankan `sopgen validate` lagi.", file=sys.stderr)
        return EXIT_INVALID
    assert manual is not None
    steps = sum(len(sop.spec.steps) for sop in manual.sops)
    note = f", {warnings} peringatan" if warnings else ""
    print(f"Data sah: {len(manual.sops)} SOP di {len(manual.units)} unit, {steps} langkah, {len(records)} rekaman{note}.")
    return EXIT_OK


def _history(root: Path, path_text: str) -> int:
    path = Path(path_text)
    rel = (path.resolve().relative_to(root.resolve()) if path.is_absolute() else path).as_posix()
    history = read_history(root)
    if not history.available:
        print(f"sopgen: riwayat tidak tersedia: {history.reason}", file=sys.stderr)
        return EXIT_INVALID
    changes = history.of(rel)
    if not changes:
        print(f"sopgen: tidak ada riwayat git untuk `{rel}` (berkas di luar sop_defs/ dan records/, atau belum di-commit)", file=sys.stderr)
        return EXIT_INVALID
    owners = codeowners.load(root)
    print(f"Jejak persetujuan {rel} ({len(changes)} perubahan, terbaru di atas)")
    if owners.owners_of(rel):
        print(f"Pemilik menurut {owners.source}: {', '.join(owners.owners_of(rel))}")
    for change in changes:
        pr = f"PR #{change.pr}" if change.pr else "tanpa PR"
        print(f"\n{format_date(change.day)}  {change.short}  {pr}")
        print(f"  {change.subject}")
        print(f"  Penulis: {change.author}")
        print(f"  Penyetuju: {', '.join(change.approvers) or 'tidak ada'}")
        for flag in flags(change, owners):
            print(f"  ! {flag}")
    return EXIT_OK


def _pdf(root: Path, config: Path | None, out: Path | None, sop_ids: list[str]) -> int:
    loaded = _load_valid(root)
    if loaded is None:
        return EXIT_INVALID
    manual, _ = loaded
    unknown = [s for s in sop_ids if manual.sop(s) is None]
    if unknown:
        print(f"sopgen: SOP tidak ada: {', '.join(unknown)}. SOP yang ada: {', '.join(s.id for s in manual.sops)}", file=sys.stderr)
        return EXIT_INVALID
    if not Path(CHROMIUM).exists():
        print(f"sopgen: Chromium tidak ditemukan di {CHROMIUM}; pasang dengan `apt-get install chromium`.", file=sys.stderr)
        return EXIT_INVALID
    target = out or root / "site"
    if _build_site(root, config, target, strict=True, extra_env={"SOPGEN_PDF": "true"}) != EXIT_OK:
        return EXIT_INVALID
    link = urls.Linker(_directory_urls(config or root / "mkdocs.yml"))
    jobs = [(link.url(urls.sop_page(s.id)), f"{s.id}.pdf") for s in manual.sops if not sop_ids or s.id in sop_ids]
    if not sop_ids:
        jobs += [(link.url(urls.print_page(unit_id)), name) for unit_id, name in print_books(manual)]
    try:
        for path in print_pages(target, jobs):
            print(f"ditulis: {path}")
    except PageMissing as exc:
        print(f"sopgen: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _directory_urls(config_file: Path) -> bool:
    """The site's URL style (sop/x/ or sop/x.html), from the configuration the site was built with."""
    from mkdocs.config import load_config

    return bool(load_config(str(config_file)).use_directory_urls)


def _build(root: Path, config: Path | None, out: Path | None, strict: bool) -> int:
    if _load_valid(root) is None:
        return EXIT_INVALID
    return _build_site(root, config, out or root / "site", strict)


def _build_site(root: Path, config: Path | None, target: Path, strict: bool, extra_env: dict[str, str] | None = None) -> int:
    """Build data already checked; the previous site stays whole when the build fails."""
    print(f"Membangun situs ke {target} ...")
    if build_atomic(config or root / "mkdocs.yml", target, strict, extra_env) != 0:
        print(f"sopgen: pembangunan gagal; situs lama di {target} tidak diubah.", file=sys.stderr)
        return EXIT_INVALID
    print(f"Situs selesai dibangun di {target}.")
    return EXIT_OK


def _schema(out: Path) -> int:
    for name, schema in schemas().items():
        write_atomic(out / name, render(schema))
        print(f"ditulis: {out / name}")
    return EXIT_OK


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
