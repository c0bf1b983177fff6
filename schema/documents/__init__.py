"""GraphQL of documents: the ``Document`` node (``types``), its inputs and payloads
(``payloads``) and the upload and review mutations (``mutations``)."""
