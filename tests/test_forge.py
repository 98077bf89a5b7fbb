"""Forge addresses: the exact URL forms of GitHub, GitLab and Gitea/Forgejo, and what a browser decodes from them."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.render import forge as forge_module
from generator.render.forge import Forge, UnknownForge, forge_from_config, kind_of_host

REPO_URLS = {
    "github": "https://github.com/dinas/manual-sop",
    "gitlab": "https://gitlab.com/pemda/dinas/manual-sop",
    "gitea": "https://codeberg.org/dinas/manual-sop",
}


def made(kind: str, branch: str = "main") -> Forge:
    forge = forge_from_config(REPO_URLS[kind], branch=branch)
    assert forge is not None and forge.kind == kind
    return forge


@pytest.mark.parametrize(
    ("kind", "commit", "pr", "edit", "new"),
    [
        ("github",
         "https://github.com/dinas/manual-sop/commit/0123abc",
         "https://github.com/dinas/manual-sop/pull/12",
         "https://github.com/dinas/manual-sop/edit/main/records/2026/TW2/a.yaml",
         "https://github.com/dinas/manual-sop/new/main?filename=records%2F2026%2FTW2%2Fa.yaml&value=sop%3A%20a%0A"),
        ("gitlab",
         "https://gitlab.com/pemda/dinas/manual-sop/-/commit/0123abc",
         "https://gitlab.com/pemda/dinas/manual-sop/-/merge_requests/12",
         "https://gitlab.com/pemda/dinas/manual-sop/-/edit/main/records/2026/TW2/a.yaml",
         "https://gitlab.com/pemda/dinas/manual-sop/-/new/main?file_name=records%2F2026%2FTW2%2Fa.yaml&content=sop%3A%20a%0A"),
        ("gitea",
         "https://codeberg.org/dinas/manual-sop/commit/0123abc",
         "https://codeberg.org/dinas/manual-sop/pulls/12",
         "https://codeberg.org/dinas/manual-sop/_edit/main/records/2026/TW2/a.yaml",
         "https://codeberg.org/dinas/manual-sop/_new/main/?filename=records%2F2026%2FTW2%2Fa.yaml&value=sop%3A%20a%0A"),
    ],
)
def test_url_forms_of_each_forge(kind: str, commit: str, pr: str, edit: str, new: str) -> None:
    forge = made(kind)
    assert forge.commit_url("0123abc") == commit
    assert forge.pr_url(12) == pr
    assert forge.edit_url("records/2026/TW2/a.yaml") == edit
    assert forge.new_file_url("records/2026/TW2/a.yaml", "sop: a\n") == new
    assert forge.new_file_url("records/2026/TW2/a.yaml") == new.rsplit("&", 1)[0]  # without text: the name only


def test_names_shown_on_the_buttons() -> None:
    assert [made(k).name for k in ("github", "gitlab", "gitea")] == ["GitHub", "GitLab", "Gitea"]


@pytest.mark.parametrize(
    ("host", "kind"),
    [("github.com", "github"), ("GitHub.com", "github"), ("gitlab.com", "gitlab"), ("gitlab.pemda.go.id", "gitlab"),
     ("codeberg.org", "gitea"), ("gitea.pemda.go.id", "gitea"), ("forgejo.pemda.go.id", "gitea"),
     ("git.pemda.go.id", None), ("notgithub.com", None), ("github.com.evil.example", None)],
)
def test_the_host_tells_the_forge_only_when_it_can(host: str, kind: str | None) -> None:
    assert kind_of_host(host) == kind


def test_the_forge_option_decides_for_a_host_that_does_not_tell() -> None:
    with pytest.raises(UnknownForge, match="forge: gitea"):
        forge_from_config("https://git.pemda.go.id/dinas/manual-sop")
    forge = forge_from_config("https://git.pemda.go.id/dinas/manual-sop", "gitlab")
    assert forge is not None
    assert forge.pr_url(3) == "https://git.pemda.go.id/dinas/manual-sop/-/merge_requests/3"


@pytest.mark.parametrize("repo_url", [None, "", "   "])
def test_no_repo_url_means_no_forge(repo_url: str | None) -> None:
    assert forge_from_config(repo_url, "github") is None


@pytest.mark.parametrize(
    "repo_url",
    ["https://github.com/dinas/manual-sop/", "https://github.com/dinas/manual-sop.git",
     "https://user:rahasia@github.com/dinas/manual-sop", "https://github.com/dinas/manual-sop?tab=readme#top"],
)
def test_repo_url_is_reduced_to_the_repository_and_never_carries_credentials(repo_url: str) -> None:
    forge = forge_from_config(repo_url)
    assert forge is not None
    assert forge.base == "https://github.com/dinas/manual-sop"
    assert "rahasia" not in forge.edit_url("a.yaml")


@pytest.mark.parametrize(
    ("repo_url", "kind", "branch", "message"),
    [
        ("javascript:alert(1)", None, "main", r"bukan alamat http\(s\)"),
        ("ftp://github.com/dinas/manual-sop", None, "main", r"bukan alamat http\(s\)"),
        ("https://github.com:99999/dinas/manual-sop", None, "main", r"bukan alamat http\(s\)"),
        ("https://github.com/dinas/manual-sop", "bitbucket", "main", "opsi forge `bitbucket` tidak dikenal"),
        ("https://github.com/dinas/manual-sop", None, "", "opsi cabang"),
        ("https://github.com/dinas/manual-sop", None, "../../settings", "opsi cabang"),
    ],
)
def test_bad_options_are_named_in_indonesian(repo_url: str, kind: str | None, branch: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        forge_from_config(repo_url, kind, branch)


HOSTILE_NAME = "records/2026/TW2/a b?x=1&y#z%41+ñ<script>.yaml"
HOSTILE_TEXT = "sop: x&value=evil\n# 100% #tag ?q=1 + spasi\tñ 😀 </a><script>alert(1)</script>\r\n"


@pytest.mark.parametrize("kind", ["github", "gitlab", "gitea"])
def test_hostile_names_and_text_decode_back_exactly(kind: str) -> None:
    forge = made(kind, branch="rilis/2026 #1")
    url = forge.new_file_url(HOSTILE_NAME, HOSTILE_TEXT)
    assert all(ch not in url for ch in " <>\"'\n\t#") and url.isascii()
    parts = urlsplit(url)
    assert parts.netloc == urlsplit(REPO_URLS[kind]).netloc and not parts.fragment
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    name_key, text_key = ("file_name", "content") if kind == "gitlab" else ("filename", "value")
    assert query == {name_key: [HOSTILE_NAME], text_key: [HOSTILE_TEXT]}
    assert "rilis/2026%20%231" in parts.path  # the branch's own `/` stays a separator, everything else is encoded
    edit = urlsplit(forge.edit_url(HOSTILE_NAME))
    assert unquote(edit.path).endswith("/rilis/2026 #1/" + HOSTILE_NAME) and not edit.query and not edit.fragment


@pytest.mark.parametrize("path", ["../../settings", "records/../../x.yaml", "/etc/passwd", "records//a.yaml", "./a.yaml", "a/"])
def test_paths_a_browser_would_resolve_elsewhere_are_refused(path: str) -> None:
    forge = made("github")
    with pytest.raises(ValueError):
        forge.edit_url(path)
    with pytest.raises(ValueError):
        forge.new_file_url(path, "x")


def test_a_data_folder_inside_the_repository_prefixes_every_path() -> None:
    forge = forge_from_config(REPO_URLS["gitea"], folder="data/manual")
    assert forge is not None
    assert forge.edit_url("records/2026/TW2/a.yaml").endswith("/_edit/main/data/manual/records/2026/TW2/a.yaml")
    assert parse_qs(urlsplit(forge.new_file_url("records/a.yaml")).query) == {"filename": ["data/manual/records/a.yaml"]}


def test_a_text_too_long_for_one_address_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    forge = made("github")
    short = forge.new_file_link("records/a.yaml", "sop: a\n")
    assert short.prefilled and short.url == forge.new_file_url("records/a.yaml", "sop: a\n")
    long = forge.new_file_link("records/a.yaml", "# " + "langkah " * 2000)
    assert not long.prefilled and long.url == forge.new_file_url("records/a.yaml")
    monkeypatch.setattr(forge_module, "MAX_URL_CHARS", len(short.url) - 1)
    assert not forge.new_file_link("records/a.yaml", "sop: a\n").prefilled
