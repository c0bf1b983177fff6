"""Change requests of the family file: the ``Request`` node, the pending values shown beside
the current ones, and one mutation per kind of change, plus staff's decisions.

« Toute modification est soumise à une validation par la collectivité. Les modifications
qui n'ont pas encore été traitées par la collectivité sont affichées en jaune » — every
``…RequestCreate`` mutation records a request (or applies it at once when the collectivity
auto-accepts that type); staff accept (``changeRequestAccept``, applied atomically) or
refuse it with a message (``changeRequestRefuse``); the parent may cancel it while it is
not decided (``changeRequestCancel``). ``Request`` is general: reservation and absence
requests will be added to it.

The package: ``enums`` (registered first, with the model enums the inputs use), ``types``
(the ``Request`` node and its field changes), ``pending`` (pending values for the family
file's objects), ``queries``, ``inputs``, ``payloads`` (results and error codes),
``helpers``, ``create_mutations`` (one per kind of change) and ``mutations`` (decisions, and
all mutations merged). Only the names other modules use are re-exported here.
"""

from __future__ import annotations

# Imported first: the enums must be registered before any type that uses them.
from schema.change_requests import enums as _enums  # noqa: F401  (registration)
from schema.change_requests.mutations import ChangeRequestMutations
from schema.change_requests.pending import pending_changes
from schema.change_requests.queries import ChangeRequestQueries
from schema.change_requests.types import FieldChange

__all__ = ["ChangeRequestMutations", "ChangeRequestQueries", "FieldChange", "pending_changes"]
