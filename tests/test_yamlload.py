import pytest

from generator.data.yamlload import MAX_DEPTH, MAX_NODES, load_text


def test_no_yes_on_off_stay_text_so_the_step_key_no_survives() -> None:
    loaded, problems = load_text("langkah:\n  - no: 1\n    a: yes\n    b: On\n    c: off\n", "x.yaml")
    assert problems == []
    assert loaded is not None
    step = loaded.data["langkah"][0]
    assert step == {"no": 1, "a": "yes", "b": "On", "c": "off"}


def test_true_false_are_booleans_and_dates_stay_text() -> None:
    loaded, _ = load_text("a: true\nb: false\nc: 2022-05-01\nd: 1.5\n", "x.yaml")
    assert loaded is not None
    assert loaded.data == {"a": True, "b": False, "c": "2022-05-01", "d": 1.5}


def test_marks_point_at_keys_and_list_items() -> None:
    loaded, _ = load_text("nama: X\nlangkah:\n  - no: 1\n    waktu: 2 jam\n", "x.yaml")
    assert loaded is not None
    assert loaded.mark(("langkah", 0, "waktu")) == (4, 5)
    assert loaded.mark(("langkah", 0, "missing")) == (3, 5)


def test_duplicate_key_names_both_lines() -> None:
    _, problems = load_text("nama: A\nunit: U\nnama: B\n", "sop_defs/u/s.yaml")
    assert len(problems) == 1
    assert problems[0].line == 3
    assert "ditulis dua kali" in problems[0].message and "baris 1" in problems[0].message


def test_python_tags_are_refused() -> None:
    _, problems = load_text("a: !!python/object/apply:os.system ['echo hi']\n", "x.yaml")
    assert problems and "tidak diizinkan" in problems[0].message
    assert problems[0].line == 1


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    _, problems = load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert problems and str(MAX_NODES) in problems[0].message


def test_syntax_error_has_line_and_indonesian_reason() -> None:
    _, problems = load_text("nama: A\nunit: Sub: Bagian\n", "x.yaml")
    assert problems[0].line == 2
    assert "titik dua" in problems[0].message


def test_merge_keys_are_refused() -> None:
    _, problems = load_text("base: &b {a: 1}\nx:\n  <<: *b\n", "x.yaml")
    assert problems and "<<" in problems[0].message


def test_windows_line_endings_read_like_unix_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.data.yamlload import load_file

    text = "nama: A\nlangkah:\n  - no: 1\n    kegiatan: |\n      baris satu\n      baris dua\n"
    unix, windows = tmp_path / "unix.yaml", tmp_path / "windows.yaml"
    unix.write_bytes(text.encode())
    windows.write_bytes(text.replace("\n", "\r\n").encode())
    (a, _), (b, _) = load_file(tmp_path, "unix.yaml"), load_file(tmp_path, "windows.yaml")
    assert a is not None and b is not None
    assert b.data == a.data and b.marks == a.marks


def test_deep_flow_nesting_is_refused_before_parsing_and_quickly() -> None:
    # 30,000 levels crashed PyYAML's C composer (segfault); libyaml also slows down quadratically with depth.
    import time

    started = time.perf_counter()
    _, problems = load_text("a: " + "[" * 300_000 + "]" * 300_000 + "\n", "dalam.yaml")
    assert time.perf_counter() - started < 2
    assert [(p.line, p.message) for p in problems] == [
        (1, f"kurung `[` atau `{{` bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)")
    ]


def test_deep_block_nesting_is_refused_without_recursion() -> None:
    _, problems = load_text("a:\n  " + "- " * 100_000 + "x\n", "dalam.yaml")
    assert len(problems) == 1 and f"lebih dari {MAX_DEPTH} tingkat" in problems[0].message
    loaded, problems = load_text("a:\n  " + "- " * (MAX_DEPTH - 2) + "x\n", "cukup.yaml")
    assert problems == [] and loaded is not None


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\u202e", "\u2066", "\r"])
def test_control_and_bidi_override_characters_are_refused_where_they_are(char: str) -> None:
    escaped = char.encode("unicode_escape").decode()
    _, problems = load_text(f'nama: A\nlangkah:\n  - kegiatan: "Periksa {escaped} dokumen"\n', "s.yaml")
    assert [(p.line, p.column, p.key) for p in problems] == [(3, 15, "langkah ke-1 › kegiatan")]
    assert f"U+{ord(char):04X}" in problems[0].message and "tidak diizinkan" in problems[0].message


def test_tabs_newlines_and_other_scripts_are_text() -> None:
    loaded, problems = load_text('a: "satu\\tdua\\nتلاتة — 日本"\n', "s.yaml")
    assert problems == [] and loaded is not None and loaded.data == {"a": "satu\tdua\nتلاتة — 日本"}


def test_anchors_and_aliases_still_work_and_count_toward_the_limit() -> None:
    loaded, problems = load_text("a: &x {b: [1, 2]}\nc: *x\n", "s.yaml")
    assert problems == [] and loaded is not None
    assert loaded.data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}}
    _, problems = load_text("a: *tidak-ada\n", "s.yaml")
    assert problems[0].message == "alias `*tidak-ada` tidak dikenal"


def test_a_non_text_key_or_second_document_is_a_located_problem() -> None:
    _, problems = load_text("nama: A\n[x]: 1\n", "s.yaml")
    assert [(p.line, p.message) for p in problems] == [(2, "kunci harus berupa teks")]
    _, problems = load_text("nama: A\n---\nnama: B\n", "s.yaml")
    assert [(p.line, p.message) for p in problems] == [(2, "berkas memuat lebih dari satu dokumen YAML (`---`)")]


def test_file_is_read_without_following_links_or_past_the_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.data.yamlload import MAX_FILE_BYTES, load_file

    (tmp_path / "data").mkdir()
    (tmp_path / "data/nol.yaml").symlink_to("/dev/zero")
    (tmp_path / "rahasia.txt").write_text("kata-sandi: rahasia\n", encoding="utf-8")
    (tmp_path / "data/bocor.yaml").symlink_to(tmp_path / "rahasia.txt")
    (tmp_path / "data/folder").symlink_to(tmp_path)
    (tmp_path / "data/besar.yaml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    for rel in ("data/nol.yaml", "data/bocor.yaml", "data/folder/rahasia.txt"):
        loaded, problems = load_file(tmp_path, rel)
        assert loaded is None and "tautan simbolik tidak diizinkan" in problems[0].message
        assert "rahasia" not in problems[0].message.replace(rel, "")
    _, problems = load_file(tmp_path, "data/besar.yaml")
    assert "terlalu besar" in problems[0].message
