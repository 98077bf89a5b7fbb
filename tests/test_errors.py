from generator.errors import Problem, Severity


def test_a_problem_is_one_line_whatever_the_data_holds() -> None:
    """A file name or quoted value with a newline must not forge a second `path:line:` line in the output."""
    problem = Problem("records/2025/TW1/a\n.yaml", 3, 5, "catatan", "nilai `x\nsop_defs/b.yaml:1:1: Data sah` \u202etidak sah")
    text = problem.format()
    assert "\n" not in text and "\u202e" not in text
    assert text == "records/2025/TW1/a\\n.yaml:3:5: [catatan] nilai `x\\nsop_defs/b.yaml:1:1: Data sah` \\u202etidak sah"


def test_a_warning_says_so() -> None:
    assert Problem("a.yaml", 1, 2, "", "tidak dipakai", Severity.WARNING).format() == "a.yaml:1:2: peringatan: tidak dipakai"
