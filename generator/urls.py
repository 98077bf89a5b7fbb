"""Where each generated page lives in the site; the one place that knows the layout."""

from __future__ import annotations

HOME = "index.md"


def sop_page(sop_id: str) -> str:
    return f"sop/{sop_id}.md"


LEGAL_BASES = "dasar-hukum/index.md"
QUALIFICATIONS = "kualifikasi/index.md"
ROLES = "jabatan/index.md"
DOCUMENTS = "dokumen/index.md"


def legal_basis_page(basis_id: str) -> str:
    return f"{LEGAL_BASES}#{basis_id}"


def document_page(document_id: str) -> str:
    return f"dokumen/{document_id}.md"


def role_page(role_id: str) -> str:
    return f"jabatan/{role_id}.md"


def relative(from_page: str, to_page: str) -> str:
    """A link from one page's source path to another's, as MkDocs resolves Markdown links."""
    from posixpath import dirname, relpath

    target, _, anchor = to_page.partition("#")
    link = relpath(target, dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link
