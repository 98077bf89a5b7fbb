"""What git can prove about each change of the main line: its parents and dates, who wrote the commits it
brought, the CODEOWNERS and `allowed_signers` in force before it (at its first parent) and after it, and
whether its SSH signature verifies against the signers in force before it.

A fixed number of git processes, plus one per distinct version of `allowed_signers`: the commit graph
(`git log -z`, hashes, e-mails and times only), one `git cat-file --batch` for every version of the
rules files, and `git log --no-walk --stdin` per signers file to check signatures with ssh-keygen.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.data.gitblobs import run_git
from generator.trail import codeowners, signers
from generator.trail.codeowners import CodeOwners
from generator.trail.signers import AllowedSigners

HASH = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")
# CODEOWNERS and its allowed_signers sit in the same folder; the first CODEOWNERS found is the one in force.
RULE_FILES = tuple(zip(codeowners.LOCATIONS, signers.LOCATIONS))
WATCHED = frozenset(path for pair in RULE_FILES for path in pair)
LIMIT = 1 << 20  # a rules file larger than this is read as empty (refusing the approval, not the build)
VERIFY = ("-c", "gpg.format=ssh", "-c", "gpg.ssh.program=ssh-keygen")  # the repository's config chooses nothing


@dataclass(frozen=True)
class Rules:
    """CODEOWNERS and allowed_signers as one commit's tree holds them."""

    owners: CodeOwners = CodeOwners(None, ())
    signers: AllowedSigners = AllowedSigners(None)


NO_RULES = Rules()


@dataclass(frozen=True)
class Signature:
    status: str  # git's %G?: "G" good and from a known key, "N" none, anything else not verified
    fingerprint: str  # %GF: the key's SHA256 fingerprint, "" when unsigned


@dataclass(frozen=True)
class Commit:
    parents: tuple[str, ...]
    email: str  # the author's, lowercased
    time: int  # committer time, seconds since the epoch


@dataclass(frozen=True)
class Facts:
    """What a change is judged on (see trail.approval)."""

    commit: str
    parents: tuple[str, ...]
    time: int
    parent_time: int | None
    authors: frozenset[str]  # e-mails of the commits the change brought (the branch of a merge)
    before: Rules  # at the first parent: what the change is judged against
    after: Rules | None  # in the change's own tree, when it changed a rules file
    signature: Signature | None  # checked for merges only


def read_facts(root: Path, changes: Iterable[tuple[str, tuple[bytes, ...]]]) -> dict[str, Facts] | None:
    """`changes`: (commit, paths it changed) of the main line; None when git cannot tell."""
    changes = list(changes)
    graph = _graph(root)
    if graph is None:
        return None
    main_line = _first_parent_line(graph)
    firsts = {c: graph[c].parents[0] for c, _ in changes if c in graph and graph[c].parents}
    touching = {c for c, paths in changes if any(p.decode("utf-8", "replace") in WATCHED for p in paths)}
    rules = _rules_at(root, set(firsts.values()) | touching)
    if rules is None:
        return None
    merges = {c: rules.get(firsts[c], NO_RULES).signers for c, _ in changes if c in graph and len(graph[c].parents) > 1}
    signatures = _signatures(root, merges)
    facts = {}
    for commit, _ in changes:
        node = graph.get(commit)
        first = firsts.get(commit)
        facts[commit] = Facts(
            commit=commit,
            parents=node.parents if node else (),
            time=node.time if node else 0,
            parent_time=graph[first].time if first in graph else None,
            authors=_authors(graph, commit, main_line),
            before=rules.get(first, NO_RULES) if first else NO_RULES,
            after=rules.get(commit, NO_RULES) if commit in touching else None,
            signature=signatures.get(commit),
        )
    return facts


def _graph(root: Path) -> dict[str, Commit] | None:
    """Every commit reachable from HEAD: "%H %P", author e-mail, committer time, NUL-separated."""
    out = run_git(root, "log", "-z", "--no-color", "--topo-order", "--format=%H %P%x00%ae%x00%ct", "HEAD")
    if out is None:
        return None
    parts = out.rstrip(b"\0").split(b"\0") if out else []
    if len(parts) % 3:
        return None
    graph = {}
    for at in range(0, len(parts), 3):
        head, email, time = parts[at : at + 3]
        hashes = head.lstrip(b"\n").split()
        if not hashes or not all(HASH.fullmatch(h) for h in hashes):
            return None
        commit, *parents = (h.decode("ascii") for h in hashes)
        # A hand-made commit may have no readable time: 0 raises no date warning it has not earned.
        seconds = int(time) if time.isdigit() and len(time) < 15 else 0
        graph[commit] = Commit(tuple(parents), email.decode("utf-8", "replace").strip().lower(), seconds)
    return graph


def _first_parent_line(graph: dict[str, Commit]) -> set[str]:
    """Every commit on the main line (HEAD's first-parent chain): the branch of a merge stops there."""
    line: set[str] = set()
    commit = next(iter(graph), None)  # --topo-order lists HEAD, the only tip, first
    while commit is not None and commit not in line:
        line.add(commit)
        node = graph.get(commit)
        commit = node.parents[0] if node and node.parents else None
    return line


def _authors(graph: dict[str, Commit], commit: str, main_line: set[str]) -> frozenset[str]:
    """The authors of a merge's branch (its commits not on the main line), or of the commit itself."""
    node = graph.get(commit)
    if node is None:
        return frozenset()
    if len(node.parents) < 2:
        return frozenset({node.email})
    found, stack, seen = set(), list(node.parents[1:]), set()
    while stack:
        current = stack.pop()
        if current in seen or current in main_line or current not in graph:
            continue
        seen.add(current)
        found.add(graph[current].email)
        stack.extend(graph[current].parents)
    return frozenset(found)


def _rules_at(root: Path, commits: set[str]) -> dict[str, Rules] | None:
    """Each commit's rules files, through one `cat-file --batch`; each distinct file parsed once."""
    ordered = sorted(commits)
    wanted = [(c, path) for c in ordered for pair in RULE_FILES for path in pair]
    if not wanted:
        return {}
    out = run_git(root, "cat-file", "--batch", stdin="".join(f"{c}:{path}\n" for c, path in wanted).encode())
    answers = None if out is None else _answers(out, len(wanted))
    if answers is None:
        return None
    found = dict(zip(wanted, answers))
    parsed: dict[tuple[str, bytes], object] = {}
    rules = {}
    for commit in ordered:
        rules[commit] = _rules_of(commit, found, parsed)
    return rules


def _rules_of(commit: str, found: dict[tuple[str, str], bytes | None], parsed: dict[tuple[str, bytes], object]) -> Rules:
    for owners_path, signers_path in RULE_FILES:
        text = found.get((commit, owners_path))
        if text is None:
            continue
        owners = parsed.setdefault(("o", text), codeowners.parse(text.decode("utf-8", "replace"), owners_path))
        keys = found.get((commit, signers_path)) or b""
        allowed = parsed.setdefault(("s", keys), signers.parse(keys.decode("utf-8", "replace"), signers_path if keys else None))
        return Rules(owners, allowed)  # type: ignore[arg-type]
    return NO_RULES


def _answers(out: bytes, count: int) -> list[bytes | None] | None:
    """`cat-file --batch` answers in order: "<oid> blob <size>\\n<bytes>\\n", or "<name> missing\\n"."""
    answers: list[bytes | None] = []
    at = 0
    for _ in range(count):
        end = out.find(b"\n", at)
        if end < 0:
            return None
        head = out[at:end]
        if head.endswith(b" missing") or head.endswith(b" ambiguous"):
            answers.append(None)
            at = end + 1
            continue
        oid, kind, size = (head.split(b" ") + [b"", b""])[:3]
        if not HASH.fullmatch(oid) or not size.isdigit():
            return None
        length = int(size)
        answers.append(out[end + 1 : end + 1 + length] if kind == b"blob" and length <= LIMIT else None)
        at = end + 1 + length + 1
    return answers


def _signatures(root: Path, merges: dict[str, AllowedSigners]) -> dict[str, Signature]:
    """Each merge's signature, checked against the signers in force before it; one git process per signers file."""
    by_file: dict[AllowedSigners, list[str]] = {}
    for commit, allowed in merges.items():
        by_file.setdefault(allowed, []).append(commit)
    found: dict[str, Signature] = {}
    for allowed, commits in by_file.items():
        found |= _verify(root, allowed, commits)
    return found


def _verify(root: Path, allowed: AllowedSigners, commits: list[str]) -> dict[str, Signature]:
    if not allowed.signers:
        return {c: Signature("N", "") for c in commits}  # no key is allowed: nothing can verify
    with tempfile.NamedTemporaryFile("w", suffix=".allowed_signers", encoding="utf-8") as handle:
        # Rewritten from the parsed lines: only plain principals and keys reach ssh-keygen (options such as
        # valid-before are dropped, so an approval is judged on who holds the key, not on when).
        handle.write("".join(f"{','.join(s.principals)} {s.key}\n" for s in allowed.signers))
        handle.flush()
        out = run_git(
            root, *VERIFY, "-c", f"gpg.ssh.allowedSignersFile={handle.name}",
            "log", "--no-walk=unsorted", "--stdin", "-z", "--format=%H %G? %GF",
            stdin="".join(f"{c}\n" for c in commits).encode(),
        )
    found = {}
    for record in (out or b"").split(b"\0"):
        parts = record.strip().split(b" ")
        if len(parts) == 3 and HASH.fullmatch(parts[0]) and len(parts[1]) == 1:
            found[parts[0].decode("ascii")] = Signature(parts[1].decode("ascii"), parts[2].decode("ascii", "replace"))
    return found
