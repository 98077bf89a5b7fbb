"""The `sopgen` command: prints what the library finds; it decides nothing itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from generator.errors import errors_only
from generator.fsutil import write_atomic
from generator.manual import load_manual
from generator.schema import render, schemas

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
    commands.add_parser("validate", help="periksa semua berkas di sop_defs/", add_help=False)
    schema = commands.add_parser("schema", help="tulis JSON Schema berkas data ke folder schema/", add_help=False)
    schema.add_argument("--out", type=Path, default=None, help="folder tujuan (bawaan: <root>/schema)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.root)
    return _schema(args.out or args.root / "schema")


def _validate(root: Path) -> int:
    manual, problems = load_manual(root)
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
    print(f"Data sah: {len(manual.sops)} SOP di {len(manual.units)} unit, {steps} langkah{note}.")
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
