"""No runtime import circle between the project's modules (ARCHITECTURE: one direction only).

import-linter (``make lint``) checks the layers and the domain capabilities; this test checks
every module: with imports under ``TYPE_CHECKING`` left out, and with the package
``__init__`` modules that Python runs before a submodule counted in, the import graph has no
cycle. A GraphQL type pointing at a type above it goes through ``schema.lazy.upward``.
"""

from __future__ import annotations

import grimp

PACKAGES = ("kernel", "models", "domain", "resolvers", "schema", "subscriptions", "server", "seed")


def _graph() -> dict[str, set[str]]:
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True, cache_dir=None)
    modules = set(graph.modules)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) & modules for m in modules}
    for module, imported in edges.items():
        implicit = set()
        for target in imported:
            parts = target.split(".")
            for size in range(1, len(parts)):
                ancestor = ".".join(parts[:size])
                if ancestor in edges and not module.startswith(ancestor + "."):
                    implicit.add(ancestor)
        imported |= implicit
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circle_between_modules() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]
