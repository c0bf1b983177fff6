"""Observability: structured logs (``logging``), the per-request log line, request id and
metrics (``requests``), the GraphQL operation seen by them (``graphql_extension``), and
Prometheus ``/metrics`` (``metrics``)."""
