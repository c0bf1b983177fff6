"""Turns a plan (``plans``) into one Python function, compiled once per process and shared
by every request that asks the same selection.

A *pure* plan becomes ``build(src) -> dict``: it reads attributes and coerces leaves, and
raises as soon as anything is not ordinary (None where the schema says non-null, an
awaitable or an exception as a value, a coercer refusing a value, a missing attribute, an
iterable that is not a list or tuple, a failed ``is_type_of``…). Its caller then lets
graphql-core complete that value from the start, which produces graphql-core's own result
and error (message, path, locations). Nothing but attribute reads happened before, so
nothing is done twice except reading (a property may be read twice on that error path).

A plan with ``S`` entries becomes ``build(src, path, executor, bound)`` (a dict or an
awaitable of one), where ``bound`` holds the request's field details per entry; the
executor is passed at each call (subscription events and sub-executors are copies of the
executor that share its caches, each with its own errors). It gives up (``Bail``) only
before its first field. Then, in response order, each ``S`` entry runs
through ``Executor.execute_field`` (resolvers, errors, null propagation as usual) and each
plain entry is computed inline, or, when that raises, through ``execute_field`` too. A
resolver of ours called directly is called once: when it raises, its error is reported as
``execute_field`` reports it; when its value is not ordinary, graphql-core completes that
value. Like ``Executor.execute_fields``, awaitable results are gathered at the end, and
when a field raises, the awaitables already started are settled in the background.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql.pyutils import Path, Undefined
from strawberry import relay
from strawberry.execution.is_awaitable import optimized_is_awaitable

from schema.fast_execution import leaves
from schema.fast_execution.plans import Plan, calls_resolver
from schema.fast_execution.runtime import (
    call_with_info,
    complete,
    failed,
    gather_fields,
    settle,
)

Build = Callable[..., Any]
_COMPILED: dict[Plan, Build] = {}
_COMPILED_MAX = 2000
STATS = {"compiled": 0}


class _Compiler:
    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "_BAIL": leaves.BAIL,
            "_Bail": leaves.Bail,
            "_PLAIN": leaves.PLAIN,
            "_is_plain": leaves.is_plain,
            "_coerce": leaves.coerce,
            "_coerce_member": leaves.coerce_member,
            "_node_attrs": leaves.NODE_ID_ATTRS,
            "_node_id_attr": leaves.node_id_attr,
            "_global_id": leaves.global_id,
            "_GlobalID": relay.GlobalID,
            "_is_aw": optimized_is_awaitable,
            "_failed": failed,
            "_complete": complete,
            "_call": call_with_info,
            "_Path": Path,
            "_Undefined": Undefined,
            "_gather": gather_fields,
            "_settle": settle,
            "_list": list,
            "_tuple": tuple,
        }
        self.sources: list[str] = []
        self.names: dict[Any, str] = {}
        self.count = 0

    def constant(self, value: Any, prefix: str) -> str:
        """A fresh global name of the generated code bound to ``value``."""
        self.count += 1
        name = f"_{prefix}{self.count}"
        self.namespace[name] = value
        return name

    # --- values -----------------------------------------------------------------------

    def read(self, getter: tuple[Any, ...], src: str) -> str:
        """An expression reading a plain field on ``src`` (or calling its resolver)."""
        if getter[0] == "attr":
            name = getter[1]
            if name.isidentifier() and not keyword.iskeyword(name):
                return f"{src}.{name}"
            return f"{self.constant(attrgetter(name), 'get')}({src})"
        function = self.constant(getter[1], "resolver")
        if getter[0] == "self":
            return f"{function}({src})"
        if getter[0] == "keyword":
            return f"{function}(**{{{getter[2]!r}: {src}}})"
        return f"{function}({src}, {getter[2]!r})"  # a configured default resolver

    def leaf(self, leaf_type: Any, var: str, indent: str) -> list[str]:
        """Lines replacing the non-None value in ``var`` by its JSON leaf."""
        coercer = self.constant(leaf_type.coerce_output_value, "coercer")
        test = leaves.pass_through_test(leaf_type, var)
        if test is not None and leaves.is_stock_id(leaf_type):
            # Relay global IDs (a GlobalID's str is its base64), remembered per (type, id).
            return [
                f"{indent}if type({var}) is _GlobalID: "
                f"{var} = _global_id({var}.type_name, {var}.node_id)",
                f"{indent}elif not {test}: {var} = _coerce({coercer}, {var})",
            ]
        if test is not None:
            return [f"{indent}if not {test}: {var} = _coerce({coercer}, {var})"]
        members = leaves.enum_members(leaf_type)
        if members is not None:
            memo = self.constant({}, "memo")
            cls = self.constant(members, "enum")
            gql = self.constant(leaf_type, "enum_type")
            return [
                f"{indent}if type({var}) is {cls} and {var} in {memo}: {var} = {memo}[{var}]",
                f"{indent}elif type({var}) is {cls}: {var} = _coerce_member({gql}, {memo}, {var})",
                f"{indent}else: {var} = _coerce({coercer}, {var})",
            ]
        return [f"{indent}{var} = _coerce({coercer}, {var})"]

    def value(
        self, entry: tuple[Any, ...], var: str, indent: str, read: str | None = None
    ) -> list[str]:
        """Lines computing a plain entry into ``var`` (from ``read``, by default the
        entry's own read), raising when it is not ordinary."""
        kind, key = entry[0], entry[1]
        if kind == "N":
            type_name, nonnull = entry[2], entry[3]
            return [
                f"{indent}{var} = type(src)",
                f"{indent}{var} = getattr(src, _node_attrs.get({var}) or _node_id_attr({var}))",
                f"{indent}{var} = _global_id({type_name!r}, {var})",
            ]
        getter, spec, nonnull = entry[2], entry[3], entry[-1]
        lines = [f"{indent}{var} = {read or self.read(getter, 'src')}"]
        lines.append(f"{indent}if {var} is None: {'raise _BAIL' if nonnull else 'pass'}")
        if kind == "L":
            lines.append(f"{indent}else:")
            lines.extend(self.leaf(spec, var, indent + "    "))
        elif kind == "O":
            lines.append(f"{indent}else: {var} = {self.pure_function(spec)}({var})")
        else:  # LL, LO
            lines.append(f"{indent}else: {var} = {self.list_function(entry)}({var})")
        del key
        return lines

    def list_function(self, entry: tuple[Any, ...]) -> str:
        """The name of a function building a plain list (of leaves or of pure objects)."""
        kind, spec, item_nonnull = entry[0], entry[3], entry[4]
        signature = ("list", kind, spec, item_nonnull)
        name = self.names.get(signature)
        if name is not None:
            return name
        name = self.constant(None, "list")
        self.names[signature] = name
        body = [
            f"def {name}(items):",
            "    if type(items) is not _list and type(items) is not _tuple: raise _BAIL",
        ]
        if kind == "LO":
            child = self.pure_function(spec)
            if item_nonnull:
                body.append(f"    return [{child}(x) for x in items]")
            else:
                body.append(f"    return [None if x is None else {child}(x) for x in items]")
        else:
            body += ["    out = []", "    for x in items:"]
            if item_nonnull:
                body.append("        if x is None: raise _BAIL")
            else:
                body += [
                    "        if x is None:",
                    "            out.append(None)",
                    "            continue",
                ]
            body += self.leaf(spec, "x", "        ")
            body += ["        out.append(x)", "    return out"]
        self.sources.append("\n".join(body))
        return name

    # --- objects ----------------------------------------------------------------------

    def _head(self, plan: Plan) -> list[str]:
        lines = ["    if type(src) not in _PLAIN and not _is_plain(src): raise _BAIL"]
        if plan[2] is not None:
            check = self.constant(plan[2], "is_type_of")
            lines.append(f"    if not {check}(src, None): raise _BAIL")
        return lines

    def pure_function(self, plan: Plan) -> str:
        """The name of ``build(src)`` for a pure plan (generated once per compiler)."""
        name = self.names.get(plan)
        if name is not None:
            return name
        name = self.constant(None, "pure")
        self.names[plan] = name
        body = [f"def {name}(src):", *self._head(plan)]
        items = []
        for index, entry in enumerate(plan[3]):
            if entry[0] == "T":
                items.append(f"{entry[1]!r}: {entry[2]!r}")
                continue
            var = f"v{index}"
            body += self.value(entry, var, "    ")
            items.append(f"{entry[1]!r}: {var}")
        body.append("    return {" + ", ".join(items) + "}")
        self.sources.append("\n".join(body))
        return name

    def bound_function(self, plan: Plan) -> str:
        """The name of ``build(src, path, executor, bound)`` for a plan with ``S`` entries
        or resolvers to call."""
        object_type = self.constant(plan[1], "type")
        type_name = plan[1].name
        body = [
            "def build(src, path, executor, bound):",
            *self._head(plan),
            "    execute = executor.execute_field",
            "    result = {}",
            "    waiting = None",
            "    try:",
        ]
        for index, entry in enumerate(plan[3]):
            key = entry[1]
            details = f"bound[{index}]"
            run = (
                f"execute({object_type}, src, {details}, _Path(path, {key!r}, {type_name!r}), None)"
            )
            if entry[0] == "T":
                body.append(f"        result[{key!r}] = {type_name!r}")
                continue
            field_path = f"_Path(path, {key!r}, {type_name!r})"
            wait = [
                "if _is_aw(v):",
                "    if waiting is None: waiting = []",
                f"    waiting.append({key!r})",
            ]
            if entry[0] == "S":
                body.append(f"        v = {run}")
                body += [f"        {line}" for line in wait]
            elif entry[0] == "A":
                field = self.constant(plan[1].fields[entry[5]], "field")
                function = self.constant(entry[2], "resolver")
                make_info = self.constant(entry[4], "make_info")
                body.append(
                    f"        v = _call(executor, {object_type}, {field}, {details}, "
                    f"{field_path}, src, {function}, {entry[3]!r}, {make_info})"
                )
                body += [f"        {line}" for line in wait]
            elif entry[0] == "OB":
                field = self.constant(plan[1].fields[entry[3]], "field")
                body += [
                    "        try:",
                    f"            r = {self.read(entry[2], 'src')}",
                    "        except Exception as error:",
                    f"            v = _failed(executor, error, {field}, {details}, {field_path})",
                    "        else:",
                    f"            v = _complete(executor, {object_type}, {field}, "
                    f"{details}, {field_path}, r)",
                    *(f"            {line}" for line in wait),
                ]
            elif calls_resolver(entry):
                field = self.constant(plan[1].fields[entry[2][-1]], "field")
                body += [
                    "        try:",
                    f"            r = {self.read(entry[2], 'src')}",
                    "        except Exception as error:",
                    f"            v = _failed(executor, error, {field}, {details}, {field_path})",
                    "        else:",
                    "            try:",
                    *self.value(entry, "v", "                ", read="r"),
                    "            except Exception:",
                    f"                v = _complete(executor, {object_type}, {field}, "
                    f"{details}, {field_path}, r)",
                    *(f"                {line}" for line in wait),
                ]
            else:
                body.append("        try:")
                body += self.value(entry, "v", "            ")
                body += ["        except Exception:", f"            v = {run}"]
                body += [f"            {line}" for line in wait]
            body.append(f"        result[{key!r}] = v")
        body += [
            "    except Exception:",
            "        if waiting: _settle(executor, {k: result[k] for k in waiting})",
            "        raise",
            "    if waiting is None: return result",
            "    return _gather(result, waiting)",
        ]
        self.sources.append("\n".join(body))
        return "build"

    def finish(self, root: str) -> Build:
        """Compile the generated source; the function named ``root`` (its source kept in
        ``__source__`` for debugging)."""
        source = "\n\n".join(self.sources)
        code = compile(source, f"<fast execution {root}>", "exec")
        exec(code, self.namespace)
        function: Build = self.namespace[root]
        function.__source__ = source  # type: ignore[attr-defined]
        return function


def compiled(plan: Plan) -> Build:
    """The function of ``plan`` (pure: ``build(src)``; else ``build(src, path, executor,
    bound)``), compiled on first use and kept for the process (bounded)."""
    function = _COMPILED.get(plan)
    if function is None:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        compiler = _Compiler()
        root = compiler.pure_function(plan) if plan[4] else compiler.bound_function(plan)
        function = compiler.finish(root)
        _COMPILED[plan] = function
        STATS["compiled"] += 1
    return function
