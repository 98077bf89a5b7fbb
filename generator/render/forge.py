"""Web addresses on the repository's forge (GitHub, GitLab, Gitea/Forgejo): a commit, a pull request, the web
editor for a file, and the new-file editor with the file's name and text filled in.

Pure: built from mkdocs' `repo_url` and the plugin's `forge` and `cabang` options; reads nothing.

URL forms, as each forge documents or implements them:
- GitHub: `/new/<branch>?filename=<path>&value=<text>` is the form GitHub's changeset bot links
  (github.com/changesets/bot, index.ts: `.../new/${ref}?filename=.changeset/x.md&value=...`; a `/` in
  `filename` makes folders) and that Gitea copied "just like GitHub"; `/edit/<branch>/<path>` is the form of
  MkDocs' own `edit_uri: edit/main/docs/`; `/commit/<sha>`, `/pull/<n>`.
- GitLab: the new-file page (`/-/new/<branch>`) fills its name field from `file_name` and its editor from
  `content` (gitlabhq app/views/projects/blob/_editor.html.haml: `text_field_tag 'file_name', params[:file_name]`,
  `params[:content] || blob_data`). GitLab issue 594214 reports that recent editors leave `content` out while
  `file_name` still works; the contributor guide says what to do then. `/-/edit/<branch>/<path>`,
  `/-/commit/<sha>`, `/-/merge_requests/<n>`.
- Gitea and Forgejo: "Pre-Fill New File name and contents" in Gitea's docs (development/integrations, from
  go-gitea/gitea#16556): `GET /{org}/{repo}/_new/{path}?filename={name}&value={content}`, where a `/` in
  `filename` makes folders; `/_edit/<branch>/<path>` (routers/web/web.go), `/commit/<sha>`, `/pulls/<n>`.

Every part taken from data is percent-encoded here; templates then HTML-escape the whole address.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode, urlsplit

# Display names, by the `forge` option's values.
KINDS = {"github": "GitHub", "gitlab": "GitLab", "gitea": "Gitea"}

# Browsers take far longer addresses, but forges and their proxies refuse long request lines
# (GitHub answers 414 URI Too Long); a new-file link longer than this goes without its text.
MAX_URL_CHARS = 7000


class UnknownForge(ValueError):
    """`repo_url`'s host does not say which forge it is, and the `forge` option is not set."""


def kind_of_host(host: str) -> str | None:
    """The forge a host name tells: github.com, gitlab.com or gitlab.*, codeberg.org, gitea.* or forgejo.*."""
    host = host.lower()
    if host in ("github.com", "www.github.com"):
        return "github"
    if host == "gitlab.com" or host.startswith("gitlab."):
        return "gitlab"
    if host == "codeberg.org" or host.startswith(("gitea.", "forgejo.")):
        return "gitea"
    return None


@dataclass(frozen=True)
class NewFileLink:
    """A new-file editor link; `prefilled` is False when the text was left out to keep the address short."""

    url: str
    prefilled: bool


@dataclass(frozen=True)
class Forge:
    """The repository on its forge. `base` is `scheme://host/owner/repo` (percent-encoded, no trailing `/`);
    `folder` is where the data folder (sop_defs/, records/) sits in the repository, "" at its root."""

    kind: str
    base: str
    branch: str = "main"
    folder: str = ""

    @property
    def name(self) -> str:
        return KINDS[self.kind]

    def commit_url(self, sha: str) -> str:
        return f"{self.base}{'/-' if self.kind == 'gitlab' else ''}/commit/{_segment(sha)}"

    def pr_url(self, number: int) -> str:
        page = {"github": "pull", "gitlab": "-/merge_requests", "gitea": "pulls"}[self.kind]
        return f"{self.base}/{page}/{int(number)}"

    def edit_url(self, path: str) -> str:
        """The web editor of the file at `path` (relative to the data folder) on the branch."""
        action = {"github": "edit", "gitlab": "-/edit", "gitea": "_edit"}[self.kind]
        return f"{self.base}/{action}/{_path(self.branch)}/{_path(self._in_repository(path))}"

    def new_file_url(self, path: str, content: str | None = None) -> str:
        """The new-file editor on the branch with its name (`path`, relative to the data folder) and, when given,
        its text filled in."""
        name_key, text_key = ("file_name", "content") if self.kind == "gitlab" else ("filename", "value")
        query = {name_key: self._in_repository(path)}
        if content is not None:
            query[text_key] = content
        page = {"github": "new/{}", "gitlab": "-/new/{}", "gitea": "_new/{}/"}[self.kind].format(_path(self.branch))
        return f"{self.base}/{page}?{urlencode(query, quote_via=quote, safe='')}"

    def new_file_link(self, path: str, content: str) -> NewFileLink:
        """The new-file editor prefilled with `content`, or with the name only when that address would be too long."""
        url = self.new_file_url(path, content)
        if len(url) <= MAX_URL_CHARS:
            return NewFileLink(url, True)
        return NewFileLink(self.new_file_url(path), False)

    def _in_repository(self, path: str) -> str:
        _path(path)  # refuses `..` and the like before it is joined
        return f"{self.folder}/{path}" if self.folder else path


def forge_from_config(repo_url: str | None, kind: str | None = None, branch: str = "main", folder: str = "") -> Forge | None:
    """The forge of mkdocs' `repo_url`; None without one (then no page shows a forge button).

    Raises UnknownForge when the host does not tell the forge and `kind` is not given, ValueError (message in
    Indonesian, naming the option) for any other value that cannot make an address.
    """
    if not repo_url or not repo_url.strip():
        return None
    parts = urlsplit(repo_url.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in ("https", "http") or not parts.hostname or port == -1:
        raise ValueError(f"repo_url `{repo_url}` bukan alamat http(s) repositori, misalnya https://github.com/dinas/manual-sop")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"opsi forge `{kind}` tidak dikenal; pilih salah satu: {', '.join(KINDS)}")
    found = kind or kind_of_host(parts.hostname)
    if found is None:
        raise UnknownForge(
            f"repo_url {parts.hostname} tidak menunjukkan jenis forge-nya; tulis `forge: github`, `forge: gitlab` "
            "atau `forge: gitea` (juga untuk Forgejo) di opsi plugin sopgen di mkdocs.yml"
        )
    _checked("cabang", branch)
    if folder:
        _checked("folder_data", folder)
    path = unquote(parts.path).rstrip("/").removesuffix(".git").rstrip("/")
    # The host and port only: a `user:token@` written into repo_url must not reach the pages.
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    netloc = f"{host}:{port}" if port else host
    base = f"{parts.scheme}://{netloc}{quote(path, safe='/')}"
    return Forge(found, base, branch, folder)


def _checked(option: str, value: str) -> None:
    try:
        _path(value)
    except ValueError:
        raise ValueError(f"opsi {option} `{value}` bukan nama yang sah (tanpa bagian kosong, `.` atau `..`)") from None


def _segment(text: str) -> str:
    return quote(text, safe="")


def _path(path: str) -> str:
    """A repository path as URL path segments, each percent-encoded.

    Browsers resolve `.` and `..` segments (even written `%2e`), so such a path could open another page of the forge:
    it is refused, as are empty segments.
    """
    segments = path.split("/")
    if any(s in ("", ".", "..") for s in segments):
        raise ValueError(f"not a repository path: {path!r}")
    return "/".join(_segment(s) for s in segments)
