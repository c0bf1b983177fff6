"""Configuration read from ``CRENEAU_*`` environment variables, with safe defaults."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from kernel.rate_limit import RateLimit
from kernel.settings_check import check_environment


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


WS_PROTOCOLS = ("graphql-transport-ws", "graphql-ws")


def _ws_protocols() -> tuple[str, ...]:
    protocols = _env_list("CRENEAU_WS_PROTOCOLS") or ("graphql-transport-ws",)
    unknown = [p for p in protocols if p not in WS_PROTOCOLS]
    if unknown:
        raise ValueError(f"CRENEAU_WS_PROTOCOLS: unknown protocol(s) {unknown}")
    return protocols


def _payment_sandbox_secret(environment: str) -> str:
    secret = os.environ.get("CRENEAU_PAYMENT_SANDBOX_SECRET", "creneau-sandbox-dev-secret")
    if environment == "production" and secret == "creneau-sandbox-dev-secret":
        raise ValueError("CRENEAU_PAYMENT_SANDBOX_SECRET must be set in production")
    return secret


def _log_format(environment: str) -> str:
    """``CRENEAU_LOG_FORMAT``: ``json`` (one object per line) or ``text``; JSON by default
    in production."""
    default = "json" if environment == "production" else "text"
    value = os.environ.get("CRENEAU_LOG_FORMAT", "").strip().lower() or default
    if value not in {"json", "text"}:
        raise ValueError(f"CRENEAU_LOG_FORMAT must be json or text, got {value!r}")
    return value


def _metrics_enabled(environment: str) -> bool:
    """``CRENEAU_METRICS_ENABLED``: serve ``/metrics`` (default: on except in production)."""
    raw = os.environ.get("CRENEAU_METRICS_ENABLED", "").strip().lower()
    if raw == "":
        return environment != "production"
    if raw not in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
        raise ValueError(f"CRENEAU_METRICS_ENABLED must be true or false, got {raw!r}")
    return raw in {"1", "true", "yes", "on"}


def _portal_url(host: str, port: int) -> str:
    """``CRENEAU_PORTAL_URL``, by default the address served (``CRENEAU_HOST``/``PORT``; a
    wildcard interface is reached on the loopback one)."""
    configured = os.environ.get("CRENEAU_PORTAL_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    reachable = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, host)
    if ":" in reachable and not reachable.startswith("["):
        reachable = f"[{reachable}]"  # an IPv6 address
    return f"http://{reachable}:{port}"


def _env_list(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name, "")
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _trusted_proxies() -> tuple[str, ...]:
    """``CRENEAU_TRUSTED_PROXIES``: addresses or networks (CIDR) of the reverse proxies whose
    ``X-Forwarded-For`` is believed; empty (the default): nobody's."""
    proxies = _env_list("CRENEAU_TRUSTED_PROXIES")
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError as exc:
            raise ValueError(
                f"CRENEAU_TRUSTED_PROXIES: {proxy!r} is not an IP address or network"
            ) from exc
    return proxies


def fast_execution_default() -> bool:
    """``CRENEAU_FAST_EXECUTION``: the compiled GraphQL execution path (default on; ``0``
    turns it off). Read even for settings built in code, so a whole test run can be
    repeated with it off."""
    return os.environ.get("CRENEAU_FAST_EXECUTION", "").strip() != "0"


def response_cache_default() -> int:
    """``CRENEAU_RESPONSE_CACHE_MB``: memory for the per-process cache of read responses
    (server/response_cache.py; default 64, ``0`` turns it off). Read even for settings built
    in code, so a whole test run can be repeated with it off."""
    return max(0, _env_int("CRENEAU_RESPONSE_CACHE_MB", 64))


def gc_freeze_default() -> bool:
    """``CRENEAU_GC_FREEZE``: long-lived objects (WebSocket subscriptions) frozen out of the
    collector's walks as they accumulate (server/gc_policy.py; default on, ``0`` off)."""
    return os.environ.get("CRENEAU_GC_FREEZE", "").strip() != "0"


def subscription_groups_default() -> bool:
    """``CRENEAU_SUBSCRIPTION_GROUPS``: one execution of a subscription's event per group of
    subscribers sharing the operation and the visibility (default on; ``0`` turns it off).
    Read even for settings built in code, so a test run can be repeated with it off."""
    return os.environ.get("CRENEAU_SUBSCRIPTION_GROUPS", "").strip() != "0"


def _rate_limit(name: str, default: str) -> RateLimit:
    return RateLimit.parse(name, os.environ.get(name, "").strip() or default)


@dataclass(frozen=True)
class Settings:
    """Everything the server needs to start; see the README for each variable."""

    environment: str = "development"
    var_dir: Path = Path("var")
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 4000
    max_page_size: int = 100
    max_query_cost: int = 25_000
    allowed_origins: tuple[str, ...] = field(default_factory=tuple)
    sql_echo: bool = False
    portal_url: str = "http://127.0.0.1:8000"
    # Deliver the mail outbox from the server process (off: run `creneau worker` instead).
    mail_sender_in_process: bool = True
    # Uploaded family documents; None: ``<var_dir>/documents``.
    documents_dir: Path | None = None
    max_upload_bytes: int = 10 * 1024 * 1024
    # Largest JSON (non-multipart) request body on the GraphQL endpoint (413 beyond).
    max_body_bytes: int = 1024 * 1024
    # HTTP requests a process serves at once on PostgreSQL; the others wait their turn, first
    # come first served (models.engine.read_gate). Each holds a pool connection.
    request_concurrency: int = 8
    # Reports suppress groups describing fewer people than this (a tenant may raise it).
    report_min_group_size: int = 5
    # Live updates: broker (empty: in-process), WebSocket protocols (graphql-ws: legacy),
    # server keep-alive, subscriptions per connection, log polling while the broker is down.
    broker_url: str = ""
    ws_protocols: tuple[str, ...] = ("graphql-transport-ws",)
    ws_keep_alive_s: float = 15.0
    max_subscriptions_per_connection: int = 20
    events_poll_s: float = 2.0
    # Online payment: the built-in sandbox provider signs its notifications with this secret
    # (refused in production when left at the development default); its pages are served
    # under this base URL (empty: ``portal_url``).
    payment_sandbox_secret: str = "creneau-sandbox-dev-secret"
    payment_sandbox_url: str = ""
    # Observability: log lines as JSON or text; Prometheus ``/metrics`` served or not, and
    # the bearer token it requires (empty: loopback clients only).
    log_format: str = "text"
    metrics_enabled: bool = True
    metrics_token: str = ""
    # Reverse proxies (IPs or CIDR networks) whose X-Forwarded-For names the client;
    # empty: the header is ignored (login throttling counts the direct peer).
    trusted_proxies: tuple[str, ...] = field(default_factory=tuple)
    # Request rate limits on the GraphQL endpoint (HTTP requests and WebSocket operation
    # starts), per client address and per authenticated account; 429 beyond.
    rate_limit_per_address: RateLimit = RateLimit(600, 60.0)  # noqa: RUF009 (frozen)
    rate_limit_per_account: RateLimit = RateLimit(300, 60.0)  # noqa: RUF009 (frozen)
    # Introspection (and « Did you mean » hints) for anonymous callers in production.
    public_introspection: bool = False
    # Trusted documents (server/trusted_documents.py): the manifest, and off|allow|require.
    trusted_documents: Path | None = None
    trusted_documents_mode: str = "off"
    # Web Push (VAPID, RFC 8292): the PEM file of the server's key pair (`creneau push keys`
    # makes one; None: no Web Push) and the contact push services see (mailto: or https:).
    vapid_private_key: Path | None = None
    vapid_subject: str = ""
    # The compiled execution path for plain fields (schema/fast_execution/).
    fast_execution: bool = field(default_factory=fast_execution_default)
    # Responses of reads cached per process until the data change (server/response_cache.py).
    response_cache_mb: int = field(default_factory=response_cache_default)
    # Subscriptions' objects frozen out of full garbage collections (server/gc_policy.py).
    gc_freeze: bool = field(default_factory=gc_freeze_default)
    # Subscription payloads computed once per group (schema/subscription_delivery.py).
    subscription_groups: bool = field(default_factory=subscription_groups_default)

    # OpenID Connect (FranceConnect): the directory of the towns' client secrets, one file
    # per tenant slug; None: ``<var_dir>/oidc-secrets`` (domain/accounts/oidc_config.py).
    oidc_secrets_dir: Path | None = None

    @property
    def documents_path(self) -> Path:
        """Where uploaded documents are stored (``CRENEAU_DOCUMENTS_DIR``)."""
        return self.documents_dir if self.documents_dir is not None else self.var_dir / "documents"

    @property
    def oidc_secrets_path(self) -> Path:
        """Where the towns' OpenID Connect client secrets are (``CRENEAU_OIDC_SECRETS_DIR``)."""
        return (
            self.oidc_secrets_dir
            if self.oidc_secrets_dir is not None
            else self.var_dir / "oidc-secrets"
        )

    @property
    def is_development(self) -> bool:
        """GraphiQL and verbose errors in logs are for development only."""
        return self.environment == "development"

    def portal_links_base(self, tenant_slug: str) -> str:
        """Base URL of a tenant's family portal (the front end), for links in mails."""
        return f"{self.portal_url}/{tenant_slug}"

    @classmethod
    def from_env(cls) -> Settings:
        """Read the environment; malformed values fail loudly at start-up, all named in
        one error (kernel/settings_check.py)."""
        check_environment(os.environ)
        environment = os.environ.get("CRENEAU_ENV", "development")
        if environment not in {"development", "production", "test"}:
            raise ValueError("CRENEAU_ENV must be development, production or test")
        var_dir = Path(os.environ.get("CRENEAU_VAR_DIR", "var"))
        database_url = os.environ.get(
            "CRENEAU_DATABASE_URL", f"sqlite+aiosqlite:///{var_dir / 'creneau.sqlite3'}"
        )
        host = os.environ.get("CRENEAU_HOST", "127.0.0.1")
        port = _env_int("CRENEAU_PORT", 8000)
        return cls(
            environment=environment,
            var_dir=var_dir,
            database_url=database_url,
            host=host,
            port=port,
            log_level=os.environ.get("CRENEAU_LOG_LEVEL", "info"),
            max_query_depth=_env_int("CRENEAU_MAX_QUERY_DEPTH", 12),
            max_aliases=_env_int("CRENEAU_MAX_ALIASES", 30),
            max_tokens=_env_int("CRENEAU_MAX_TOKENS", 4000),
            max_query_cost=_env_int("CRENEAU_MAX_QUERY_COST", 25_000),
            allowed_origins=_env_list("CRENEAU_ALLOWED_ORIGINS"),
            sql_echo=os.environ.get("CRENEAU_SQL_ECHO", "") == "1",
            mail_sender_in_process=os.environ.get("CRENEAU_MAIL_SENDER", "inprocess") != "off",
            portal_url=_portal_url(host, port),
            documents_dir=Path(os.environ.get("CRENEAU_DOCUMENTS_DIR") or var_dir / "documents"),
            max_upload_bytes=_env_int("CRENEAU_MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
            max_body_bytes=_env_int("CRENEAU_MAX_BODY_BYTES", 1024 * 1024),
            request_concurrency=_env_int("CRENEAU_REQUEST_CONCURRENCY", 8),
            report_min_group_size=_env_int("CRENEAU_REPORT_MIN_GROUP_SIZE", 5),
            broker_url=os.environ.get("CRENEAU_BROKER_URL", "").strip(),
            ws_protocols=_ws_protocols(),
            ws_keep_alive_s=_env_float("CRENEAU_WS_KEEP_ALIVE_SECONDS", 15.0),
            max_subscriptions_per_connection=_env_int(
                "CRENEAU_MAX_SUBSCRIPTIONS_PER_CONNECTION", 20
            ),
            events_poll_s=_env_float("CRENEAU_EVENTS_POLL_SECONDS", 2.0),
            payment_sandbox_secret=_payment_sandbox_secret(environment),
            payment_sandbox_url=os.environ.get("CRENEAU_PAYMENT_SANDBOX_URL", "").rstrip("/"),
            log_format=_log_format(environment),
            metrics_enabled=_metrics_enabled(environment),
            metrics_token=os.environ.get("CRENEAU_METRICS_TOKEN", "").strip(),
            trusted_proxies=_trusted_proxies(),
            rate_limit_per_address=_rate_limit("CRENEAU_RATE_LIMIT_PER_ADDRESS", "600/min"),
            rate_limit_per_account=_rate_limit("CRENEAU_RATE_LIMIT_PER_ACCOUNT", "300/min"),
            public_introspection=os.environ.get("CRENEAU_PUBLIC_INTROSPECTION", "").strip() == "1",
            trusted_documents=Path(os.environ["CRENEAU_TRUSTED_DOCUMENTS"].strip())
            if os.environ.get("CRENEAU_TRUSTED_DOCUMENTS", "").strip()
            else None,
            trusted_documents_mode=os.environ.get("CRENEAU_TRUSTED_DOCUMENTS_MODE", "").strip()
            or "off",
            oidc_secrets_dir=Path(os.environ["CRENEAU_OIDC_SECRETS_DIR"].strip())
            if os.environ.get("CRENEAU_OIDC_SECRETS_DIR", "").strip()
            else None,
            vapid_private_key=Path(os.environ["CRENEAU_VAPID_PRIVATE_KEY"].strip())
            if os.environ.get("CRENEAU_VAPID_PRIVATE_KEY", "").strip()
            else None,
            vapid_subject=os.environ.get("CRENEAU_VAPID_SUBJECT", "").strip(),
        )
