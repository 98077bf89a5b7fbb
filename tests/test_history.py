"""The approval trail from real temporary git repositories."""

from __future__ import annotations

import re
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.trail import codeowners
from generator.trail.approval import CLAIMED, NONE, Verdict, flagged_changes, trail_of
from generator.trail.codeowners import same_person
from generator.trail.history import DATA_FOLDERS, META_PATHS, Change, History, read_history, visible

SOP = "sop_defs/u/a.yaml"
REC = "records/2025/TW1/a.yaml"


def git(repo: Path, *args: str, author: str = "Andi <andi@x.go.id>", date: str = "2025-01-10T09:00:00+07:00") -> None:
    name, email = author[:-1].split(" <")
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    r.mkdir()
    git(r, "init", "-q", "-b", "main")
    write(r, "CODEOWNERS", "# pemilik unit\n/sop_defs/u/ @budi budi@x.go.id\nrecords/ @rina\n")
    write(r, SOP, "nama: A\n")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "Impor SOP awal")  # direct: no PR, no approver
    git(r, "checkout", "-q", "-b", "revisi")
    write(r, SOP, "nama: A\nwaktu: 2 jam\n")
    git(r, "commit", "-q", "-am", "Ubah waktu langkah 3", author="Rina <rina@x.go.id>", date="2025-02-03T10:00:00+07:00")
    git(r, "checkout", "-q", "main")
    git(r, "merge", "-q", "--no-ff", "revisi", "-m",
        "Merge pull request #12 from rina/revisi\n\nPerbarui waktu langkah 3\n\nDisetujui-oleh: Budi <budi@x.go.id>",
        author="Budi <budi@x.go.id>", date="2025-02-05T14:00:00+07:00")
    write(r, REC, "sop: a\n")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "Tambah rekaman TW1 2025 (#13)\n\nApproved-by: @rina", date="2025-04-02T08:00:00+07:00")
    write(r, SOP, "nama: A\nwaktu: 3 jam\n")
    git(r, "commit", "-q", "-am", "Perbaiki SOP (#14)\n\nReviewed-by: @rina", date="2025-05-02T08:00:00+07:00")
    return r


def test_trail_of_each_kind_of_change(repo: Path) -> None:
    history = read_history(repo)
    assert history.available
    sop = history.of(SOP)
    assert [(c.pr, c.subject) for c in sop] == [
        (14, "Perbaiki SOP"),
        (12, "Perbarui waktu langkah 3"),
        (None, "Impor SOP awal"),
    ]
    merge = sop[1]
    assert merge.author == "Rina"  # who wrote the change, not who merged it
    assert merge.approvers == ("Budi <budi@x.go.id>",)
    assert str(merge.day) == "2025-02-05"
    assert [c.pr for c in history.of(REC)] == [13]


def test_without_signatures_nothing_is_verified(repo: Path) -> None:
    """Trailers and PR numbers are text anyone can type: at most "diklaim" (test_approval has signed merges)."""
    history = read_history(repo)
    by_pr = {row.change.pr: row.verdict for row in flagged_changes(history, date(2026, 1, 1))}
    assert (by_pr[None].level, by_pr[None].reasons) == (NONE, ("bukan merge commit: masuk langsung",))
    assert (by_pr[12].level, by_pr[12].reasons) == (CLAIMED, ("merge tidak ditandatangani",))
    # A squash title "(#13)" on a one-parent commit is not a PR merge, whatever its trailer says.
    assert (by_pr[13].level, by_pr[13].reasons) == (CLAIMED, ("bukan merge commit: nomor PR hanya tertulis di pesan",))
    assert trail_of(history, SOP, today=date(2026, 1, 1)).last_approved() is None


def test_shallow_clone_and_no_git(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "dangkal"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True, capture_output=True)
    history = read_history(shallow)
    assert not history.available and "dangkal" in history.reason
    plain = tmp_path / "tanpa-git"
    plain.mkdir()
    assert not read_history(plain).available


def test_codeowners_matching() -> None:
    owners = codeowners.parse("* @semua\n/sop_defs/keuangan/ @budi\n*.pdf @arsip\n")
    assert owners.owners_of("sop_defs/keuangan/a.yaml") == ("@budi",)
    assert owners.owners_of("sop_defs/umum/a.yaml") == ("@semua",)
    assert owners.owners_of("records/2025/TW1/lampiran/x.pdf") == ("@arsip",)
    assert same_person("Budi Santoso <budi@x.go.id>", "budi@x.go.id")
    assert same_person("@budi", "@budi")
    assert not same_person("Budi Santoso", "@budi")


def test_sop_page_shows_its_history_and_revision_date(repo_copy: Path) -> None:
    import html
    from datetime import date

    from generator.loading import load_all
    from generator.render.site import Site, generated_pages

    r = repo_copy
    write(r, "CODEOWNERS", "/sop_defs/diskominfo/perencanaan-keuangan/ @budi\n")
    git(r, "init", "-q", "-b", "main")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "Impor data")
    git(r, "checkout", "-q", "-b", "ubah")
    path = r / "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    waktu: 1 hari\n", "    waktu: 2 hari\n", 1), encoding="utf-8")
    git(r, "commit", "-q", "-am", "Ubah waktu", author="Rina <rina@x.go.id>")
    git(r, "checkout", "-q", "main")
    git(r, "merge", "-q", "--no-ff", "ubah", "-m", "Merge pull request #7 from rina/ubah\n\nWaktu notulen 2 hari\n\nDisetujui-oleh: @budi",
        date="2025-03-04T10:00:00+07:00")
    manual, records, problems = load_all(r, date(2026, 11, 25))
    assert manual is not None, problems
    site = Site(manual, records, date(2026, 11, 25), read_history(r), codeowners.load(r))
    pages = {k: html.unescape(v) for k, v in generated_pages(site).items()}
    page = pages["sop/evaluasi-kinerja.md"]
    history = page.split("## Riwayat Revisi")[1]
    assert "Waktu notulen 2 hari" in history and "#7" in history and "klaim: @budi" in history
    assert "bukan merge commit: masuk langsung" in history  # the import commit
    assert "merge tidak ditandatangani" in history and "terverifikasi</span>" not in history
    # An unsigned merge proves no approval: the form's revision date is not taken from it.
    assert "perubahan terakhir yang disetujui" not in page
    audit = pages["jejak-audit/index.md"]
    assert "## Maret 2025" in audit and "merge PR #7" in audit and "/sop_defs/diskominfo/perencanaan-keuangan/" in audit


def test_history_command(repo: Path) -> None:
    import sys

    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(repo), "history", SOP],
                            capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr
    assert "PR #12" in result.stdout and "Penyetuju: Budi <budi@x.go.id>" in result.stdout
    assert "Persetujuan: diklaim" in result.stdout and "! merge tidak ditandatangani" in result.stdout
    assert "Persetujuan: tanpa persetujuan" in result.stdout and "! bukan merge commit: masuk langsung" in result.stdout


FOLDERS = DATA_FOLDERS + META_PATHS
RAW_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def git_out(repo: Path, *args: str, data: bytes | None = None) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, input=data).stdout.decode()


def main_line(repo: Path) -> list[str]:
    """The first-parent commits that touch the data folders, as git itself lists them."""
    return git_out(repo, "rev-list", "--first-parent", "HEAD", "--", *FOLDERS).split()


def commit_message(repo: Path, message: bytes, author: str = "Andi <andi@x.go.id>", date: str = "2025-06-01T09:00:00+07:00") -> None:
    """Commit what is staged with exactly these bytes as the message: no cleanup, nothing dropped."""
    path = repo.parent / "pesan.txt"
    path.write_bytes(message)
    git(repo, "commit", "-q", "--allow-empty-message", "--cleanup=verbatim", "-F", str(path), author=author, date=date)


def commit_object(repo: Path, header: bytes, message: bytes) -> str:
    """A hand-made commit object on top of HEAD with the staged tree: anything goes in `header` and `message`."""
    tree, head = git_out(repo, "write-tree").strip(), git_out(repo, "rev-parse", "HEAD").strip()
    raw = b"tree %s\nparent %s\n%s\n\n%s" % (tree.encode(), head.encode(), header, message)
    oid = git_out(repo, "hash-object", "-t", "commit", "-w", "--literally", "--stdin", data=raw).strip()
    git(repo, "update-ref", "refs/heads/main", oid)
    return oid


def assert_sound(repo: Path, history: History) -> None:
    """Exactly git's own list of main-line commits, and nothing from git shown raw."""
    assert history.available, history.reason
    assert [c.commit for c in history.changes] == main_line(repo)
    for change in history.changes:
        for text in (change.subject, change.author, *change.approvers, *change.files):
            assert not RAW_CONTROL.search(text), text


def test_crafted_message_cannot_forge_an_entry(repo: Path) -> None:
    fake = "\x1e" + "f" * 40 + "\x1f\x1fMallory\x1f2031-12-31T09:00:00+07:00\x1fMerge pull request #99 from mallory/x\x1f"
    fake += "Perubahan palsu\n\nDisetujui-oleh: Budi <budi@x.go.id>\n\x1f\nsop_defs/u/a.yaml\n"
    write(repo, SOP, "nama: A\nwaktu: 4 jam\n")
    git(repo, "add", "-A")
    commit_message(repo, f"Ubah SOP\n\ncatatan\x1f{fake}".encode())
    history = read_history(repo)
    assert_sound(repo, history)
    assert len(history.changes) == 5
    assert all(c.day != date(2031, 12, 31) and c.pr != 99 and c.author != "Mallory" for c in history.changes)
    newest = history.of(SOP)[0]
    assert (newest.subject, newest.pr, newest.files) == ("Ubah SOP", None, (SOP,))  # a direct commit, flagged as such
    # Its planted trailer is a claim, never more: no row of the trail is verified.
    assert {row.verdict.level for row in trail_of(history, SOP, today=date(2026, 1, 1)).rows} == {NONE, CLAIMED}


def test_lone_separator_does_not_break_later_builds(repo: Path) -> None:
    for number, separator in enumerate(("\x1f", "\x1e")):
        write(repo, SOP, f"nama: A\nwaktu: {number} jam\n")
        git(repo, "add", "-A")
        commit_message(repo, f"Ubah{separator}waktu (#2{number})\n\nApproved-by: @budi{separator}\n".encode())
        history = read_history(repo)
        assert_sound(repo, history)
        assert history.of(SOP)[0].subject == f"Ubah{visible(separator)}waktu"
    write(repo, SOP, "nama: A\nwaktu: 3 jam\n")  # the revert: the message stays in history for good
    git(repo, "commit", "-q", "-am", "Kembalikan SOP (#22)")
    history = read_history(repo)
    assert_sound(repo, history)
    assert [c.pr for c in history.of(SOP)] == [22, 21, 20, 14, 12, None]
    assert history.of(SOP)[1].approvers == ("@budi\\x1e",)


def test_control_characters_are_shown_escaped(repo: Path) -> None:
    odd, foreign = "records/2025/TW1/baris\nbaru.yaml", "records/2025/TW1/catatan-ü-ñ-日本.yaml"
    write(repo, odd, "sop: a\n")
    write(repo, foreign, "sop: a\n")
    git(repo, "add", "-A")
    commit_message(repo, "Tambah\x1ecatatan \u202eTW1\x07\n\nDisetujui-oleh: @ri\x1fna\n".encode(),
                   author="Evi\x1eSusanti <evi@x.go.id>")
    history = read_history(repo)
    assert_sound(repo, history)
    change = history.changes[0]
    assert change.author == "Evi\\x1eSusanti"
    assert change.subject == "Tambah\\x1ecatatan \\u202eTW1\\x07"
    assert change.approvers == ("@ri\\x1fna",)
    assert change.files == ("records/2025/TW1/baris\\x0abaru.yaml", foreign)
    assert history.of(odd) == [change] and history.of(foreign) == [change]  # looked up by the real name


def test_visible_escapes_controls_and_bidi_only() -> None:
    assert visible("a\x00\t\n\x1e\x1f\x7f\x85\x9f\u202a\u202e\u2066\u2069b") == (
        "a\\x00\\x09\\x0a\\x1e\\x1f\\x7f\\x85\\x9f\\u202a\\u202e\\u2066\\u2069b"
    )
    assert visible("Budi Santoso <budi@x.go.id> ü 日本 \\x1e") == "Budi Santoso <budi@x.go.id> ü 日本 \\x1e"
    # Found by an attack pass: zero-width and line-separator characters let one name pass for another.
    assert visible("Kab\u200bid\u2028Palsu\ufeff") == "Kab\\u200bid\\u2028Palsu\\ufeff"


def test_hand_crafted_commit_objects_do_not_crash(repo: Path) -> None:
    crafted = [
        (b"committer x", b"Tanpa penulis\0(#7)\n\nDisetujui-oleh: @bu\0di\n"),
        (b"author \x1e\nauthor Palsu <p@x> 1 +0000\ncommitter C <c@x> 999999999999 +0700", b"Tanggal mustahil"),
        (b"author Jos\xe9 <j@x> 1736474400 +0700\ncommitter C <c@x> 1736474400 +9999\nencoding ISO-8859-1", b"Caf\xe9"),
        (b"author Jos\xe9 <j@x> 1736474400 +0700\ncommitter C <c@x> 1736474400 -0700", b"Bukan \xff UTF-8"),
        (b"author <j@x> 1736474400 +0700\ncommitter C <c@x> 1736474400 +0700", f"Merge pull request #{'9' * 5000} from x".encode()),
        (b"author A <a@x> 1736474400 +0700\ncommitter C <c@x> 1736474400 +0700\nencoding punycode", b"a" * 20000),
    ]
    for number, (header, message) in enumerate(crafted):
        write(repo, SOP, f"nama: A\nwaktu: {number} jam\n")
        git(repo, "add", "-A")
        commit_object(repo, header, message)
    history = read_history(repo)
    assert_sound(repo, history)
    rows = [(c.author, c.day, c.subject, c.pr, c.approvers) for c in history.of(SOP)[:6]]
    assert rows == [
        ("A", date(2025, 1, 10), "a" * 20000, None, ()),  # an unknown or costly encoding is read as UTF-8
        ("(tidak terbaca)", date(2025, 1, 10), "Merge pull request #" + "9" * 5000 + " from x", None, ()),
        ("Jos\ufffd", date(2025, 1, 9), "Bukan \ufffd UTF-8", None, ()),
        ("José", date(2025, 1, 10), "Café", None, ()),
        ("(tidak terbaca)", date(1970, 1, 1), "Tanggal mustahil", None, ()),
        ("(tidak terbaca)", date(1970, 1, 1), "Tanpa penulis\\x00", 7, ("@bu\\x00di",)),
    ]


def test_git_processes_do_not_grow_with_history(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    run = subprocess.run

    def counting(args: list[str], **kwargs: Any) -> Any:
        calls.append(args)
        return run(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    read_history(repo)
    few = len(calls)
    for number in range(10):
        git(repo, "checkout", "-q", "-b", f"pr{number}")
        write(repo, SOP, f"nama: A\nwaktu: {number} hari\n")
        git(repo, "commit", "-q", "-am", f"Ubah {number}", author="Rina <rina@x.go.id>")
        git(repo, "checkout", "-q", "main")
        git(repo, "merge", "-q", "--no-ff", f"pr{number}", "-m", f"Merge pull request #{100 + number} from rina/pr{number}")
    calls.clear()
    history = read_history(repo)
    # rev-parse, log of changes, log of moves, cat-file of commits, log of the graph, cat-file of the rules files
    # (no allowed_signers here, so no signature check: test_approval counts that one)
    assert len(calls) == few <= 6
    assert len(history.changes) == 14 and history.changes[0].author == "Rina"


FRAGMENTS = [bytes([b]) for b in range(256)] + [
    b"\x1e", b"\x1f", b"\x1e" + b"f" * 40 + b"\x1f", b"\n", b"\n\n", b"\r\n", b"\0", b"Merge pull request #99 from m/x\n",
    b"(#98)", b"Disetujui-oleh: @budi\n", b"2031-12-31T09:00:00+07:00", b"sop_defs/u/a.yaml", "ü\u202e日".encode(),
    b"\xc3", b"\xed\xa0\x80", b"<", b">", b" 99999999999999999999 +0700", b" 1736474400 +0700", b"\nencoding ISO-8859-1",
    b"\nencoding utf-16", b"\nparent " + b"f" * 40, b"\nauthor ", b"\ncommitter ",
]
fuzz_bytes = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(b"".join)
fuzz_names = st.text(st.characters(exclude_characters="\0<>", exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=fuzz_bytes, name=fuzz_names, author=fuzz_bytes, committer=fuzz_bytes, raw_message=fuzz_bytes)
def test_fuzzed_commits_never_break_the_trail(
    repo: Path, message: bytes, name: str, author: bytes, committer: bytes, raw_message: bytes
) -> None:
    """Every example adds to the same repository: later reads must survive all earlier commits too."""
    write(repo, SOP, f"nama: A\nwaktu: {time.monotonic_ns()}\n")
    git(repo, "add", "-A")
    commit_message(repo, message.replace(b"\0", b""), author=f"A{name}Z <a@x.go.id>")
    write(repo, REC, f"sop: a\nn: {time.monotonic_ns()}\n")
    git(repo, "add", "-A")
    commit_object(repo, b"author " + author + b"\ncommitter " + committer, raw_message)
    started = time.monotonic()
    history = read_history(repo)
    assert time.monotonic() - started < 5
    assert_sound(repo, history)


def test_a_moved_file_keeps_its_history(repo: Path) -> None:
    """`git mv` into an agency folder (issue 15): the SOP page still shows every change before the move."""
    moved = "sop_defs/instansi/u/a.yaml"
    (repo / moved).parent.mkdir(parents=True)
    git(repo, "mv", SOP, moved)
    git(repo, "commit", "-q", "-m", "Pindah ke folder instansi (#15)\n\nApproved-by: @budi", date="2025-06-02T08:00:00+07:00")
    history = read_history(repo)
    assert [c.subject for c in history.of(moved)] == [
        "Pindah ke folder instansi", "Perbaiki SOP", "Perbarui waktu langkah 3", "Impor SOP awal"]
    # moved back again: each name's changes are counted once, in order
    git(repo, "mv", moved, SOP)
    git(repo, "commit", "-q", "-m", "Kembalikan (#16)", date="2025-06-03T08:00:00+07:00")
    subjects = [c.subject for c in read_history(repo).of(SOP)]
    assert subjects == ["Kembalikan", "Pindah ke folder instansi", "Perbaiki SOP", "Perbarui waktu langkah 3", "Impor SOP awal"]


def test_the_last_approved_change_of_an_older_version_stops_at_its_commit() -> None:
    from generator.trail.approval import Trail, TrailRow

    def change(commit: str, pr: int) -> Change:
        return Change(commit * 40, date(2026, 1, pr), "Andi", f"PR {pr}", pr, ("@pemilik",), ("a.yaml",))

    newest, middle, oldest = change("c", 3), change("b", 2), change("a", 1)
    ok, claimed = Verdict("terverifikasi", ()), Verdict(CLAIMED, ("merge tidak ditandatangani",))
    trail = Trail(True, "", [TrailRow(newest, ok), TrailRow(middle, claimed), TrailRow(oldest, ok)])
    assert trail.last_approved() is newest
    assert trail.last_approved(until=middle.commit) is oldest  # the flagged change itself does not count
    assert trail.last_approved(until="f" * 40) is None  # a commit the file's history does not hold
