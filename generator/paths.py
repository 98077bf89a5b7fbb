"""Files that data points to must be real files inside the repository."""

from __future__ import annotations

from pathlib import Path


def repo_file_problem(root: Path, rel: str, suffixes: tuple[str, ...] = ()) -> str | None:
    """Why `rel` cannot be used as a repository file, or None when it can."""
    if rel.startswith("/") or "\\" in rel or ".." in Path(rel).parts:
        return f"berkas `{rel}` harus ditulis relatif terhadap folder repositori, tanpa `..`"
    target = root / rel
    if not target.resolve().is_relative_to(root.resolve()) or target.is_symlink():
        return f"berkas `{rel}` menunjuk ke luar repositori"
    if not target.is_file():
        return f"berkas `{rel}` tidak ada di repositori"
    if suffixes and target.suffix.lower() not in suffixes:
        return f"berkas `{rel}` harus berakhiran salah satu dari: {', '.join(suffixes)}"
    return None
