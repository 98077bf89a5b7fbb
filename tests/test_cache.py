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


def settled_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file read once after its last change had settled (the window shrunk to zero instead of waiting 2 s)."""
    import time

    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    path = tmp_path / "a.yaml"
    path.write_text("nama: A\n", encoding="utf-8")
    time.sleep(0.05)
    return path


def test_a_settled_unchanged_file_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settled_file(tmp_path, monkeypatch)
    seen, compute = counting()
    cache.cached(tmp_path, "a.yaml", "sop", compute)  # type: ignore[arg-type]
    reads: list[str] = []
    original = cache.read_inside_stat
    monkeypatch.setattr(cache, "read_inside_stat", lambda root, rel, limit: reads.append(rel) or original(root, rel, limit))
    assert cache.cached(tmp_path, "a.yaml", "sop", compute) == 1  # type: ignore[arg-type]
    assert reads == [] and len(seen) == 1


def test_a_settled_file_edited_later_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = settled_file(tmp_path, monkeypatch)
    seen, compute = counting()
    cache.cached(tmp_path, "a.yaml", "sop", compute)  # type: ignore[arg-type]
    path.write_text("nama: B\n", encoding="utf-8")  # same size: the times and inode status differ
    assert cache.cached(tmp_path, "a.yaml", "sop", compute) == 2  # type: ignore[arg-type]
    assert seen[-1] == b"nama: B\n"


def test_a_symlink_put_in_place_of_a_settled_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = settled_file(tmp_path, monkeypatch)
    seen, compute = counting()
    cache.cached(tmp_path, "a.yaml", "sop", compute)  # type: ignore[arg-type]
    (tmp_path / "outside.yaml").write_text("nama: A\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(tmp_path / "outside.yaml")
    cache.cached(tmp_path, "a.yaml", "sop", compute)  # type: ignore[arg-type]
    assert seen[-1] is None, "the loader is told the file may not be read"


def test_a_value_computed_from_the_same_inputs_is_kept() -> None:
    calls: list[int] = []
    first, other = object(), object()
    assert cache.remembered(("x",), (first, "teks"), lambda: calls.append(1) or len(calls)) == 1
    assert cache.remembered(("x",), (first, "teks"), lambda: calls.append(1) or len(calls)) == 1
    assert cache.remembered(("x",), (other, "teks"), lambda: calls.append(1) or len(calls)) == 2  # another object
    assert cache.remembered(("x",), (other, "lain"), lambda: calls.append(1) or len(calls)) == 3


def test_a_slot_keeps_its_last_few_results() -> None:
    versions = [object() for _ in range(cache.KEPT_PER_SLOT + 1)]
    calls: list[object] = []
    for version in versions[:-1] * 2:  # asked for in turn, as an SOP's versions are: each computed once
        cache.remembered(("sop",), (version,), lambda v=version: calls.append(v) or v)
    assert calls == versions[:-1]
    cache.remembered(("sop",), (versions[-1],), lambda: calls.append(versions[-1]))
    cache.remembered(("sop",), (versions[0],), lambda: calls.append(versions[0]))  # the oldest had to go
    assert calls[-1] is versions[0] and len(calls) == len(versions) + 1
