"""Print the activities of each establishment of a running Créneau server, page by page.

Usage: python client-examples/python/catalogue.py [base-url] [tenant]
Uses only httpx (installed with the project's dev dependencies).
"""

from __future__ import annotations

import sys

import httpx

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


def main() -> None:
    """Walk the activities connection with its cursors and print one line per slot."""
    base_url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    tenant = sys.argv[2] if len(sys.argv) > 2 else "saint-ismier"
    after = None
    with httpx.Client(base_url=base_url) as client:
        while True:
            response = client.post(
                f"/{tenant}/graphql", json={"query": QUERY, "variables": {"after": after}}
            )
            response.raise_for_status()
            page = response.json()["data"]["activities"]
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
