"""Approval levels on real temporary repositories, with real SSH keys made by ssh-keygen and real signed merges."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.trail.approval import CLAIMED, NONE, VERIFIED, Verdict, flagged_changes
from generator.trail.forge import pr_claim
from generator.trail.history import TRAILER, read_history
from tests.test_history import git, write

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen (openssh-client) is missing")

SOP = "sop_defs/u/a.yaml"
OTHER = "sop_defs/v/b.yaml"
TODAY = date(2026, 1, 1)
BUDI, RINA, MALLORY = "Budi <budi@x.go.id>", "Rina <rina@x.go.id>", "Mallory <mallory@x.go.id>"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An ed25519 key pair per person, made by ssh-keygen."""
    folder = tmp_path_factory.mktemp("kunci")
    found = {}
    for name in ("budi", "rina", "mallory"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(folder / name)], check=True)
        found[name] = folder / name
    return found


def signer_line(principals: str, key: Path) -> str:
    return f"{principals} {' '.join(key.with_suffix('.pub').read_text().split()[:2])}\n"


def merge(repo: Path, branch: str, message: str, author: str, key: Path | None, day: str = "2025-02-05T14:00:00+07:00") -> None:
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"] if key else []
    git(repo, *signing, "merge", "-q", "--no-ff", *(["-S"] if key else []), branch, "-m", message, author=author, date=day)


def branch_change(repo: Path, branch: str, path: str, text: str, author: str, day: str = "2025-02-03T10:00:00+07:00") -> None:
    git(repo, "checkout", "-q", "-b", branch, "main")
    write(repo, path, text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"Ubah {path}", author=author, date=day)
    git(repo, "checkout", "-q", "main")


@pytest.fixture
def repo(tmp_path: Path, keys: dict[str, Path]) -> Path:
    """Budi owns sop_defs/u/, Rina owns sop_defs/v/; both keys allowed, with their handles and e-mails."""
    r = tmp_path / "repo"
    r.mkdir()
    git(r, "init", "-q", "-b", "main")
    write(r, ".github/CODEOWNERS", "/sop_defs/u/ @budi\n/sop_defs/v/ @rina\n/.github/ @budi\n")
    write(r, ".github/allowed_signers", signer_line("@budi,budi@x.go.id", keys["budi"]) + signer_line("@rina,rina@x.go.id", keys["rina"]))
    write(r, SOP, "nama: A\n")
    write(r, OTHER, "nama: B\n")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "Impor awal", date="2025-01-10T09:00:00+07:00")
    return r


def verdicts(repo: Path) -> list[Verdict]:
    """Newest first."""
    return [row.verdict for row in flagged_changes(read_history(repo), TODAY)]


def test_a_signed_merge_by_the_owner_is_verified(repo: Path, keys: dict[str, Path]) -> None:
    branch_change(repo, "ubah", SOP, "nama: A\nwaktu: 2 jam\n", RINA)
    merge(repo, "ubah", "Merge pull request #12 from rina/ubah\n\nWaktu 2 jam", BUDI, keys["budi"])
    newest = verdicts(repo)[0]
    assert (newest.level, newest.reasons, newest.signer) == (VERIFIED, (), ("@budi", "budi@x.go.id"))
    change = read_history(repo).changes[0]
    assert (change.pr, change.is_merge, change.subject, change.author) == (12, True, "Waktu 2 jam", "Rina")


def test_a_trailer_naming_the_owner_on_an_unsigned_merge_is_only_claimed(repo: Path) -> None:
    branch_change(repo, "ubah", SOP, "nama: A\nwaktu: 2 jam\n", RINA)
    merge(repo, "ubah", "Merge pull request #12 from rina/ubah\n\nWaktu\n\nDisetujui-oleh: @budi", BUDI, None)
    newest = verdicts(repo)[0]
    assert (newest.level, newest.reasons) == (CLAIMED, ("merge tidak ditandatangani",))


def test_a_one_parent_commit_claiming_a_pr_is_not_a_merge(repo: Path, keys: dict[str, Path]) -> None:
    write(repo, SOP, "nama: A\nwaktu: 9 jam\n")
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={keys['budi']}"]
    git(repo, *signing, "commit", "-q", "-S", "-am", "Merge pull request #99 from x/y\n\nApproved-by: @budi", author=BUDI)
    write(repo, SOP, "nama: A\nwaktu: 8 jam\n")
    git(repo, "commit", "-q", "-am", "Perbaiki SOP (#100)\n\nDisetujui-oleh: @budi", author=MALLORY)
    squash, fake_merge, _ = verdicts(repo)
    reason = ("bukan merge commit: nomor PR hanya tertulis di pesan",)
    assert (squash.level, squash.reasons) == (CLAIMED, reason)
    assert (fake_merge.level, fake_merge.reasons) == (CLAIMED, reason)  # signed by an owner, still one parent
    assert [c.is_merge for c in read_history(repo).changes[:2]] == [False, False]


def test_self_approval_is_not_verified(repo: Path, keys: dict[str, Path]) -> None:
    branch_change(repo, "sendiri", SOP, "nama: A\nwaktu: 5 jam\n", BUDI)
    merge(repo, "sendiri", "Merge pull request #13 from budi/sendiri", BUDI, keys["budi"])
    newest = verdicts(repo)[0]
    assert (newest.level, newest.reasons) == (CLAIMED, ("disetujui sendiri: penanda tangan satu-satunya penulis perubahan",))


def test_a_signature_by_someone_who_does_not_own_every_path(repo: Path, keys: dict[str, Path]) -> None:
    git(repo, "checkout", "-q", "-b", "dua", "main")
    write(repo, SOP, "nama: A\nwaktu: 1 jam\n")
    write(repo, OTHER, "nama: B\nwaktu: 1 jam\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ubah dua unit", author=MALLORY)
    git(repo, "checkout", "-q", "main")
    merge(repo, "dua", "Merge pull request #14 from m/dua", BUDI, keys["budi"])
    newest = verdicts(repo)[0]
    assert (newest.level, newest.reasons) == (CLAIMED, (f"penanda tangan bukan pemilik {OTHER}",))


def test_a_key_not_in_allowed_signers_does_not_verify(repo: Path, keys: dict[str, Path]) -> None:
    branch_change(repo, "asing", SOP, "nama: A\nwaktu: 6 jam\n", RINA)
    merge(repo, "asing", "Merge pull request #15 from r/asing", MALLORY, keys["mallory"])
    newest = verdicts(repo)[0]
    assert newest.level == CLAIMED
    assert newest.reasons == ("tanda tangan tidak cocok dengan kunci mana pun di allowed_signers sebelum merge",)


def test_adding_ones_own_key_is_flagged_and_does_not_verify_itself(repo: Path, keys: dict[str, Path]) -> None:
    """Mallory adds her key and makes herself owner: the change is flagged, and it is judged by the rules before it."""
    signers = (repo / ".github/allowed_signers").read_text() + signer_line("@mallory,mallory@x.go.id", keys["mallory"])
    git(repo, "checkout", "-q", "-b", "kunci", "main")
    write(repo, ".github/allowed_signers", signers)
    write(repo, ".github/CODEOWNERS", "/sop_defs/u/ @budi @mallory\n/sop_defs/v/ @rina\n/.github/ @budi @mallory\n")
    git(repo, "commit", "-q", "-am", "Tambah kunci", author=MALLORY)
    git(repo, "checkout", "-q", "main")
    merge(repo, "kunci", "Merge pull request #16 from m/kunci", MALLORY, keys["mallory"])
    newest = verdicts(repo)[0]
    assert newest.level == CLAIMED  # her key was not allowed before this merge
    assert newest.warnings == ("memperluas hak penulisnya sendiri (CODEOWNERS atau allowed_signers)",)
    # From now on her key is allowed: her next signed merge of someone else's change verifies.
    branch_change(repo, "lanjut", SOP, "nama: A\nwaktu: 7 jam\n", RINA)
    merge(repo, "lanjut", "Merge pull request #17 from r/lanjut", MALLORY, keys["mallory"])
    assert verdicts(repo)[0].level == VERIFIED


def test_adding_someone_elses_key_is_not_flagged(repo: Path, keys: dict[str, Path]) -> None:
    signers = (repo / ".github/allowed_signers").read_text() + signer_line("@sari,sari@x.go.id", keys["mallory"])
    branch_change(repo, "sari", ".github/allowed_signers", signers, RINA)
    merge(repo, "sari", "Merge pull request #18 from r/sari", BUDI, keys["budi"])
    newest = verdicts(repo)[0]
    assert (newest.level, newest.warnings) == (VERIFIED, ())


def test_ownership_follows_the_codeowners_in_force_at_each_merge(repo: Path, keys: dict[str, Path]) -> None:
    branch_change(repo, "satu", SOP, "nama: A\nwaktu: 2 jam\n", MALLORY)
    merge(repo, "satu", "Merge pull request #20 from m/satu", RINA, keys["rina"], day="2025-03-01T10:00:00+07:00")
    # Later, Rina becomes the owner of sop_defs/u/: the old merge, signed when she was not, stays unverified.
    branch_change(repo, "pemilik", ".github/CODEOWNERS", "/sop_defs/u/ @rina\n/sop_defs/v/ @rina\n/.github/ @budi\n", RINA)
    merge(repo, "pemilik", "Merge pull request #21 from r/pemilik", BUDI, keys["budi"], day="2025-04-01T10:00:00+07:00")
    branch_change(repo, "dua", SOP, "nama: A\nwaktu: 3 jam\n", MALLORY)
    merge(repo, "dua", "Merge pull request #22 from m/dua", RINA, keys["rina"], day="2025-05-01T10:00:00+07:00")
    by_pr = {row.change.pr: row.verdict for row in flagged_changes(read_history(repo), TODAY)}
    assert by_pr[20].level == CLAIMED and by_pr[20].reasons == (f"penanda tangan bukan pemilik {SOP}",)
    # Budi, owner of .github/, approved it; Rina wrote it and gains the ownership: verified, and flagged.
    assert by_pr[21].level == VERIFIED
    assert by_pr[21].warnings == ("memperluas hak penulisnya sendiri (CODEOWNERS atau allowed_signers)",)
    assert by_pr[22].level == VERIFIED


def test_backdated_and_future_commits_are_flagged(repo: Path) -> None:
    write(repo, SOP, "nama: A\nwaktu: 4 jam\n")
    git(repo, "commit", "-q", "-am", "Mundur", date="2024-06-01T09:00:00+07:00")
    write(repo, SOP, "nama: A\nwaktu: 5 jam\n")
    git(repo, "commit", "-q", "-am", "Dari masa depan", date="2031-01-01T09:00:00+07:00")
    future, backdated, _ = verdicts(repo)
    assert backdated.warnings == ("tanggal commit lebih awal dari commit sebelumnya (tanggal mundur)",)
    assert future.warnings == ("tanggal commit sesudah tanggal acuan 2026-01-01",)


def test_signature_checks_stay_few_processes(repo: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(4):
        branch_change(repo, f"b{number}", SOP, f"nama: A\nwaktu: {number} menit\n", RINA)
        merge(repo, f"b{number}", f"Merge pull request #{30 + number} from r/b{number}", BUDI, keys["budi"])
    calls: list[list[str]] = []
    run = subprocess.run

    def counting(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return run(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counting)
    history = read_history(repo)
    git_calls = [c for c in calls if c[:1] == ["git"]]
    assert len(git_calls) == 7  # the six of test_history, and one signature check for the one allowed_signers
    assert [row.verdict.level for row in flagged_changes(history, TODAY)][:4] == [VERIFIED] * 4


# --- Merge messages of each forge, in their documented forms ---

GITLAB_MERGE = """Merge branch 'perbarui-waktu' into 'main'

Perbarui waktu langkah 3 SOP evaluasi kinerja

See merge request diskominfo/manual-sop!42"""
GITEA_MERGE = "Merge pull request 'Perbarui waktu langkah 3' (#7) from rina/perbarui-waktu into main"
GITHUB_MERGE = "Merge pull request #12 from rina/perbarui-waktu"


@pytest.mark.parametrize(("message", "number", "title", "merge_form"), [
    (GITHUB_MERGE + "\n\nPerbarui waktu langkah 3", 12, "Perbarui waktu langkah 3", True),
    (GITLAB_MERGE, 42, "Perbarui waktu langkah 3 SOP evaluasi kinerja", True),
    (GITEA_MERGE + "\n\nReviewed-on: https://git.contoh.go.id/diskominfo/manual-sop/pulls/7", 7, "Perbarui waktu langkah 3", True),
    ("Perbarui waktu langkah 3 (#5)\n\n* Ubah waktu", 5, "Perbarui waktu langkah 3", False),
    ("Perbarui waktu langkah 3\n\nSee merge request diskominfo/manual-sop!9", 9, "Perbarui waktu langkah 3", False),
])
def test_pr_numbers_of_each_forge(message: str, number: int, title: str, merge_form: bool) -> None:
    subject, _, body = message.partition("\n\n")
    claim = pr_claim(subject, body, TRAILER)
    assert claim is not None and (claim.number, claim.title, claim.merge_form) == (number, title, merge_form)


def test_gitlab_and_gitea_merges_read_from_a_repository(repo: Path) -> None:
    for name, message in (("gl", GITLAB_MERGE), ("gt", GITEA_MERGE)):
        branch_change(repo, name, SOP, f"nama: A\nwaktu: {name}\n", RINA)
        merge(repo, name, message, BUDI, None)
    gitea, gitlab = read_history(repo).changes[:2]
    assert (gitea.pr, gitea.subject, gitea.is_merge) == (7, "Perbarui waktu langkah 3", True)
    assert (gitlab.pr, gitlab.subject, gitlab.author) == (42, "Perbarui waktu langkah 3 SOP evaluasi kinerja", "Rina")


def test_no_claim_in_plain_messages() -> None:
    assert pr_claim("Perbaiki #3 langkah", "", TRAILER) is None
    assert pr_claim("Merge branch 'x' into 'main'", "tanpa rujukan", TRAILER) is None
    assert NONE != CLAIMED


def test_the_approvers_setup_script_prints_a_line_git_accepts(tmp_path: Path, keys: dict[str, Path]) -> None:
    """The one command of the contributor guide: git set to sign, and an allowed_signers line for the key."""
    from generator.trail.signers import parse

    home = tmp_path / "rumah"
    home.mkdir()
    key = tmp_path / "kunci"
    shutil.copy(keys["rina"], key)
    shutil.copy(keys["rina"].with_suffix(".pub"), key.with_suffix(".pub"))
    script = Path(__file__).parent.parent / "scripts/siapkan-tanda-tangan.sh"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "SOPGEN_KUNCI": str(key)}
    done = subprocess.run(["bash", str(script), "@rina", "rina@x.go.id"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip().splitlines()[-1]
    (signer,) = parse(line).signers
    assert signer.principals == ("@rina", "rina@x.go.id") and signer.key.startswith("ssh-ed25519 ")
    config = subprocess.run(["git", "config", "--global", "--list"], capture_output=True, text=True, env=env).stdout
    assert "gpg.format=ssh" in config and "commit.gpgsign=true" in config and f"user.signingkey={key}.pub" in config
    wrong = subprocess.run(["bash", str(script), "rina"], capture_output=True, text=True, env=env)
    assert wrong.returncode == 2 and "Pemakaian:" in wrong.stderr


def test_the_audit_page_shows_levels_and_links_prs_only_for_merges(repo: Path, keys: dict[str, Path]) -> None:
    """What an auditor sees: the level word, the signer, and a PR link only where a merge proves a PR."""
    import html

    from generator.manual.load import load_manual
    from generator.render.forge import forge_from_config
    from generator.render.pages.trail import render_audit
    from generator.render.urls import Linker
    from generator.trail import codeowners
    from tests.conftest import REPO

    branch_change(repo, "ubah", SOP, "nama: A\nwaktu: 2 jam\n", RINA)
    merge(repo, "ubah", "Merge pull request #12 from rina/ubah\n\nWaktu 2 jam", BUDI, keys["budi"])
    write(repo, SOP, "nama: A\nwaktu: 9 jam\n")
    git(repo, "commit", "-q", "-am", "Perbaiki (#99)\n\nDisetujui-oleh: @budi", author=MALLORY, date="2025-03-01T09:00:00+07:00")
    history = read_history(repo)
    manual, _ = load_manual(REPO)
    assert manual is not None
    forge = forge_from_config("https://github.com/pemda/manual-sop")
    page = html.unescape(render_audit(manual, history, codeowners.load(repo), flagged_changes(history, TODAY), [], Linker(), forge=forge))
    newest, merged = page.split('<div class="sop-change')[1:3]
    assert "diklaim</span>" in newest and "PR #99 hanya disebut di pesan" in newest and "/pull/99" not in newest
    assert "klaim): @budi" in newest
    assert "terverifikasi</span>" in merged and "Ditandatangani: @budi, budi@x.go.id" in merged
    assert '<a href="https://github.com/pemda/manual-sop/pull/12">merge PR #12</a>' in merged
    assert f'https://github.com/pemda/manual-sop/commit/{history.changes[1].commit}' in merged
    assert "1 terverifikasi" in page and "1 diklaim" in page and "1 tanpa persetujuan" in page


def test_gitlab_codeowners_sections_each_need_their_approval() -> None:
    """GitLab's format: a section per unit, default owners on the header, optional sections (^) need none."""
    from generator.trail.codeowners import parse

    owners = parse(
        "* @pengelola\n"
        "[Diskominfo] @kadis-diskominfo\n"
        "/sop_defs/diskominfo/\n"
        "/sop_defs/diskominfo/perencanaan-keuangan/ @kasubag\n"
        "[Arsip][2] @arsip\n"
        "/records/\n"
        "^[Saran] @siapa-saja\n"
        "/sop_defs/\n"
    )
    path = "sop_defs/diskominfo/perencanaan-keuangan/a.yaml"
    assert owners.required_groups(path) == [("@pengelola",), ("@kasubag",)]  # the optional section needs nobody
    assert owners.required_groups("sop_defs/diskominfo/_instansi.yaml") == [("@pengelola",), ("@kadis-diskominfo",)]
    assert owners.required_groups("records/2026/TW1/a.yaml") == [("@pengelola",), ("@arsip",)]
    assert owners.owners_of(path) == ("@pengelola", "@kasubag")


def test_a_change_of_many_files_shows_eight_and_folds_the_rest() -> None:
    from generator.manual.load import load_manual
    from generator.render.pages.trail import render_audit
    from generator.render.urls import Linker
    from generator.trail.approval import TrailRow
    from generator.trail.codeowners import CodeOwners
    from generator.trail.history import Change, History
    from tests.conftest import REPO

    files = tuple(f"records/2025/TW1/r{n:02d}.yaml" for n in range(12))
    code = ("docs/a.md", "generator/b.py")  # sorted first by name, shown after the data
    change = Change("a" * 40, date(2025, 1, 10), "Andi", "Impor", None, (), code + files)
    history = History(True, "", (change,), head="a" * 40)
    manual, _ = load_manual(REPO)
    assert manual is not None
    import html

    page = html.unescape(render_audit(manual, history, CodeOwners(None, ()), (TrailRow(change, Verdict(NONE, ("x",))),), [], Linker()))
    shown, folded = page.split('<details class="sop-berkas-lain"><summary>dan 6 berkas lain</summary>')
    assert all(f in shown for f in files[:8]) and not any(f in shown for f in files[8:] + code)
    assert all(f in folded for f in files[8:] + code) and folded.index(files[-1]) < folded.index("docs/a.md")
