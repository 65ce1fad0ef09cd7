"""The import graph of the code under services/, schemas/ and src/: layers and cycles.

Read from the source with ``ast`` (nothing is imported), so a violation fails here
before it shows up as a start-up import error.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SOURCE_ROOTS = (
    ROOT / "src",
    ROOT / "schemas",
    ROOT / "services" / "ingest",
    ROOT / "services" / "enrich",
    ROOT / "services" / "index",
)
# The command on top (CLI, demo, local stack, supervise): nothing below may import it.
TOP = "claimwire"
SERVICES = ("claimwire_ingest", "claimwire_enrich", "claimwire_index")
BASE = "claimwire_base"
SCHEMAS = "claimwire_schemas"


def _modules() -> dict[str, Path]:
    """Map every module's dotted name to its file (packages by their ``__init__``)."""
    found: dict[str, Path] = {}
    for root in SOURCE_ROOTS:
        for path in sorted(root.rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _absolute(module: str, node: ast.ImportFrom) -> str:
    """The absolute name ``from ... import`` names, relative levels resolved."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    # A package's own name is its first level; a module's is its parent package.
    drop = node.level - 1 if _is_package(module) else node.level
    parent = base[: len(base) - drop] if drop else base
    return ".".join([*parent, node.module] if node.module else parent)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules an import statement loads (the deepest name that is a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    source = _absolute(module, node)
    names = [f"{source}.{alias.name}" for alias in node.names]
    return [name if name in MODULES else source for name in names]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module loads: top level and inside top-level if/try."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
    return found


def _all_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def _top_package(name: str) -> str:
    return name.split(".")[0]


def _parse(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


def _below_the_top() -> list[str]:
    lower = (*SERVICES, BASE, SCHEMAS)
    return [m for m in MODULES if _top_package(m) in lower]


@pytest.mark.parametrize("module", _below_the_top())
def test_services_base_and_schemas_never_import_the_command(module: str) -> None:
    """Anywhere in the module, even inside a function: the arrows point down only."""
    tree = _parse(module)
    upward = sorted(
        target
        for node in _all_imports(tree)
        for target in _targets(module, node)
        if _top_package(target) == TOP
    )
    assert upward == [], f"{module} imports the top layer: {upward}"


@pytest.mark.parametrize("module", [m for m in MODULES if _top_package(m) in (BASE, SCHEMAS)])
def test_base_and_schemas_never_import_a_service(module: str) -> None:
    tree = _parse(module)
    upward = sorted(
        target
        for node in _all_imports(tree)
        for target in _targets(module, node)
        if _top_package(target) in SERVICES
    )
    assert upward == [], f"{module} imports a service: {upward}"


def _graph() -> dict[str, set[str]]:
    """Module-level import edges between our own modules."""
    graph: dict[str, set[str]] = {}
    for module in MODULES:
        edges = graph.setdefault(module, set())
        for node in _module_level_imports(_parse(module)):
            edges.update(t for t in _targets(module, node) if t in MODULES and t != module)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            if children:
                child = children.pop()
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, sorted(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle_among_services_schemas_and_src() -> None:
    assert _cycles(_graph()) == []


def test_relative_imports_resolve_to_our_modules() -> None:
    """Guards the resolver itself: a silent miss would hide cycles."""
    graph = _graph()
    assert "claimwire_base.settings" in graph["claimwire_base.kafka_io"]
