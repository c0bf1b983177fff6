"""GraphQL of payments: ``Payment``, direct-debit batches, certificates and online payment
intents (``types``), their inputs and payloads (``payloads``), the root fields (``roots``)."""
