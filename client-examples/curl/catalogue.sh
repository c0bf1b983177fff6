#!/usr/bin/env bash
# Browse the public catalogue of a running Créneau server (started with `make run`).
# Usage: client-examples/curl/catalogue.sh [base-url] [tenant]
set -euo pipefail
BASE_URL="${1:-http://127.0.0.1:8000}"
TENANT="${2:-saint-ismier}"

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
    --data @- "$BASE_URL/$TENANT/graphql"
echo
