"""Responses of reads, kept per process until the data they were computed from change.

A parent's app asks for the same month of planning each time its screen comes back; staff
reload the same inbox page; every visitor of the portal reads the same catalogue. Between
two writes the answer cannot change, so computing it again (deadlines, rules, prices for
every day of the month) is wasted: the second read is served from here.

What a response depends on, and so what its key holds:

- the data: ``models.data_version`` (PostgreSQL's snapshot, or SQLite's data version),
  which changes with every committed write from any process — so a response is never
  served once anything it could have read has changed, and processes need no messages
  between them;
- the time: the minute. Every instant a read compares the clock with (deadlines, slot
  starts, the tenant's day) is a whole minute, so within a minute the answer is the same;
- who asks: the tenant and the viewer (account, session, role, family, establishments),
  so one viewer is never served what another was;
- the request: document, operation, variables, method and the media type asked for.

Only queries whose root fields all read the database alone (``CACHEABLE_ROOT_FIELDS``)
are kept, and only successful answers (no error, status 200). Mutations, subscriptions,
introspection and anything else always run. The cache holds at most
``CRENEAU_RESPONSE_CACHE_MB`` of bodies (least recently used first out; 0: no cache).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    parse,
)

from kernel.viewer import Viewer
from server.observability.graphql_extension import OperationOutcome

# Root fields whose answers depend only on the database, the viewer and the minute.
CACHEABLE_ROOT_FIELDS = frozenset(
    {
        "__typename",
        "activities",
        "attendanceSheet",
        "calendar",
        "changeRequests",
        "childcareCertificates",
        "collectivity",
        "enumLabels",
        "establishments",
        "families",
        "familyNotifications",
        "invoices",
        "node",
        "nodes",
        "payments",
        "planning",
        "registrations",
        "reports",
        "requests",
        "schoolYears",
        "viewer",
    }
)
# Documents checked once per process, then remembered (the parser's own cache is keyed the
# same way); a document beyond this many distinct ones is checked again when it comes back.
_DOCUMENTS_REMEMBERED = 512


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """A response as it was sent: body bytes and content type (status 200), its entity tag,
    and what the request log and the metrics recorded of its operation (a hit records the
    same)."""

    body: bytes
    content_type: str
    operation: OperationOutcome | None = None
    etag: str = ""

    @classmethod
    def of(
        cls, body: bytes, content_type: str, operation: OperationOutcome | None = None
    ) -> CachedResponse:
        """A response to keep, with its entity tag (a digest of the body)."""
        return cls(body, content_type, operation, entity_tag(body))


def entity_tag(body: bytes) -> str:
    """The strong entity tag of a body (``ETag``): equal bodies, equal tags."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def is_cacheable(query: str | None, operation_name: str | None, max_tokens: int) -> bool:
    """Whether a document's operation is a query over ``CACHEABLE_ROOT_FIELDS`` only (a
    document that does not parse within the server's ``max_tokens``, or names no such
    operation, is not)."""
    if not query:
        return False
    return _is_cacheable(query, operation_name, max_tokens)


@lru_cache(maxsize=_DOCUMENTS_REMEMBERED)
def _is_cacheable(query: str, operation_name: str | None, max_tokens: int) -> bool:
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None and len(operations) == 1:
        operation = operations[0]
    else:
        named = [o for o in operations if o.name and o.name.value == operation_name]
        if len(named) != 1:
            return False
        operation = named[0]
    if operation.operation is not OperationType.QUERY:
        return False
    return _only_cacheable_fields(operation.selection_set, document, set())


def _only_cacheable_fields(
    selections: SelectionSetNode, document: DocumentNode, seen: set[str]
) -> bool:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value not in CACHEABLE_ROOT_FIELDS:
                return False
        elif isinstance(selection, InlineFragmentNode):
            if not _only_cacheable_fields(selection.selection_set, document, seen):
                return False
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = next(
                (
                    d
                    for d in document.definitions
                    if getattr(d, "name", None) is not None
                    and d.name.value == name  # type: ignore[attr-defined]
                    and not isinstance(d, OperationDefinitionNode)
                ),
                None,
            )
            if fragment is None or name in seen:
                return False
            seen.add(name)
            if not _only_cacheable_fields(fragment.selection_set, document, seen):  # type: ignore[attr-defined]
                return False
    return True


def response_key(
    *,
    viewer: Viewer,
    data_version: str,
    now: dt.datetime,
    method: str,
    media_type: str,
    query: str,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
) -> Hashable:
    """The key of a response (see the module docstring for why each part is there)."""
    return (
        viewer,
        data_version,
        now.replace(second=0, microsecond=0),
        method,
        media_type,
        query,
        operation_name,
        orjson.dumps(variables, option=orjson.OPT_SORT_KEYS) if variables else b"",
    )


class ResponseCache:
    """Least-recently-used responses within a byte budget (bodies and keys' documents)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[CachedResponse, int]] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    @classmethod
    def of_megabytes(cls, megabytes: int) -> ResponseCache | None:
        """The process's cache (``CRENEAU_RESPONSE_CACHE_MB``); None when it is 0."""
        return cls(megabytes * 1024 * 1024) if megabytes > 0 else None

    def get(self, key: Hashable) -> CachedResponse | None:
        """The response kept under ``key``, if any (then the most recently used)."""
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry[0]

    def put(self, key: Hashable, response: CachedResponse) -> None:
        """Keep ``response``. Entries of older data versions are never asked again; they go
        out as the least recently used (versions are per connection on SQLite, so they
        cannot all be dropped when a new one appears)."""
        size = len(response.body) + _key_size(key)
        if size > self.max_bytes:
            return
        previous = self._entries.pop(key, None)
        if previous is not None:
            self._bytes -= previous[1]
        self._entries[key] = (response, size)
        self._bytes += size
        while self._bytes > self.max_bytes:
            _, (_, dropped) = self._entries.popitem(last=False)
            self._bytes -= dropped

    def __len__(self) -> int:
        return len(self._entries)

    def measures(self) -> dict[str, int]:
        """What ``/metrics`` shows of the cache (``creneau_response_cache``)."""
        return {
            "hits": self.hits,
            "misses": self.misses,
            "entries": len(self._entries),
            "bytes": self._bytes,
        }


def _key_size(key: Hashable) -> int:
    """The bytes a key holds beyond shared objects: its document and variables."""
    if isinstance(key, tuple):
        return sum(len(part) for part in key if isinstance(part, str | bytes))
    return 0
