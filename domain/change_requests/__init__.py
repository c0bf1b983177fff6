"""Every edit of the family file is a request (« Toute modification est soumise à une
validation par la collectivité »).

A parent never writes their family file: they propose values, which are checked (all
problems at once, with input paths and French messages) and stored on a ``Request`` with
the value each field had. Staff accept the request — the proposed values are written in the
same transaction, after checking again the rules that may have changed meanwhile — or refuse
it with a message; the parent may cancel it while it is not decided. Until then the file
shows the pending value beside the current one.

Rules kept in this package (``validation``, ``conflicts``, ``create``, ``decide``):
- a parent targets only their own family's guardians, children and authorized persons; a
  target of another family is « introuvable », exactly like one that does not exist;
- a request that changes nothing is refused (NO_CHANGE), and so is a request touching a
  field that already has a pending change on the same guardian, child, person or bank
  account (ALREADY_PENDING): the newer request is refused, so that staff never see two
  competing values and accepting one cannot silently undo the other;
- at most one allocataire per family (checked before writing, so the database's unique
  index never has to refuse it), and an allocataire has a regime and a number;
- direct debit needs a bank account; an authorized person picks the child up or is to be
  called (or both);
- the change types a tenant lists in ``Tenant.settings["autoAcceptedChanges"]`` are
  applied at once, and still recorded as an accepted request with its history;
- an acknowledgement mail is queued on creation (« Accusé d'enregistrement »), another on
  decision (« Accusé de traitement »), both to the account that made the request; an
  auto-accepted request gets only the second one (it is never « en cours d'instruction »).

The package, one module per purpose (a module imports only those above it):
- ``codes``: the error codes reported by creation and decision;
- ``fields``: the changeable fields (``FieldSpec``), one table per change type;
- ``values``: field values in stored (JSON) form, read from and written to the rows;
- ``field_checks``: checking and normalizing one proposed value;
- ``formatting``: a stored value printed in French;
- ``kinds``: the change types (``CHANGE_KINDS``), their targets and creation codes;
- ``loading``: the locked part of the family file a change reads and writes;
- ``validation``: a whole proposal checked, and the rules across fields and rows;
- ``conflicts``: competing requests still awaiting a decision (ALREADY_PENDING);
- ``mails``: the acknowledgement mails;
- ``apply``: an accepted request written on the file;
- ``decide``: accept, refuse, cancel;
- ``create``: a parent's request recorded (or auto-accepted);
- ``display``: requests as people read them, and the pending ones per object.

Only the names other modules use are re-exported here.
"""

from __future__ import annotations

from domain.change_requests.codes import (
    ACCEPT_ERROR_CODES,
    CANCEL_ERROR_CODES,
    REFUSE_ERROR_CODES,
)
from domain.change_requests.create import create_change_request
from domain.change_requests.decide import (
    accept_change_request,
    cancel_change_request,
    refuse_change_request,
)
from domain.change_requests.display import (
    displayed_changes,
    history_label,
    pending_for,
    school_ids,
)
from domain.change_requests.kinds import CHANGE_KINDS, CHANGE_TYPES, OPEN_STATUSES
from domain.counters import format_reference

__all__ = [
    "ACCEPT_ERROR_CODES",
    "CANCEL_ERROR_CODES",
    "CHANGE_KINDS",
    "CHANGE_TYPES",
    "OPEN_STATUSES",
    "REFUSE_ERROR_CODES",
    "accept_change_request",
    "cancel_change_request",
    "create_change_request",
    "displayed_changes",
    "format_reference",
    "history_label",
    "pending_for",
    "refuse_change_request",
    "school_ids",
]
