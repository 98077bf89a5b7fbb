from generator.yamlload import MAX_NODES, load_text


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
    from generator.yamlload import load_file

    text = "nama: A\nlangkah:\n  - no: 1\n    kegiatan: |\n      baris satu\n      baris dua\n"
    unix, windows = tmp_path / "unix.yaml", tmp_path / "windows.yaml"
    unix.write_bytes(text.encode())
    windows.write_bytes(text.replace("\n", "\r\n").encode())
    (a, _), (b, _) = load_file(unix, "u.yaml"), load_file(windows, "w.yaml")
    assert a is not None and b is not None
    assert b.data == a.data and b.marks == a.marks
