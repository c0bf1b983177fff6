"""The family file's life cycle: familyRegistrationSubmit (parent), familyValidate and
familyReject (staff), familyLink (parent whose family already has a subscriber code).

Every problem with the form comes back in the payload's ``errors``, each with the path of
the input field at fault (``["children", "1", "birthDate"]``) and a French message; the
top-level ``errors`` are kept for anonymous callers (UNAUTHENTICATED), wrong roles
(FORBIDDEN) and malformed requests.

One module per purpose: ``inputs`` (the GraphQL inputs), ``conversion`` (the form input
to the domain's ``FamilyForm``), ``payloads`` (payloads, errors and their codes) and
``mutations`` (``FamilyRegistrationMutations``, re-exported here for schema.mutation).
"""

from schema.family.registration.mutations import FamilyRegistrationMutations

__all__ = ["FamilyRegistrationMutations"]
