"""The kernel under the layers: what every layer may import, and which imports only models.

- ``settings``: configuration from ``CRENEAU_*`` environment variables;
- ``tenancy``: the collectivity a request belongs to (``TenantRef``, ``TenantDirectory``);
- ``viewer``: who is asking, and the read/write policies applied to every object;
- ``storage``: where uploaded documents live (protocol + local filesystem backend);
- ``clock``: the current instant and the tenant's calendar day;
- ``results``: domain results and problems (expected failures are data);
- ``idempotency`` and ``retry``: one way to replay a request and to retry a transaction.
"""
