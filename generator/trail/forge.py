"""The pull-request number a commit message claims, in the forms GitHub, GitLab and Gitea/Forgejo write.

A message is text anyone can type: what this module finds is a claim. Only a merge commit (two parents)
is shown as a pull request's merge; anything else that names a number is "diklaim" at most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANK = " \t\r"
# Bounded numbers: int() of 5000 digits raises.
GITHUB_MERGE = re.compile(r"Merge pull request #(\d{1,9}) from \S", re.ASCII)
# Gitea and Forgejo: "Merge pull request 'title' (#N) from branch into main"
GITEA_MERGE = re.compile(r"Merge pull request '(.*)' \(#(\d{1,9})\) from \S", re.ASCII)
# GitLab puts its reference in the body: "See merge request group/subgroup/project!N"
GITLAB_REFERENCE = re.compile(r"See merge request [\w.\-/]{1,255}!(\d{1,9})[ \t]*$", re.ASCII | re.MULTILINE)
# A squash merge on GitHub or Gitea: "title (#N)"
SQUASH = re.compile(r"\(#(\d{1,9})\)[ \t]*$", re.ASCII)


@dataclass(frozen=True)
class Claim:
    number: int
    title: str  # the change's own title, without the forge's wording
    merge_form: bool  # written as a merge commit's message (not a squash title)


def pr_claim(subject: str, body: str, trailer: re.Pattern[str]) -> Claim | None:
    """The PR a message names, and the title to show; `trailer` matches approval lines, never a title."""
    if found := GITHUB_MERGE.match(subject):
        return Claim(int(found[1]), _first_line(body, trailer) or subject, True)
    if found := GITEA_MERGE.match(subject):
        return Claim(int(found[2]), found[1], True)
    if found := GITLAB_REFERENCE.search(body):
        # GitLab's subject is "Merge branch 'x' into 'main'"; the MR title is the body's first line.
        title = _first_line(body, trailer, skip=GITLAB_REFERENCE) if subject.startswith("Merge branch ") else subject
        return Claim(int(found[1]), title or subject, subject.startswith("Merge branch "))
    if found := SQUASH.search(subject):
        return Claim(int(found[1]), subject[: found.start()].rstrip(BLANK), False)
    return None


def _first_line(body: str, trailer: re.Pattern[str], skip: re.Pattern[str] | None = None) -> str:
    for line in body.split("\n"):
        text = line.strip(BLANK)
        if text and not trailer.match(text) and not (skip and skip.match(text)):
            return text
    return ""
