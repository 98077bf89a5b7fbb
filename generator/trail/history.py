"""The approval trail, read from git itself: every change that reached the current branch.

Walks the first-parent chain of HEAD, so each entry is one arrival on the main
line: a pull-request merge, a squash commit, or a direct commit. A merge's file
list is its diff against the first parent: everything the pull request brought.

Commit messages, author names and file names are written by whoever pushes, so
none of their bytes may shape what is parsed: `git log -z` yields only hashes and
NUL-terminated file names, and each commit object comes from `git cat-file
--batch` prefixed with its size; moves (`git mv`) come from one more `git log`,
so a file keeps its history when it moves. Four git processes per read, however
long the history. Text from git is shown through `visible`, never raw.
"""

from __future__ import annotations

import codecs
import re
import shutil
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from generator.data.gitblobs import run_git
from generator.trail.evidence import WATCHED, Facts, read_facts
from generator.trail.forge import pr_claim

TRAILER = re.compile(r"(Disetujui-oleh|Approved-by|Reviewed-by):(.*)", re.IGNORECASE)
# What the trail lists: the data, and everything that decides how it is judged or shown.
DATA_FOLDERS = ("sop_defs", "records")
META_PATHS = (*sorted(WATCHED), "mkdocs.yml", "generator", "docs", ".github/workflows", ".gitlab-ci.yml")
# Controls, bidi overrides, zero-width and line-separator characters (a name must not pass for another),
# and lone surrogates (no UTF-8 page can hold them).
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]")
LOG_HEAD = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?(?: [0-9a-f]{40}(?:[0-9a-f]{24})?)* ?")  # "%H %P", SHA-1 or SHA-256
IDENT_DATE = re.compile(rb"[ \t]*(\d{1,20}) ([+-])(\d\d)(\d\d)[ \t]*")
SINGLE_BYTE = re.compile(r"iso8859-\d+|cp125\d|koi8-[ru]")  # linear and never failing, unlike punycode or idna
BLANK = " \t\r"  # git's whitespace; str.strip() would also eat \x1c-\x1f and hide them
UNREADABLE = "(tidak terbaca)"
EPOCH = date(1970, 1, 1)  # what git itself shows for a date it cannot read


@dataclass(frozen=True)
class Change:
    commit: str
    day: date
    author: str
    subject: str
    pr: int | None  # the number the message claims (see trail.forge); proven only for a signed merge
    approvers: tuple[str, ...]  # approval trailers: claims
    files: tuple[str, ...]  # shown form (see `visible`); `History.of` takes the real path
    parents: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.commit)

    @property
    def short(self) -> str:
        return self.commit[:8]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


@dataclass(frozen=True)
class History:
    available: bool
    reason: str = ""
    changes: tuple[Change, ...] = ()  # newest first
    by_file: dict[str, list[Change]] = field(default_factory=dict)
    # new path -> (position in `changes` of the commit that moved it, the path it had before), newest first
    renamed_from: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    facts: dict[str, Facts] = field(default_factory=dict)  # commit -> what git proves about it (trail.evidence)
    head: str = ""  # the commit the history was read at

    def of(self, path: str) -> list[Change]:
        """The changes of one file, newest first, following it back through moves (`git mv`)."""
        if path not in self.renamed_from:
            return self.by_file.get(path, [])
        position = {change.commit: i for i, change in enumerate(self.changes)}
        found: list[Change] = []
        current, older_than = path, -1
        while True:
            moves = [(i, old) for i, old in self.renamed_from.get(current, []) if i > older_than]
            until = moves[0][0] if moves else len(self.changes)
            found += [c for c in self.by_file.get(current, []) if older_than < position[c.commit] <= until and c not in found]
            if not moves:
                return found
            older_than, current = moves[0]


@dataclass(frozen=True)
class _Listed:
    commit: str
    parents: tuple[str, ...]
    paths: tuple[bytes, ...]


@dataclass(frozen=True)
class _Object:
    author: str
    day: date
    message: str


def visible(text: str) -> str:
    """Control and bidi-override characters as visible escapes, so no name or message can disguise itself on a page."""
    return HIDDEN.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    return run_git(root, *args, stdin=stdin, timeout=120)


def read_history(root: Path, folders: tuple[str, ...] = DATA_FOLDERS + META_PATHS) -> History:
    """The main line's changes to `folders`, newest first, with what git proves about each; unavailable (with a
    reason to show) when git cannot tell."""
    if shutil.which("git") is None:
        return History(False, "git tidak terpasang")
    state = _git(root, "rev-parse", "--is-shallow-repository", "--verify", "HEAD")
    if state is None:
        return History(False, "folder ini bukan repositori git atau belum ada commit")
    if state.split(b"\n", 1)[0] == b"true":
        return History(False, "repositori ini klon dangkal (shallow clone); riwayat lengkap tidak tersedia")
    listed = _list(root, folders)
    objects = None if listed is None else _objects(root, listed)
    renames = _renames(root, folders)
    facts = None if listed is None else read_facts(root, [(entry.commit, entry.paths) for entry in listed])
    if listed is None or objects is None or renames is None or facts is None:
        return History(False, "riwayat git tidak dapat dibaca")
    history = _history([(_change(entry, objects), entry.paths) for entry in listed], renames)
    head = state.strip().split(b"\n")[-1].decode("ascii", "replace")
    return replace(history, facts=facts, head=head)


def _history(rows: list[tuple[Change, tuple[bytes, ...]]], renames: dict[str, list[tuple[bytes, bytes]]] | None = None) -> History:
    by_file: dict[str, list[Change]] = {}
    renamed_from: dict[str, list[tuple[int, str]]] = {}
    for position, (change, paths) in enumerate(rows):
        for path in paths:
            # the name as Python's own file functions spell it, so the loader's paths find it
            by_file.setdefault(_path(path), []).append(change)
        for old, new in (renames or {}).get(change.commit, []):
            renamed_from.setdefault(_path(new), []).append((position, _path(old)))
    return History(True, "", tuple(change for change, _ in rows), by_file, renamed_from)


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _renames(root: Path, folders: tuple[str, ...]) -> dict[str, list[tuple[bytes, bytes]]] | None:
    """commit -> (old, new) of each file it moved: the data moved to `sop_defs/<instansi>/` keeps its history."""
    out = _git(
        root, "log", "-z", "--no-color", "--first-parent", "--diff-merges=first-parent", "--name-status", "-M",
        "--diff-filter=R", "--relative", "--format=%x00%H", "--", *folders,
    )
    return None if out is None else _parse_renames(out)


def _parse_renames(out: bytes) -> dict[str, list[tuple[bytes, bytes]]] | None:
    """`\0<hash>\0\nR100\0old\0new\0` per commit; None when the output is not that shape."""
    found: dict[str, list[tuple[bytes, bytes]]] = {}
    parts, i, commit = out.split(b"\0"), 0, None
    while i < len(parts):
        token = parts[i]
        if not token:
            i += 1
        elif i > 0 and not parts[i - 1] and LOG_HEAD.fullmatch(token):
            commit, i = token.decode("ascii"), i + 1
        elif token.lstrip(b"\n")[:1] == b"R" and commit is not None and i + 2 < len(parts) and parts[i + 1] and parts[i + 2]:
            found.setdefault(commit, []).append((parts[i + 1], parts[i + 2]))
            i += 3
        else:
            return None
    return found


def _list(root: Path, folders: tuple[str, ...]) -> list[_Listed] | None:
    out = _git(
        root, "log", "-z", "--no-color", "--no-show-signature", "--first-parent", "--diff-merges=first-parent",
        "--name-only", "--relative", "--format=%x00%H %P", "--", *folders,
    )
    return None if out is None else _parse_list(out)


def _parse_list(out: bytes) -> list[_Listed] | None:
    """Split `log -z` output; None when it is not the expected shape.

    Each commit is a NUL, "%H %P", NUL, then, if it has any, a newline and its
    NUL-terminated file names. No name is empty, so two NULs in a row can only
    mean "next commit".
    """
    if not out:
        return []
    if out[:1] != b"\0" or out[-1:] != b"\0":
        return None
    listed = []
    for record in out[1:-1].split(b"\0\0"):
        head, _, names = record.partition(b"\0")
        paths = names[1:].split(b"\0") if names.startswith(b"\n") else None if names else []
        if not LOG_HEAD.fullmatch(head) or paths is None or b"" in paths:
            return None
        commit, *parents = head.decode("ascii").split()
        listed.append(_Listed(commit, tuple(parents), tuple(paths)))
    return listed


def _objects(root: Path, listed: list[_Listed]) -> dict[str, _Object] | None:
    # a merge's branch tip too, for its author: still one cat-file for the whole history
    wanted = [entry.commit for entry in listed] + [entry.parents[1] for entry in listed if len(entry.parents) > 1]
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in dict.fromkeys(wanted)).encode())
    return None if out is None else _parse_batch(out)


def _parse_batch(out: bytes) -> dict[str, _Object] | None:
    """Each answer is "<oid> <type> <size>" and exactly <size> bytes, or "<oid> missing"; the size is all that counts."""
    found: dict[str, _Object] = {}
    at = 0
    while at < len(out):
        end = out.find(b"\n", at)
        head = out[at:end].split(b" ") if end >= 0 else []
        if len(head) == 2:  # missing or ambiguous: that commit gets placeholders
            at = end + 1
            continue
        if len(head) != 3 or not head[2].isdigit():
            return None
        size = int(head[2])
        if head[1] == b"commit":
            found[head[0].decode("ascii", "replace")] = _parse_commit(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # the object, then git's newline
    return found


def _parse_commit(raw: bytes) -> _Object:
    """Headers up to the first blank line (the first of each kind counts), then the message."""
    header, _, message = raw.partition(b"\n\n")
    lines: dict[bytes, bytes] = {}
    for line in header.split(b"\n"):
        key, _, value = line.partition(b" ")
        lines.setdefault(key, value)
    codec = _codec(lines.get(b"encoding", b""))
    return _Object(_name(lines.get(b"author"), codec), _day(lines.get(b"committer")), message.decode(codec, "replace"))


def _codec(declared: bytes) -> str:
    try:
        name = codecs.lookup(declared.decode("ascii").strip()).name
    except (UnicodeDecodeError, LookupError, ValueError):  # ValueError: an embedded NUL
        return "utf-8"
    return name if SINGLE_BYTE.fullmatch(name) else "utf-8"


def _name(ident: bytes | None, codec: str) -> str:
    """The name in "Name <email> seconds zone", as git reads it: everything before the first "<"."""
    name, bracket, _ = (ident or b"").partition(b"<")
    name = name.strip(b" \t")
    return visible(name.decode(codec, "replace")) if bracket and name else UNREADABLE


def _day(ident: bytes | None) -> date:
    """The day in the committer's own time zone, as `%cI` gave it; the epoch when unreadable or out of range."""
    found = IDENT_DATE.fullmatch((ident or b"").rpartition(b">")[2])
    if not found:
        return EPOCH
    seconds, sign, hours, minutes = found.groups()
    offset = (int(hours) * 60 + int(minutes)) * (-1 if sign == b"-" else 1)
    if abs(offset) >= 24 * 60:  # no such zone: read the time as UTC rather than lose the day
        offset = 0
    try:
        return (datetime(1970, 1, 1) + timedelta(seconds=int(seconds), minutes=offset)).date()
    except OverflowError:
        return EPOCH


def _message(text: str) -> tuple[str, str]:
    """Subject and body as git's %s and %b: the first paragraph on one line, then the rest."""
    lines = [line.rstrip(BLANK) for line in text.split("\n")]
    start = _next_line(lines, 0, blank=False)
    cut = _next_line(lines, start, blank=True)
    return " ".join(lines[start:cut]), "\n".join(lines[_next_line(lines, cut, blank=False) :])


def _next_line(lines: list[str], start: int, blank: bool) -> int:
    """Index of the next (non-)blank line; a scan, since popping a million blank lines one by one would hang the build."""
    return next((i for i in range(start, len(lines)) if (not lines[i]) == blank), len(lines))


def _change(entry: _Listed, objects: dict[str, _Object]) -> Change:
    found = objects.get(entry.commit, _Object(UNREADABLE, EPOCH, ""))
    subject, body = _message(found.message)
    author, pr, title = found.author, None, subject
    if claim := pr_claim(subject, body, TRAILER):
        pr, title = claim.number, claim.title
    if len(entry.parents) > 1:  # who wrote the change, not who merged it
        author = objects.get(entry.parents[1], found).author
    approvers = (m[2].strip(BLANK) for line in body.split("\n") if (m := TRAILER.match(line)))
    return Change(
        commit=entry.commit,
        day=found.day,
        author=author,
        subject=visible(title),
        pr=pr,
        approvers=tuple(dict.fromkeys(visible(a) for a in approvers if a)),
        files=tuple(sorted(visible(p.decode("utf-8", "replace")) for p in entry.paths)),
        parents=entry.parents,
    )
