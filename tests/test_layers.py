"""The layout shows the layers, and the imports keep to them.

core → io, text → analysis → charts → apps: a module imports only from its own
sub-package or a lower layer, never from a sibling of its layer or above it, and
there are no import cycles. Imports inside functions and under TYPE_CHECKING count
as well: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "interview_lab"
LAYERS = {"core": 0, "io": 1, "text": 1, "analysis": 2, "charts": 3, "apps": 4}
#: Top-level public paths that only re-export names from the layers (like the package).
FACADES = {"interview_lab.priorities", "interview_lab.journal"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every interview_lab module that ``path`` imports, anywhere in the file."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found |= {c for c in candidates if c.startswith("interview_lab") and c in MODULES}
    return found - {name}


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_lives_in_a_layer():
    loose = sorted(
        m
        for m in MODULES
        if _layer(m) is None and m not in {"interview_lab", "interview_lab.__main__", *FACADES}
    )
    assert loose == [], f"modules outside the layer folders: {loose}"


@pytest.mark.parametrize("module", sorted(FACADES))
def test_a_facade_only_re_exports(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in tree.body:
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        names = isinstance(node, ast.Assign) and [
            t.id for t in node.targets if isinstance(t, ast.Name)
        ] == ["__all__"]
        assert docstring or names or isinstance(node, ast.ImportFrom), ast.dump(node)[:80]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m)))
def test_no_module_imports_from_a_sibling_or_a_higher_layer(module):
    own = _layer(module)
    assert own is not None
    wrong = [
        target
        for target in sorted(GRAPH[module])
        if target == "interview_lab"
        or (_layer(target) != own and LAYERS[_layer(target) or "apps"] >= LAYERS[own])
    ]
    assert wrong == [], f"{module} imports {wrong}"


def test_the_core_imports_nothing_outside_the_core():
    for module in (m for m in MODULES if _layer(m) == "core"):
        assert all(_layer(t) == "core" for t in GRAPH[module]), (module, GRAPH[module])


def test_there_are_no_import_cycles():
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> bool:
        state[node] = 1
        for target in sorted(GRAPH[node]):
            if target == "interview_lab":
                continue
            if state.get(target) == 1:
                cycle.extend([*stack[stack.index(target) :], target])
                return True
            if target not in state and visit(target, [*stack, target]):
                return True
        state[node] = 2
        return False

    for module in sorted(MODULES):
        if module not in state and visit(module, [module]):
            break
    assert cycle == [], " -> ".join(cycle)


def test_the_graph_is_not_empty():
    # The checks above are only worth something if the imports were found.
    assert "interview_lab.core.model" in GRAPH["interview_lab.analysis.evaluate"]
    assert len(MODULES) >= 15
