"""SOP versions from git: a record is judged by the version in force when its period began."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.data.gitblobs import parse_raw_log
from generator.data.yamlload import load_text
from generator.errors import Severity
from generator.loading import load_all
from generator.render.site import Site, generated_pages
from tests.conftest import REFERENCE, REPO

TW = "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"


def git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "Andi", "GIT_AUTHOR_EMAIL": "andi@x.go.id", "GIT_COMMITTER_NAME": "Andi",
           "GIT_COMMITTER_EMAIL": "andi@x.go.id", "HOME": str(repo), "PATH": "/usr/bin:/bin",
           "GIT_AUTHOR_DATE": "2026-11-20T09:00:00+07:00", "GIT_COMMITTER_DATE": "2026-11-20T09:00:00+07:00"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The shipped data in a fresh repository with one commit."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "sop_defs", root / "sop_defs")
    shutil.copytree(REPO / "records", root / "records")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Data awal")
    return root


def insert_step(root: Path, effective: str) -> None:
    """Revise the quarterly report: a new step 3 before the others move down, effective from `effective`."""
    path = root / TW
    loaded, _ = load_text(path.read_text(encoding="utf-8"), TW)  # YAML 1.2: `no` stays a key, not false
    assert loaded is not None
    data = loaded.data
    data["tanggal_efektif"] = effective
    new = {"no": 3, "kegiatan": "Memverifikasi kelengkapan data bidang", "pelaksana": "kasubag-perencanaan",
           "kelengkapan": "Data kinerja", "waktu": "30 menit", "output": "Data terverifikasi"}
    steps = data["langkah"]
    steps.insert(2, new)
    for number, step in enumerate(steps, 1):
        step["no"] = number
        for key in ("ya", "tidak"):
            if key in step.get("keputusan", {}) and step["keputusan"][key] >= 3:
                step["keputusan"][key] += 1
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def pages(root: Path) -> dict[str, str]:
    manual, records, problems = load_all(root, REFERENCE)
    assert manual is not None, [p.format() for p in problems]
    return generated_pages(Site(manual, records, REFERENCE))


def visible(text: str) -> str:
    """A page as its reader sees it: link targets left out (a record's link to its version moves from the SOP page
    to the version's own page once a newer version is in force; what the link says stays)."""
    return re.sub(r' href="[^"]*"', "", text)


def evidence(all_pages: dict[str, str]) -> dict[str, str]:
    """The pages that tell what happened: progress, records and the Buku Dokumentasi SAKIP."""
    return {path: text for path, text in all_pages.items() if path.startswith(("progres/", "buku-dokumentasi/"))}


def test_a_revision_effective_in_the_future_changes_no_record_or_progress_page(repo: Path) -> None:
    before = evidence(pages(repo))
    insert_step(repo, "2026-12-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    assert evidence(pages(repo)) == before


def test_an_uncommitted_revision_is_the_newest_version_and_changes_no_record_either(repo: Path) -> None:
    before = evidence(pages(repo))
    insert_step(repo, "2026-12-01")  # the working copy, being edited
    assert evidence(pages(repo)) == before


def test_a_revision_effective_in_the_past_applies_from_its_date_only(repo: Path) -> None:
    before = pages(repo)
    insert_step(repo, "2026-10-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    after = pages(repo)
    for path in ("progres/2025/tw3/pelaporan-kinerja-triwulan.md", "progres/2026/tw3/pelaporan-kinerja-triwulan.md",
                 "progres/2025/index.md", "progres/2025/tw3/index.md"):
        assert visible(after[path]) == visible(before[path]), path
    tw4 = html.unescape(after["progres/2026/tw4/index.md"]).split('<tr id="pelaporan-kinerja-triwulan">')[1].split("</tr>")[0]
    assert "0/8" in tw4  # the period that began after the revision follows its eight steps


def test_an_inserted_step_does_not_move_an_older_record_onto_other_activities(repo: Path) -> None:
    insert_step(repo, "2026-10-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    record = html.unescape(pages(repo)["progres/2025/tw3/pelaporan-kinerja-triwulan.md"])
    assert "Memverifikasi kelengkapan data bidang" not in record
    row3 = next(line for line in record.splitlines() if '<td class="sop-no">3</td>' in line)
    assert "Mengumpulkan data dan menyerahkan ke Kasubag" in row3  # step 3 as it was in 2025


def test_versions_are_listed_oldest_first_with_their_commits(repo: Path) -> None:
    insert_step(repo, "2026-12-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    manual, _, _ = load_all(repo, REFERENCE)
    assert manual is not None and manual.versions is not None and manual.versions.available
    versions = manual.versions.of("pelaporan-kinerja-triwulan")
    assert [(len(v.sop.spec.steps), v.sop.spec.effective.format(), v.commit is not None) for v in versions] == [
        (7, "1 Mei 2022", True), (8, "1 Desember 2026", True)]
    assert manual.versions.in_force("pelaporan-kinerja-triwulan", date(2026, 11, 30)) is versions[0]
    assert manual.versions.in_force("pelaporan-kinerja-triwulan", date(2026, 12, 1)) is versions[1]
    assert len(manual.versions.of("evaluasi-kinerja")) == 1


def test_without_git_the_working_copy_is_the_only_version_and_a_warning_says_so(repo: Path) -> None:
    shutil.rmtree(repo / ".git")
    manual, _, problems = load_all(repo, REFERENCE)
    assert manual is not None and manual.versions is not None and not manual.versions.available
    warning = [p for p in problems if p.path == "sop_defs"]
    assert [p.severity for p in warning] == [Severity.WARNING] and "versi SOP terkini" in warning[0].message


def test_the_raw_log_parser_refuses_what_is_not_its_shape() -> None:
    good = (b"\0" + b"a" * 40 + b" 2026-11-20T09:00:00+07:00\0\n:100644 100644 " + b"0" * 40 + b" " + b"b" * 40
            + b" M\0sop_defs/x.yaml\0")
    assert parse_raw_log(good) == [("a" * 40, date(2026, 11, 20), "sop_defs/x.yaml", "b" * 40)]
    assert parse_raw_log(good.replace(b" M\0", b" Q\0")) is None
    assert parse_raw_log(good[:-len(b"sop_defs/x.yaml\0")]) is None  # a change without its path


def test_version_in_force_on_a_day(manual) -> None:  # type: ignore[no-untyped-def]
    """The latest version in force; before any, the last correction of the first effective date."""
    from dataclasses import replace

    from generator.data.dates import PartialDate
    from generator.manual.model import Version, Versions

    sop = manual.sop("evaluasi-kinerja")
    made = lambda day, commit: Version(  # noqa: E731
        replace(sop, spec=sop.spec.model_copy(update={"effective": PartialDate(day, 3)})), commit, day)
    first, correction, revision = made(date(2024, 2, 1), "a" * 40), made(date(2024, 2, 1), "b" * 40), made(date(2025, 1, 1), "c" * 40)
    versions = Versions(True, {"evaluasi-kinerja": (first, correction, revision)})
    assert versions.in_force("evaluasi-kinerja", date(2024, 1, 1)) is correction  # a period begun before the SOP
    assert versions.in_force("evaluasi-kinerja", date(2024, 6, 1)) is correction
    assert versions.in_force("evaluasi-kinerja", date(2025, 1, 1)) is revision
    assert versions.in_force("lain", date(2025, 1, 1)) is None


def test_a_record_page_names_the_version_it_is_judged_by(repo: Path) -> None:
    insert_step(repo, "2026-10-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    new_record(repo, "pelaporan-kinerja-triwulan", "2026-TW4")
    manual, _, _ = load_all(repo, REFERENCE)
    assert manual is not None and manual.versions is not None
    old, new = manual.versions.of("pelaporan-kinerja-triwulan")
    after = {path: html.unescape(text) for path, text in pages(repo).items()}
    assert old.commit is not None and new.commit is not None and old.commit != new.commit
    old_record = after["progres/2025/tw3/pelaporan-kinerja-triwulan.md"]
    assert (f'Dinilai menurut <a href="../../../../sop/pelaporan-kinerja-triwulan/versi/{old.commit[:12]}/">SOP versi 1, '
            f"efektif 1 Mei 2022</a> (commit <code>{old.short}</code>") in old_record
    assert ('Dinilai menurut <a href="../../../../sop/pelaporan-kinerja-triwulan/">SOP versi 2, efektif 1 Oktober 2026</a>'
            in after["progres/2026/tw4/pelaporan-kinerja-triwulan.md"])


def new_record(repo: Path, sop_id: str, period: str) -> None:
    """`sopgen new-record`, as an editor would run it."""
    result = subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", "--folder", str(repo), "new-record", sop_id, period],
        capture_output=True, text=True, cwd=REPO, timeout=120, env={"PATH": "/usr/bin:/bin", "SOPGEN_TANGGAL": "2026-11-25"},
    )
    assert result.returncode == 0, result.stderr


def test_new_record_uses_the_version_in_force_for_its_period(repo: Path) -> None:
    insert_step(repo, "2026-12-01")  # not yet in force for 2026-TW4 (begins 1 October)
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    new_record(repo, "pelaporan-kinerja-triwulan", "2026-TW4")
    text = (repo / "records/2026/TW4/pelaporan-kinerja-triwulan.yaml").read_text(encoding="utf-8")
    assert "Memverifikasi kelengkapan data bidang" not in text and "  - langkah: 7" in text and "  - langkah: 8" not in text


def test_the_sop_page_shows_the_version_in_force_and_announces_the_next(repo: Path) -> None:
    before = pages(repo)["sop/pelaporan-kinerja-triwulan.md"]
    insert_step(repo, "2026-12-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    page = html.unescape(pages(repo)["sop/pelaporan-kinerja-triwulan.md"])
    assert "Versi baru berlaku mulai 1 Desember 2026" in page and "(8 langkah)" in page
    assert "Memverifikasi kelengkapan data bidang" not in page  # the revision's new step is not shown yet
    assert before.count('<tr id="langkah-') == page.count('<tr id="langkah-') == 7


def test_an_sop_not_yet_in_force_is_marked(repo: Path) -> None:
    """A new SOP whose first version takes effect next year: its page says BELUM BERLAKU."""
    folder = repo / "sop_defs/diskominfo/perencanaan-keuangan"
    text = (folder / "evaluasi-kinerja.yaml").read_text(encoding="utf-8")
    text = text.replace("tanggal_efektif: 2022-05-01", "tanggal_efektif: 2027-01-01").replace("nama: Evaluasi Kinerja", "nama: Evaluasi Kinerja Baru")
    (folder / "evaluasi-kinerja-baru.yaml").write_text(text, encoding="utf-8")
    all_pages = {path: html.unescape(text) for path, text in pages(repo).items()}
    assert "BELUM BERLAKU" in all_pages["sop/evaluasi-kinerja-baru.md"] and "baru berlaku mulai 1 Januari 2027" in all_pages["sop/evaluasi-kinerja-baru.md"]
    assert "BELUM BERLAKU" not in all_pages["sop/evaluasi-kinerja.md"]


def version_page(all_pages: dict[str, str], commit: str | None) -> str:
    assert commit is not None
    return html.unescape(all_pages[f"sop/pelaporan-kinerja-triwulan/versi/{commit[:12]}.md"])


def test_a_version_not_yet_in_force_has_its_own_page_marked_belum_berlaku(repo: Path) -> None:
    insert_step(repo, "2026-12-01")
    git(repo, "commit", "-q", "-am", "Merge pull request #15 from dinas/verifikasi")
    manual, _, _ = load_all(repo, REFERENCE)
    assert manual is not None and manual.versions is not None
    _, new = manual.versions.of("pelaporan-kinerja-triwulan")
    all_pages = pages(repo)
    page = version_page(all_pages, new.commit)
    assert "BELUM BERLAKU: versi 2 dari 2" in page and '<div class="sop-watermark" aria-hidden="true">BELUM BERLAKU</div>' in page
    assert page.count('<tr id="langkah-') == 8  # the form as the revision has it
    assert "Langkah 3 ditambah:</strong> Memverifikasi kelengkapan data bidang" in page
    assert "1 langkah ditambah, 1 isian identitas diubah" in page
    sop_page = html.unescape(all_pages["sop/pelaporan-kinerja-triwulan.md"])
    assert f'<a href="versi/{new.commit[:12]}/">lihat versi 2 dan perubahannya</a>' in sop_page
    assert "sop-watermark" not in sop_page  # the version in force is not marked


def test_an_old_version_keeps_its_page_with_its_dates_and_records(repo: Path) -> None:
    insert_step(repo, "2026-10-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    manual, _, _ = load_all(repo, REFERENCE)
    assert manual is not None and manual.versions is not None
    old, _ = manual.versions.of("pelaporan-kinerja-triwulan")
    page = version_page(pages(repo), old.commit)
    assert "Versi 1 dari 2: tidak berlaku lagi" in page and "Berlaku 1 Mei 2022 s.d. 30 September 2026." in page
    assert page.count('<tr id="langkah-') == 7 and "Memverifikasi kelengkapan data bidang" not in page
    assert '<a href="../../../../progres/2025/tw3/pelaporan-kinerja-triwulan/">Triwulan III 2025</a>' in page
    assert "sop-watermark" not in page


def test_a_correction_before_the_date_means_the_first_text_was_never_in_force(repo: Path) -> None:
    insert_step(repo, "2026-12-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    path = repo / TW
    path.write_text(path.read_text(encoding="utf-8").replace("data bidang", "data dari bidang"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Koreksi revisi sebelum berlaku (#3)")
    manual, _, _ = load_all(repo, REFERENCE)
    assert manual is not None and manual.versions is not None
    _, draft, corrected = manual.versions.of("pelaporan-kinerja-triwulan")
    all_pages = pages(repo)
    assert "tidak pernah berlaku: sebelum tanggal efektifnya, versi 3 menggantikannya" in version_page(all_pages, draft.commit)
    page = version_page(all_pages, corrected.commit)
    assert "Kegiatan</td><td class=\"sop-diff__lama\">Memverifikasi kelengkapan data bidang" in page  # changed from version 2


def test_the_printed_manual_prints_the_version_in_force(repo: Path) -> None:
    insert_step(repo, "2026-12-01")
    git(repo, "commit", "-q", "-am", "Revisi SOP pelaporan (#2)")
    book = html.unescape(pages(repo)["cetak/index.md"])
    assert "Memverifikasi kelengkapan data bidang" not in book  # the revision takes effect next month
    assert "1 Desember 2026" not in book


def test_revoking_an_sop_is_not_a_new_version_and_ends_the_one_in_force(repo: Path) -> None:
    path = repo / TW
    path.write_text(path.read_text(encoding="utf-8") + "status: dicabut\ntanggal_dicabut: 2026-10-01\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Cabut SOP pelaporan (#4)")
    manual, _, _ = load_all(repo, REFERENCE)
    assert manual is not None and manual.versions is not None
    (only,) = manual.versions.of("pelaporan-kinerja-triwulan")
    assert only.sop.spec.status == "dicabut"  # today's file: its page says it is revoked
    page = html.unescape(pages(repo)["sop/pelaporan-kinerja-triwulan.md"])
    versions = page.split("## Versi")[1]
    assert "1 Mei 2022 s.d. 30 September 2026" in versions and ">dicabut</span>" in versions
    assert "tidak pernah berlaku" not in versions


def test_lists_and_navigation_show_the_version_in_force_not_a_revision_to_come(repo: Path) -> None:
    from generator.render.site import navigation

    insert_step(repo, "2026-12-01")
    path = repo / TW
    path.write_text(path.read_text(encoding="utf-8").replace("nama: Pengumpulan Data Kinerja", "nama: Pelaporan Baru Kinerja"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Revisi dan ganti nama (#5)")
    manual, records, _ = load_all(repo, REFERENCE)
    assert manual is not None
    site = Site(manual, records, REFERENCE)
    all_pages = {path: html.unescape(text) for path, text in generated_pages(site).items()}
    for page in ("index.md", "unit/diskominfo/perencanaan-keuangan.md", "jabatan/kasubag-perencanaan.md", "cetak/index.md"):
        assert "Pelaporan Baru Kinerja" not in all_pages[page], page
        assert "Pengumpulan Data Kinerja" in all_pages[page], page
    assert "Memverifikasi kelengkapan data bidang" not in all_pages["jabatan/kasubag-perencanaan.md"]
    assert "Pelaporan Baru Kinerja" not in repr(navigation(site, []))
    assert any("\n# Pelaporan Baru Kinerja" in text for path, text in all_pages.items() if "/versi/" in path)
