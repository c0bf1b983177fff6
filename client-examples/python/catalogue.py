"""Print the activities of each establishment of a running Créneau server, page by page.

Usage: CRENEAU_URL=http://127.0.0.1:8000/saint-ismier/graphql python3 catalogue.py
(CRENEAU_URL defaults to the demo town of ``make run``; the older positional
``[base-url] [tenant]`` still works.) Only the standard library: runs with any Python ≥ 3.10.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

DEFAULT_URL = "http://127.0.0.1:8000/saint-ismier/graphql"

QUERY = """
query Activities($after: String) {
  activities(first: 5, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name establishment { name }
                   slots { weekday startTime endTime }
                   rules { bookingDeadline { description } } } }
  }
}
"""


def graphql_url(argv: list[str]) -> str:
    """The GraphQL endpoint: CRENEAU_URL, or the legacy ``base-url [tenant]`` arguments."""
    if argv:
        tenant = argv[1] if len(argv) > 1 else "saint-ismier"
        return f"{argv[0].rstrip('/')}/{tenant}/graphql"
    return os.environ.get("CRENEAU_URL") or DEFAULT_URL


def execute(url: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """POST one operation; its ``data``, or exit with the server's first error."""
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={
            "content-type": "application/json",
            "accept": "application/graphql-response+json, application/json;q=0.9",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.load(response)
    except urllib.error.HTTPError as exc:
        body = json.load(exc)  # GraphQL errors come with a 4xx status
    if body.get("errors"):
        raise SystemExit(f"Erreur du serveur : {body['errors'][0]['message']}")
    data: dict[str, Any] = body["data"]
    return data


def main() -> None:
    """Walk the activities connection with its cursors and print one line per slot."""
    url = graphql_url(sys.argv[1:])
    after = None
    while True:
        page = execute(url, QUERY, {"after": after})["activities"]
        for edge in page["edges"]:
            activity = edge["node"]
            for slot in activity["slots"]:
                print(
                    f"{activity['establishment']['name']:<22} {activity['name']:<50} "
                    f"{slot['weekday']:<9} {slot['startTime'][:5]}–{slot['endTime'][:5]}"
                )
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]


if __name__ == "__main__":
    main()
