"""Every message an editor or operator reads is Indonesian: YAML syntax, pydantic, argparse and the site's own text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.pdf import with_pdf_links
from generator.data.yamlload import load_text
from generator.errors import Problem, format_problems
from tests.conftest import REPO, edit
from tests.sitebuild import build_site

SOP = "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"
# Words of PyYAML's, pydantic's and argparse's English that must never reach a reader.
ENGLISH = re.compile(r"\b(found|expected|allowed|Input should|should|invalid choice|required|unrecognized|usage|"
                     r"argument|Datetimes|provided|Value error|Permanent link|Not found)\b", re.IGNORECASE)


def yaml_message(text: str) -> str:
    loaded, problems = load_text(text, "x.yaml")
    assert loaded is None and len(problems) == 1
    message = problems[0].format()
    assert not ENGLISH.search(message), message
    return message


def test_key_indented_too_far_says_remove_spaces_not_quote() -> None:
    message = yaml_message("nama: x\nlangkah:\n  no: 1\n    kegiatan: rapat\n")
    assert message.startswith("x.yaml:4:5:") and "indentasi berlebih" in message and "kutip" not in message


def test_key_indented_too_little_says_add_spaces() -> None:
    message = yaml_message("langkah:\n    no: 1\n  kegiatan: rapat\n")
    assert message.startswith("x.yaml:3:3:") and "indentasi kurang" in message and "tambahkan spasi" in message


def test_list_items_not_aligned() -> None:
    assert "butir daftar `-` tidak sejajar" in yaml_message("a:\n  - x: 1\n   - y: 2\n")


@pytest.mark.parametrize("text", ["a:\n\tb: 1\n", "a: 1\n\tb: 2\n"])
def test_tab_says_use_spaces(text: str) -> None:
    message = yaml_message(text)
    assert ":2:1:" in message and "tab" in message and "spasi" in message


@pytest.mark.parametrize("text", ['a: "abc\nb: 2\n', "a: 'abc\nb: 2\n", 'a: "abc\nb: "x"\nc: 1\n'])
def test_unclosed_quote_points_at_where_it_opened(text: str) -> None:
    message = yaml_message(text)
    assert message.startswith("x.yaml:1:4:") and "belum ditutup" in message and "tanda kutip" in message


def test_colon_in_a_value_says_quote_it() -> None:
    message = yaml_message("langkah:\n  - kegiatan: Rapat: bahas\n")
    assert message.startswith("x.yaml:2:20:") and "beri tanda kutip" in message


@pytest.mark.parametrize(("text", "bracket"), [("a: [1, 2\nb: 3\n", "`[`"), ("a: {x: 1\nb: 3\n", "`{`")])
def test_unclosed_bracket_points_at_it(text: str, bracket: str) -> None:
    message = yaml_message(text)
    assert message.startswith("x.yaml:1:4:") and f"kurung {bracket} belum ditutup" in message


@pytest.mark.parametrize("text", ["a: @x\n", "a: `x`\n", "a: 1\n%x: 2\n", 'a: "c:\\d"\n'])
def test_other_syntax_errors_are_indonesian(text: str) -> None:
    assert "sintaks YAML salah" in yaml_message(text)


def sopgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.commands.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def validate_error(root: Path) -> str:
    result = sopgen("--folder", str(root), "validate", "--tanggal", "2026-11-25")
    assert result.returncode == 1, result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr
    return result.stderr


@pytest.mark.parametrize(("old", "new", "words"), [
    # A YAML integer is a year ("2024"), never a timestamp: pydantic's "should have zero time" cannot occur.
    ("tanggal_pembuatan: ", "tanggal_pembuatan: 1700000000 #", "harus ditulis TTTT-BB-HH, TTTT-BB atau TTTT"),
    ("tanggal_pembuatan: ", "tanggal_pembuatan: [1] #", "harus ditulis TTTT-BB-HH, TTTT-BB atau TTTT"),
    ("jadwal: ", "jadwal: mingguan #",
     "pilih salah satu: 'bulanan', 'triwulanan', 'semesteran', 'tahunan' atau 'insidental'"),  # literal_error
    ("jadwal: ", "tenggat_hari: 9999999999999999999999\njadwal: ", "di luar batas: paling besar 366"),  # a huge integer
    ("jadwal: ", "tenggat_hari: 400\njadwal: ", "di luar batas: paling besar 366"),  # less_than_equal
    ("jadwal: ", "tenggat_hari: .inf\njadwal: ", "bilangan bulat"),  # int_from_float / finite
    ("    waktu: 1 hari", "    waktu: [1]", "harus berupa teks, bilangan bulat atau angka"),  # union members, said once
    ("nama: ", "nma: ", "maksud Anda `nama`?"),  # extra_forbidden merged with missing
    ("jadwal: ", "# jadwal: ", "kunci wajib `jadwal` tidak ada"),  # missing
])
def test_pydantic_errors_are_indonesian(repo_copy: Path, old: str, new: str, words: str) -> None:
    edit(repo_copy, SOP, old, new)
    assert words in validate_error(repo_copy)


def test_record_value_errors_are_indonesian(repo_copy: Path) -> None:
    rel = "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"
    edit(repo_copy, rel, "contoh: true", "contoh: mungkin")
    assert "harus berupa `true` atau `false`" in validate_error(repo_copy)


def test_one_report_format_for_cli_and_site() -> None:
    problems = [Problem.whole_file("a.yaml", "rusak"), Problem("b.yaml", 2, 3, "k", "salah")]
    assert format_problems(problems, "perbaiki.") == "a.yaml:1:1: rusak\nb.yaml:2:3: [k] salah\n\n2 galat ditemukan; perbaiki."


@pytest.mark.parametrize(("args", "words"), [
    ([], "argumen wajib belum diberikan: PERINTAH"),
    (["bogus"], "pilihan `bogus` tidak dikenal"),
    (["status", "x"], "argumen tidak dikenal: x"),
    (["status", "--tanggal"], "argumen --tanggal memerlukan satu nilai"),
])
def test_argparse_messages_are_indonesian(args: list[str], words: str) -> None:
    result = sopgen(*args)
    assert result.returncode == 2
    assert words in result.stderr and result.stderr.startswith("pemakaian: sopgen")
    assert not ENGLISH.search(result.stderr.replace("argumen", "")), result.stderr


@pytest.mark.parametrize("command", ["validate", "schema", "new-record", "status", "build", "pdf", "history"])
def test_every_subcommand_has_indonesian_help(command: str) -> None:
    result = sopgen(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"pemakaian: sopgen {command}") and "tampilkan bantuan ini" in result.stdout
    assert "options" not in result.stdout and "positional" not in result.stdout


def test_old_flags_still_work_but_are_not_listed() -> None:
    assert "--root" not in sopgen("--help").stdout and "--strict" not in sopgen("status", "--help").stdout
    assert sopgen("--root", ".", "status", "--tanggal", "2026-11-25", "--periode", "2025-TW3", "--strict").returncode == 0


def test_closed_pipe_prints_no_traceback() -> None:
    read, write = os.pipe()
    os.close(read)  # like `| head -1` that has already exited
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "status", "--tanggal", "2026-11-25"],
                            stdout=write, stderr=subprocess.PIPE, text=True, cwd=REPO, timeout=60)
    os.close(write)
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
    assert result.returncode == 1


def test_pdf_links_are_set_in_the_configuration_copy() -> None:
    text = with_pdf_links((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "tautan_pdf: true" in text and "tautan_pdf: false" not in text and "SOPGEN_PDF" not in text
    assert "!!python/name:pymdownx.superfences.fence_code_format" in text


def test_site_has_indonesian_404_and_anchor_titles(tmp_path: Path) -> None:
    result = build_site(REPO, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/404.html").read_text(encoding="utf-8")
    assert "Halaman tidak ditemukan" in page and "Not found" not in page
    assert re.search(r'<a href="[^"]*">Kembali ke beranda</a>', page)
    for html in (tmp_path / "site").rglob("*.html"):
        assert "Permanent link" not in html.read_text(encoding="utf-8"), html
    assert 'title="Tautan ke bagian ini"' in (tmp_path / "site/panduan-editor/index.html").read_text(encoding="utf-8")
