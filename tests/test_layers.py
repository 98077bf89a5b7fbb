"""The package layout holds: each layer imports only from layers below it, and no module imports itself in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "generator"
# data -> manual -> records (and performance) -> trail -> render -> plugin / commands; errors is below all, loading joins manual and
# records, and named (the check of named files) reuses loading.
LAYER = {"errors": 0, "data": 1, "manual": 2, "records": 3, "performance": 3, "loading": 3, "named": 3, "trail": 4, "render": 5, "plugin": 6, "commands": 6}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module of ours that `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names if (PACKAGE.parent / f"{node.module}.{alias.name}".replace(".", "/")).with_suffix(".py").exists()}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("generator")}
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYER[parts[1]] if len(parts) > 1 else -1


def test_no_layer_imports_a_higher_one() -> None:
    upward = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        for target in targets
        if layer(target) > layer(module) and not (module == "generator.plugin" and target.startswith("generator.plugin"))
    ]
    assert upward == []


def test_render_and_lower_layers_know_nothing_of_mkdocs() -> None:
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        if layer(module) <= LAYER["render"]:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
            names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
            assert not any(name.split(".")[0] == "mkdocs" for name in names), module


def test_no_import_cycles() -> None:
    imported = graph()
    edges = {module: {t for t in targets if t in imported and t != module} for module, targets in imported.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(module: str, trail: list[str]) -> bool:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycle.extend([*trail, module, target])
                return True
            if target not in state and visit(target, trail + [module]):
                return True
        state[module] = 2
        return False

    for module in sorted(edges):
        if module not in state and visit(module, []):
            break
    assert cycle == []


def test_every_package_says_what_it_must_not_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "must not import" in doc.lower(), init


def test_the_top_level_holds_few_modules() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= 6, top
