"""`allowed_signers`: whose SSH keys may sign approvals, in ssh-keygen's ALLOWED SIGNERS format.

Each line: `principals [options] keytype base64-key [comment]`. Principals are the owners as CODEOWNERS writes
them (`@handle`) or their e-mail, comma-separated. A key is known by its SHA256 fingerprint, the form git
reports for a verified signature (`%GF`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

KEY_TYPES = ("ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-")
LOCATIONS = (".github/allowed_signers", "allowed_signers", "docs/allowed_signers", ".gitlab/allowed_signers")


@dataclass(frozen=True)
class Signer:
    principals: tuple[str, ...]  # lowercased
    fingerprint: str  # "SHA256:..."
    line: int
    key: str  # "keytype base64", as ssh-keygen reads it


@dataclass(frozen=True)
class AllowedSigners:
    source: str | None
    signers: tuple[Signer, ...] = ()

    def principals_of(self, fingerprint: str) -> frozenset[str]:
        """Every principal a key stands for (a key may be listed on several lines)."""
        return frozenset(p for s in self.signers if s.fingerprint == fingerprint for p in s.principals)

    def pairs(self) -> frozenset[tuple[str, str]]:
        """(principal, fingerprint): what a change to the file grants or takes away."""
        return frozenset((p, s.fingerprint) for s in self.signers for p in s.principals)

    def identities_of(self, emails: frozenset[str]) -> frozenset[str]:
        """The e-mails, and every principal listed on a line beside one of them (the same person's handle)."""
        found = set(emails)
        for signer in self.signers:
            if emails & set(signer.principals):
                found |= set(signer.principals)
        return frozenset(found)


def parse(text: str, source: str | None = None) -> AllowedSigners:
    """Lines that are not a principal list and a key are skipped: git would not accept their keys either."""
    signers = []
    for number, raw in enumerate(text.splitlines(), 1):
        tokens = raw.split()
        if len(tokens) < 3 or tokens[0].startswith("#"):
            continue
        at = next((i for i, t in enumerate(tokens[1:], 1) if t.startswith(KEY_TYPES)), None)
        if at is None or at + 1 >= len(tokens) or (fingerprint := _fingerprint(tokens[at + 1])) is None:
            continue
        # A pattern ("*", "?", "!") would let ssh-keygen match anyone: such principals are not owners.
        principals = tuple(p.lower() for p in tokens[0].split(",") if p and not set(p) & set("*?!"))
        if principals:
            signers.append(Signer(principals, fingerprint, number, f"{tokens[at]} {tokens[at + 1]}"))
    return AllowedSigners(source, tuple(signers))


def _fingerprint(key: str) -> str | None:
    """OpenSSH's SHA256 fingerprint: the unpadded base64 of the SHA-256 of the key blob."""
    try:
        blob = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        return None
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")
