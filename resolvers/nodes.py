"""Node lookup by global ID: a decoded ID is a locator, never a permission.

The payload of a global ID is parsed here, once; ``schema.nodes.ScopedNode`` (node lookup)
and ``schema.ids`` (IDs in arguments and inputs) both go through ``parse_pk``.
"""

from __future__ import annotations


def parse_pk(node_id: str) -> int | None:
    """The integer key inside a global ID's payload, or None when it is not one.

    ASCII digits only (``"²".isdigit()`` is true but ``int("²")`` fails), at most 18 of
    them (a larger key overflows the database driver): otherwise an internal error."""
    if not (node_id.isascii() and node_id.isdigit()) or len(node_id) > 18:
        return None
    return int(node_id)
