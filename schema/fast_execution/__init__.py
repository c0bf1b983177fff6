"""The compiled execution path for plain fields (issue 14): ``plans`` reads a selection,
``compiler`` turns it into one Python function, which calls ``runtime`` and ``lists``;
``context`` runs it inside graphql-core, ``eager`` gathers awaitables without needless tasks
and ``switch`` says whether the schema uses it (``CRENEAU_FAST_EXECUTION``)."""
