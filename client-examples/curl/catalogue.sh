#!/usr/bin/env bash
# Browse the public catalogue of a running Créneau server (started with `make run`).
# Usage: CRENEAU_URL=http://127.0.0.1:8000/saint-ismier/graphql client-examples/curl/catalogue.sh
# (CRENEAU_URL defaults to the demo town; the older positional [base-url] [tenant] still works.)
set -euo pipefail
if [[ $# -gt 0 ]]; then
  URL="${1%/}/${2:-saint-ismier}/graphql"
else
  URL="${CRENEAU_URL:-http://127.0.0.1:8000/saint-ismier/graphql}"
fi

read -r -d '' QUERY <<'GRAPHQL' || true
query Catalogue {
  collectivity { name serviceName }
  establishments(first: 20) {
    totalCount
    edges {
      node {
        name kindLabel
        activities {
          code name categoryLabel description
          slots { weekday startTime endTime capacity }
          rules {
            exclusivityGroup
            bookingDeadline { description }
            cancellationDeadline { description }
            eligibility { description }
          }
        }
      }
    }
  }
  calendar(range: { gte: "2025-12-15", lte: "2026-01-09" }) {
    periods { label kindLabel startDate endDate }
  }
}
GRAPHQL

python3 -c 'import json, sys; print(json.dumps({"query": sys.stdin.read()}))' <<<"$QUERY" |
  curl --silent --show-error --fail-with-body \
    --header 'content-type: application/json' \
    --header 'accept: application/graphql-response+json, application/json;q=0.9' \
    --data @- "$URL"
echo
