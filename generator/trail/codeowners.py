"""CODEOWNERS: which owners must approve which paths, in GitHub's format or GitLab's.

GitHub: the last matching line wins. GitLab adds sections (`[Unit]`, `[Unit][2]`, `[Unit] @default-owner`);
within a section the last matching line wins, and every section with a match needs its own approval, except
optional sections (`^[Unit]`).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

# Where GitHub and GitLab look, in GitHub's order; the first file found is the one in force.
LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
SECTION = re.compile(r"(\^?)\[([^\]]+)\](?:\[\d+\])?(.*)")


@dataclass(frozen=True)
class Rule:
    pattern: str
    owners: tuple[str, ...]
    line: int
    section: str = ""  # GitLab's section name; "" outside any section
    optional: bool = False

    def matches(self, path: str) -> bool:
        pattern = self.pattern
        anchored = pattern.startswith("/")
        pattern = pattern.lstrip("/")
        if pattern.endswith("/"):
            return path.startswith(pattern) if anchored else f"/{pattern}" in f"/{path}"
        if pattern.endswith("/**"):
            return path.startswith(pattern[:-2]) if anchored else f"/{pattern[:-2]}" in f"/{path}"
        if anchored or "/" in pattern:
            return fnmatch.fnmatchcase(path, pattern) or path.startswith(pattern.rstrip("*") + "/")
        return any(fnmatch.fnmatchcase(part, pattern) for part in path.split("/"))


@dataclass(frozen=True)
class CodeOwners:
    source: str | None
    rules: tuple[Rule, ...]

    def owners_of(self, path: str) -> tuple[str, ...]:
        """Every owner who may approve `path` (all sections together), for display."""
        return tuple(dict.fromkeys(o for group in self.required_groups(path) for o in group))

    def required_groups(self, path: str) -> list[tuple[str, ...]]:
        """One group per section that matches `path`, each needing an approval from one of its owners."""
        last: dict[str, Rule] = {}
        for rule in self.rules:
            if rule.matches(path):
                last[rule.section] = rule
        return [rule.owners for rule in last.values() if not rule.optional and rule.owners]

    def pairs(self) -> frozenset[tuple[str, str]]:
        """(pattern, owner): what a change to the file grants or takes away."""
        return frozenset((rule.pattern, owner.lower()) for rule in self.rules for owner in rule.owners)


def parse(text: str, source: str | None = None) -> CodeOwners:
    rules = []
    section, optional, defaults = "", False, ()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if header := SECTION.fullmatch(line):
            optional, section, defaults = bool(header[1]), header[2].strip().lower(), tuple(header[3].split())
            continue
        pattern, *owners = line.split()
        rules.append(Rule(pattern, tuple(owners) or defaults, number, section, optional))
    return CodeOwners(source, tuple(rules))


def load(root: Path) -> CodeOwners:
    for location in LOCATIONS:
        path = root / location
        if path.is_file() and not path.is_symlink():
            return parse(path.read_text(encoding="utf-8", errors="replace"), location)
    return CodeOwners(None, ())


def same_person(approver: str, owner: str) -> bool:
    """An approver trailer ("Rina Marlina <rina@x.go.id>" or "@rina") names a CODEOWNERS entry (a claim only)."""
    owner_key = owner.lstrip("@").lower()
    text = approver.lower()
    if "<" in text and ">" in text:
        email = text.split("<", 1)[1].split(">", 1)[0].strip()
        if email == owner_key:
            return True
    handles = {w.lstrip("@").strip(",;") for w in text.split() if w.startswith("@")}
    return owner_key in handles
