"""The `sopgen` command: prints what the library finds; it decides nothing itself."""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from generator.data.dates import format_date, parse_iso_date, reference_date
from generator.data.fsutil import write_atomic
from generator.errors import errors_only, format_problems
from generator.loading import load_all, load_data
from generator.manual.model import Manual
from generator.records.model import Record
from generator.records.monitoring import monitoring_path, new_monitoring_text
from generator.records.newrecord import free_record_path, new_record_text, record_path
from generator.records.periods import Period, parse_period, period_containing
from generator.records.status import Status, report_years, revocation_problem, status_table, statuses

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# The commands that build, print or read git import what they need when they run: `sopgen validate` on a few
# files (the pre-commit hook) is waited for, and the page views and git readers are most of the import time.


# argparse's own sentences (Python 3.11), as an editor reads them; anything else gets the generic one.
_ARGPARSE = [
    (re.compile(r"the following arguments are required: (.+)"), "argumen wajib belum diberikan: {0}"),
    (re.compile(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)"),
     "argumen {0}: pilihan `{1}` tidak dikenal; pilih salah satu: {2}"),
    (re.compile(r"unrecognized arguments: (.+)"), "argumen tidak dikenal: {0}"),
    (re.compile(r"argument (\S+): expected one argument"), "argumen {0} memerlukan satu nilai"),
    (re.compile(r"argument (\S+): expected at least one argument"), "argumen {0} memerlukan paling sedikit satu nilai"),
    (re.compile(r"argument (\S+): ignored explicit argument '(.*)'"), "argumen {0} tidak menerima nilai (`{1}`)"),
    (re.compile(r"argument (\S+): invalid \S+ value: '?(.*?)'?"), "argumen {0}: nilai `{1}` tidak sah"),
]


def translate_argparse(message: str) -> str:
    for pattern, indonesian in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found:
            return indonesian.format(*(g.replace("'", "`") for g in found.groups()))
    return "argumen tidak dapat dibaca"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "pemakaian: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Indonesian: its messages, section titles and `-h/--help` on every subcommand."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs, add_help=False, allow_abbrev=False, formatter_class=_Formatter)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"sopgen: perintah salah: {translate_argparse(message)}\nLihat `{self.prog} --help`.\n")
        sys.exit(EXIT_USAGE)


def _option(parser: argparse.ArgumentParser, name: str, old: str, **kwargs: Any) -> None:
    """An Indonesian option, with its former English name kept working (unlisted) for existing scripts."""
    dest = name.lstrip("-")
    parser.add_argument(name, dest=dest, **kwargs)
    hidden = {k: v for k, v in kwargs.items() if k in ("type", "action")}
    parser.add_argument(old, dest=dest, default=argparse.SUPPRESS, help=argparse.SUPPRESS, **hidden)


_DATE_HELP = "tanggal acuan TTTT-BB-HH (bawaan: SOPGEN_TANGGAL, atau hari ini)"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sopgen", description="Pembangkit Manual SOP: memeriksa data, membangun situs dan PDF.")
    _option(parser, "--folder", "--root", type=Path, default=Path("."), metavar="FOLDER",
            help="folder repositori yang memuat sop_defs/ (bawaan: folder saat ini)")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser, title="perintah")
    commands.required = True
    validate = commands.add_parser(
        "validate", help="periksa semua berkas di sop_defs/ dan records/, atau hanya berkas yang disebut",
        description="Periksa semua berkas di sop_defs/ dan records/. Dengan nama berkas (seperti dari pre-commit): "
                    "hanya berkas itu, terhadap katalog dan SOP yang dirujuknya.",
    )
    validate.add_argument("berkas", nargs="*", metavar="BERKAS",
                          help="hanya berkas ini (jalur dari folder repositori), misalnya records/2026/TW3/id-sop.yaml")
    validate.add_argument("--tanggal", default=None, help=_DATE_HELP)
    schema = commands.add_parser("schema", help="tulis JSON Schema berkas data ke folder schema/",
                                 description="Tulis JSON Schema berkas data ke folder schema/.")
    _option(schema, "--keluaran", "--out", type=Path, default=None, metavar="FOLDER",
            help="folder tujuan (bawaan: <folder>/schema)")
    new = commands.add_parser("new-record", help="buat berkas rekaman baru yang sudah berisi semua langkah",
                              description="Buat berkas rekaman baru yang sudah berisi semua langkah; tidak menimpa.")
    new.add_argument("sop", metavar="ID-SOP", help="id SOP, misalnya evaluasi-kinerja")
    new.add_argument(
        "periode", metavar="PERIODE",
        help="2025-B03 (bulanan), 2025-TW3 (triwulanan), 2025-S1 (semesteran), 2025 (tahunan), 2025-09-03 (insidental)",
    )
    monitor = commands.add_parser("new-monitoring", help="buat berkas catatan pemantauan SOP yang siap diisi",
                                  description="Buat berkas catatan pemantauan SOP di records/<tahun>/pemantauan/; tidak menimpa.")
    monitor.add_argument("sop", metavar="ID-SOP", help="id SOP, misalnya evaluasi-kinerja")
    monitor.add_argument("--tanggal", required=True, help="tanggal pemantauan TTTT-BB-HH")
    status = commands.add_parser("status", help="tampilkan status setiap SOP per periode",
                                 description="Tampilkan status setiap SOP per periode.")
    status.add_argument("--periode", default=None, help="hanya periode ini, misalnya 2025-B03, 2025-TW3, 2025-S1 atau 2025")
    status.add_argument("--tanggal", default=None, help=_DATE_HELP)
    _option(status, "--ketat", "--strict", action="store_true", help="keluar dengan kode 1 bila ada yang terlambat (untuk CI)")
    build = commands.add_parser("build", help="periksa data lalu bangun situs; situs lama tetap utuh bila gagal",
                                description="Periksa data lalu bangun situs; situs lama tetap utuh bila gagal.")
    _site_options(build)
    _option(build, "--ketat", "--strict", action="store_true", help="peringatan MkDocs dianggap galat")
    pdf = commands.add_parser("pdf", help="bangun situs lalu cetak PDF setiap SOP dan seluruh manual ke site/pdf/",
                              description="Bangun situs lalu cetak PDF setiap SOP dan seluruh manual ke <keluaran>/pdf/.")
    pdf.add_argument("sops", nargs="*", metavar="ID-SOP", help="hanya SOP ini (bawaan: semua, ditambah seluruh manual)")
    _site_options(pdf)
    hist = commands.add_parser("history", help="tampilkan jejak persetujuan satu berkas dari riwayat git",
                               description="Tampilkan jejak persetujuan satu berkas dari riwayat git.")
    hist.add_argument("path", metavar="BERKAS", help="misalnya sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml")
    return parser


def _site_options(parser: argparse.ArgumentParser) -> None:
    _option(parser, "--keluaran", "--out", type=Path, default=None, metavar="FOLDER", help="folder situs (bawaan: <folder>/site)")
    _option(parser, "--konfigurasi", "--config", type=Path, default=None, metavar="BERKAS",
            help="berkas konfigurasi MkDocs (bawaan: <folder>/mkdocs.yml)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.folder
    if args.command == "validate":
        return _validate_named(root, args.tanggal, args.berkas) if args.berkas else _validate(root, args.tanggal)
    if args.command == "new-record":
        return _new_record(root, args.sop, args.periode)
    if args.command == "new-monitoring":
        return _new_monitoring(root, args.sop, args.tanggal)
    if args.command == "status":
        return _status(root, args.periode, args.tanggal, args.ketat)
    if args.command == "history":
        return _history(root, args.path)
    if args.command == "build":
        return _build(root, args.konfigurasi, args.keluaran, args.ketat)
    if args.command == "pdf":
        return _pdf(root, args.konfigurasi, args.keluaran, args.sops)
    return _schema(args.keluaran or root / "schema")


def _load_valid(root: Path, today: date | None = None, show_warnings: bool = False) -> tuple[Manual, list[Record]] | None:
    manual, records, problems = load_all(root, today or reference_date())
    errors = errors_only(problems)
    if errors or manual is None:
        print(format_problems(errors, "jalankan `sopgen validate` dan perbaiki dulu."), file=sys.stderr)
        return None
    if show_warnings and problems:
        # Data warnings never stop a build, not even with --ketat (that flag is for MkDocs' own warnings).
        print(format_problems(problems, "situs tetap dibangun."), file=sys.stderr)
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
    if revoked := revocation_problem(sop, period):  # `sop` is still the newest file, which says so
        print(f"sopgen: {revoked}; berkas rekaman tidak ditulis.", file=sys.stderr)
        return EXIT_INVALID
    sop = manual.sop_on(sop_id, period.start) or sop  # the steps of the version in force for that period
    if period.cadence != sop.spec.cadence:
        example = period_containing(sop.spec.cadence, period.start).code
        form = "tanggal pelaksanaan dimulai sebagai periode, misalnya" if sop.spec.cadence == "insidental" else "periode seperti"
        print(f"sopgen: SOP `{sop.id}` berjadwal {sop.spec.cadence}; tulis {form} `{example}`", file=sys.stderr)
        return EXIT_INVALID
    today = reference_date()
    if period.start > today:
        print(
            f"sopgen: periode {period.code} belum dimulai (mulai {format_date(period.start)}); "
            "buat rekamannya pada atau sesudah tanggal itu.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    rel = free_record_path(root, sop, period)  # an insidental SOP may run again the same day: `-2`, `-3` ...
    if rel is None:
        print(f"sopgen: {record_path(sop, period)} sudah ada; berkas tidak ditimpa.", file=sys.stderr)
        return EXIT_INVALID
    write_atomic(root / rel, new_record_text(manual, sop, period))
    print(f"ditulis: {rel}")
    return EXIT_OK


def _new_monitoring(root: Path, sop_id: str, date_text: str) -> int:
    try:
        day = parse_iso_date(date_text)
    except ValueError as exc:
        print(f"sopgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    rel = monitoring_path(sop_id, day)
    if (root / rel).exists():  # said first: the file may be the one still waiting to be filled in
        print(f"sopgen: {rel} sudah ada; berkas tidak ditimpa.", file=sys.stderr)
        return EXIT_INVALID
    loaded = _load_valid(root)
    if loaded is None:
        return EXIT_INVALID
    manual, _ = loaded
    sop = manual.sop(sop_id)
    if sop is None:
        print(f"sopgen: SOP `{sop_id}` tidak ada. SOP yang ada: {', '.join(s.id for s in manual.sops)}", file=sys.stderr)
        return EXIT_INVALID
    if day > (today := reference_date()):
        print(f"sopgen: tanggal {format_date(day)} sesudah tanggal acuan {format_date(today)}; catat pemantauan yang sudah dilakukan.", file=sys.stderr)
        return EXIT_INVALID
    write_atomic(root / rel, new_monitoring_text(manual.sop_on(sop.id, day) or sop, day))
    print(f"ditulis: {rel}")
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
        if only is None or _listed_in(only, i.period)
    ]
    print(status_table(items, today))
    late = [i for i in items if i.status is Status.LATE]
    if late:
        print(f"\n{len(late)} terlambat: " + "; ".join(f"{i.sop.id} {i.period.code}" for i in late))
    return EXIT_INVALID if strict and late else EXIT_OK


def _listed_in(only: Period, period: Period) -> bool:
    """What `--periode` selects: for a quarter, the periods its progress page lists (a year is due in TW4)."""
    if only.cadence == "triwulanan" and only.quarter is not None:
        return period.year == only.year and period.quarter_of_due() == only.quarter
    return only.covers(period)


def _validate(root: Path, date_text: str | None) -> int:
    try:
        today = reference_date(date_text)
    except ValueError as exc:
        print(f"sopgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    data = load_data(root, today)
    manual, records, problems = data.manual, data.records, data.problems
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    if errors:
        print(format_problems(problems, "perbaiki lalu jalankan `sopgen validate` lagi."), file=sys.stderr)
        return EXIT_INVALID
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    assert manual is not None
    steps = sum(len(sop.spec.steps) for sop in manual.sops)
    note = f", {warnings} peringatan" if warnings else ""
    revoked = sum(sop.is_revoked(today) for sop in manual.sops)
    shown = f"{len(manual.sops)} SOP" + (f" ({revoked} dicabut)" if revoked else "")
    indicators = sum(len(agency.indicators) for agency in data.performance.agencies)
    performance = f", {indicators} indikator kinerja" if indicators else ""
    print(
        f"Data sah: {shown} dari {len(manual.agencies)} instansi ({len(manual.units)} unit), "
        f"{steps} langkah, {len(records)} rekaman, {len(data.monitoring)} catatan pemantauan{performance}{note}."
    )
    return EXIT_OK


def _validate_named(root: Path, date_text: str | None, names: list[str]) -> int:
    """`sopgen validate BERKAS ...`: the named files against what they cite; see generator.named."""
    from generator.named import check_named, not_checked_here

    try:
        today = reference_date(date_text)
    except ValueError as exc:
        print(f"sopgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    checked = check_named(root, today, names)
    problems = checked.problems
    if errors_only(problems):
        print(format_problems(problems, "perbaiki lalu jalankan `sopgen validate` lagi."), file=sys.stderr)
        return EXIT_INVALID
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    named = checked.named
    kinds = [(len(named.sops), "SOP"), (len(named.records), "rekaman"), (len(named.notes), "catatan pemantauan"),
             (len(named.performance), "berkas kinerja"), (int(named.lke), "berkas LKE"), (len(named.catalogues), "katalog")]
    shown = ", ".join(f"{count} {what}" for count, what in kinds if count) or "tidak ada berkas data"
    related = f", bersama {checked.related} berkas terkait" if checked.related else ""
    print(f"Data sah: {shown} diperiksa{related}.")
    if checked.whole_manual:
        print("Berkas katalog disebut: seluruh sop_defs/ dan data kinerja diperiksa ulang, karena entri katalog dapat dirujuk SOP mana pun.")
    *others, last = not_checked_here(checked)
    print(f"Hanya `sopgen validate` tanpa nama berkas (seperti di CI) yang memeriksa {', '.join(others)} dan {last}.")
    return EXIT_OK


def _history(root: Path, path_text: str) -> int:
    from generator.trail import codeowners
    from generator.trail.approval import judge
    from generator.trail.history import read_history

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
        verdict = judge(change, history.facts.get(change.commit), reference_date())
        print(f"  Persetujuan: {verdict.level}" + (f" (ditandatangani {', '.join(verdict.signer)})" if verdict.signer else ""))
        for flag in (*verdict.reasons, *verdict.warnings):
            print(f"  ! {flag}")
    return EXIT_OK


def _pdf(root: Path, config: Path | None, out: Path | None, sop_ids: list[str]) -> int:
    from generator.commands.pdf import CHROMIUM, ConfigNotUnderstood, Job, PageMissing, pdf_config, print_pages
    from generator.render import urls
    from generator.render.gather import revoked_ids
    from generator.render.pages.print import book_title, print_books

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
    config_file = config or root / "mkdocs.yml"
    try:
        with pdf_config(config_file) as with_links:
            if _build_site(root, with_links, target, strict=True) != EXIT_OK:
                return EXIT_INVALID
    except ConfigNotUnderstood as exc:
        print(f"sopgen: {exc}", file=sys.stderr)
        return EXIT_INVALID
    link = urls.Linker(_directory_urls(config or root / "mkdocs.yml"))
    printed = manual.as_on(reference_date())  # the pages show each SOP as in force: so do their headers
    jobs = [Job(link.url(urls.sop_page(s.id)), f"{s.id}.pdf", s.spec.name, f"Nomor SOP: {s.spec.number or '–'}")
            for s in printed.sops if not sop_ids or s.id in sop_ids]
    if not sop_ids:
        books = print_books(manual, revoked_ids(manual, reference_date()))  # the books the build made
        units = {unit.key: unit for unit in manual.units}
        jobs += [Job(link.url(urls.print_page(unit_id)), name, book_title(units[unit_id] if unit_id else None)) for unit_id, name in books]
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
    if _load_valid(root, show_warnings=True) is None:
        return EXIT_INVALID
    return _build_site(root, config, out or root / "site", strict)


def _build_site(root: Path, config: Path | None, target: Path, strict: bool) -> int:
    """Build data already checked; the previous site stays whole when the build fails."""
    from generator.commands.build import build_atomic

    print(f"Membangun situs ke {target} ...")
    if build_atomic(config or root / "mkdocs.yml", target, strict) != 0:
        print(f"sopgen: pembangunan gagal; situs lama di {target} tidak diubah.", file=sys.stderr)
        return EXIT_INVALID
    print(f"Situs selesai dibangun di {target}.")
    return EXIT_OK


def _schema(out: Path) -> int:
    from generator.commands.schema import render, schemas

    for name, schema in schemas().items():
        write_atomic(out / name, render(schema))
        print(f"ditulis: {out / name}")
    return EXIT_OK


def run() -> None:
    try:
        code = main()
        sys.stdout.flush()  # a closed pipe (`sopgen status | head -1`) shows here, not at exit
    except BrokenPipeError:
        # Python's documented recipe: later writes go nowhere, and the exit code says output was cut short.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_INVALID)
    sys.exit(code)


if __name__ == "__main__":
    run()
