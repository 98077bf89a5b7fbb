"""CODEOWNERS: which approvers own which paths (last matching line wins, as on GitHub)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

LOCATIONS = ("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS")


@dataclass(frozen=True)
class Rule:
    pattern: str
    owners: tuple[str, ...]
    line: int

    def matches(self, path: str) -> bool:
        pattern = self.pattern
        anchored = pattern.startswith("/")
        pattern = pattern.lstrip("/")
        if pattern.endswith("/"):
            return path.startswith(pattern) if anchored else f"/{pattern}" in f"/{path}"
        if anchored or "/" in pattern:
            return fnmatch.fnmatchcase(path, pattern) or path.startswith(pattern.rstrip("*") + "/")
        return any(fnmatch.fnmatchcase(part, pattern) for part in path.split("/"))


@dataclass(frozen=True)
class CodeOwners:
    source: str | None
    rules: tuple[Rule, ...]

    def owners_of(self, path: str) -> tuple[str, ...]:
        owners: tuple[str, ...] = ()
        for rule in self.rules:
            if rule.matches(path):
                owners = rule.owners
        return owners


def parse(text: str, source: str | None = None) -> CodeOwners:
    rules = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        pattern, *owners = line.split()
        rules.append(Rule(pattern, tuple(owners), number))
    return CodeOwners(source, tuple(rules))


def load(root: Path) -> CodeOwners:
    for location in LOCATIONS:
        path = root / location
        if path.is_file():
            return parse(path.read_text(encoding="utf-8"), location)
    return CodeOwners(None, ())


def same_person(approver: str, owner: str) -> bool:
    """An approver trailer ("Rina Marlina <rina@x.go.id>" or "@rina") names a CODEOWNERS entry."""
    owner_key = owner.lstrip("@").lower()
    text = approver.lower()
    if "<" in text and ">" in text:
        email = text.split("<", 1)[1].split(">", 1)[0].strip()
        if email == owner_key:
            return True
    handles = {w.lstrip("@").strip(",;") for w in text.split() if w.startswith("@")}
    return owner_key in handles
