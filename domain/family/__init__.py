"""The family file's life: a parent submits it, staff validate or reject it, and a parent
whose family already has a subscriber code links their account to it.

Rules kept here (the guide's section 1, « je n'ai pas de code abonné »):
- the form is checked as a whole and every problem is reported at once, each with the path
  of the input field at fault; when anything is wrong nothing is stored;
- a submitted file creates, in one transaction, the family (SUBMITTED), its guardians
  (rank 1 is the payer), children with empty authorizations and health record, the bank
  account when paying by direct debit, the wished registrations (REQUESTED), and a
  FAMILY_REGISTRATION request with its history; the account becomes guardian 1's login;
- one file per account: a second submission is refused, unless the first was rejected;
- a retry with the same idempotency key returns the first result and creates nothing;
- validating gives the family its subscriber code (a per-tenant counter continuing after
  the highest numeric code already given), activates the wished registrations and accepts
  the request; rejecting needs a reason and refuses them; each decision is mailed;
- linking to an existing family needs its subscriber code AND two proofs (a child's birth
  date, and the number of an invoice of the last 12 months — or, for a family without
  one, that child's first name); any mismatch gives one generic answer, and failures are
  throttled per account (5 per hour, recorded in ``login_attempt`` as « link:<email> »).

One module per purpose:
- ``form``: the input dataclasses, and the checked form;
- ``messages``: the REQUIRED / TOO_LONG codes and French field labels the checks share;
- ``fields``: checks of the form's own values (guardians, bank account, children);
- ``references``: checks of what it refers to (schools, wished registrations);
- ``validation``: the whole form checked at once (``check_family_form``);
- ``account``: the parent account, locked, and the status of its family if any;
- ``idempotency``: replaying a retried submission;
- ``submit``: storing a checked file (``submit_family_registration``);
- ``subscriber_codes``: the per-tenant subscriber code counter;
- ``decisions``: staff validate or reject a file;
- ``link``: linking an account to a validated family, with proofs and throttling;
- ``outcomes``: what the parent's actions return; ``mails``: the shared mail context.

This package re-exports the names the schema, resolvers and tests use; anything else is
imported from its module.
"""

from domain.family.decisions import reject_family, validate_family
from domain.family.fields import eighteenth_birthday
from domain.family.form import (
    AddressForm,
    AllocataireForm,
    BankAccountForm,
    ChildForm,
    CommunicationForm,
    FamilyForm,
    GuardianForm,
    WishedRegistrationForm,
)
from domain.family.idempotency import find_replay
from domain.family.link import link_family
from domain.family.outcomes import Linked, LinkRefused, Submission
from domain.family.submit import submit_family_registration
from domain.family.validation import check_family_form

__all__ = [
    "AddressForm",
    "AllocataireForm",
    "BankAccountForm",
    "ChildForm",
    "CommunicationForm",
    "FamilyForm",
    "GuardianForm",
    "LinkRefused",
    "Linked",
    "Submission",
    "WishedRegistrationForm",
    "check_family_form",
    "eighteenth_birthday",
    "find_replay",
    "link_family",
    "reject_family",
    "submit_family_registration",
    "validate_family",
]
