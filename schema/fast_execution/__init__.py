"""The compiled execution path for plain fields (issue 14): ``plans`` reads a selection,
``compiler`` turns it into one Python function, ``context`` runs it inside graphql-core and
``switch`` says whether the schema uses it (``CRENEAU_FAST_EXECUTION``)."""
