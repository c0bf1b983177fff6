"""Change requests of the family file: the pending values shown beside
the current ones, and one mutation per kind of change, plus staff's decisions.

« Toute modification est soumise à une validation par la collectivité. Les modifications
qui n'ont pas encore été traitées par la collectivité sont affichées en jaune » — every
``…RequestCreate`` mutation records a request (or applies it at once when the collectivity
auto-accepts that type); staff accept (``changeRequestAccept``, applied atomically) or
refuse it with a message (``changeRequestRefuse``); the parent may cancel it while it is
not decided (``changeRequestCancel``).

The package: ``enums`` (the model enums the inputs use, registered by ``inputs``), ``types``
(the field changes), ``pending`` (pending values for the family
file's objects), ``queries``, ``inputs``, ``payloads`` (results and error codes),
``helpers``, ``create_mutations`` (one per kind of change) and ``mutations`` (decisions, and
all mutations merged). The package itself imports nothing: importing one of its modules
never loads the others (``Request``, in ``schema.requests.types``, builds on ``types``).
"""
