from pathlib import Path

import pytest

from generator.data import cache
from generator.data.yamlload import MAX_FILE_BYTES


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def counting() -> tuple[list[bytes | None], object]:
    seen: list[bytes | None] = []

    def compute(content: bytes | None) -> int:
        seen.append(content)
        return len(seen)

    return seen, compute


def test_unchanged_file_is_computed_once(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("nama: A\n", encoding="utf-8")
    seen, compute = counting()
    assert cache.cached(tmp_path, "a.yaml", "sop", compute) == 1  # type: ignore[arg-type]
    assert cache.cached(tmp_path, "a.yaml", "sop", compute) == 1  # type: ignore[arg-type]
    assert seen == [b"nama: A\n"]


def test_changed_bytes_are_computed_again_even_with_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("nama: A\n", encoding="utf-8")
    seen, compute = counting()
    cache.cached(tmp_path, "a.yaml", "sop", compute)  # type: ignore[arg-type]
    path.write_text("nama: B\n", encoding="utf-8")
    assert cache.cached(tmp_path, "a.yaml", "sop", compute) == 2  # type: ignore[arg-type]
    assert seen[-1] == b"nama: B\n"


def test_kinds_are_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    seen, compute = counting()
    cache.cached(tmp_path, "a.yaml", "sop", compute)  # type: ignore[arg-type]
    cache.cached(tmp_path, "a.yaml", "rekaman", compute)  # type: ignore[arg-type]
    assert len(seen) == 2


def test_missing_oversized_or_linked_file_is_left_to_the_loader(tmp_path: Path) -> None:
    seen, compute = counting()
    cache.cached(tmp_path, "gone.yaml", "sop", compute)  # type: ignore[arg-type]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    cache.cached(tmp_path, "big.yaml", "sop", compute)  # type: ignore[arg-type]
    (tmp_path / "link.yaml").symlink_to(tmp_path / "a-real.yaml")
    (tmp_path / "a-real.yaml").write_text("x: 1\n", encoding="utf-8")
    cache.cached(tmp_path, "link.yaml", "sop", compute)  # type: ignore[arg-type]
    assert seen == [None, None, None]  # a symlink is never read, even to a file beside it
