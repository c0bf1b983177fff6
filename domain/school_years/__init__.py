"""A new school year and its registrations: the catalogue copied from the year before
(``rollover``), the registration campaign (« Inscriptions ») and the wishes families make
during it (``campaign``), and staff's bulk decisions on those wishes (``decisions``).

Modules (import them directly; this package imports nothing):

- ``codes``: the error codes of every mutation of the capability, the line outcomes of a
  bulk decision, and the French label of a registration's status;
- ``activity_codes``: the code of an activity copied into a new year (deterministic);
- ``rollover``: ``roll_over`` — the new year, its activities, slots and prices;
- ``campaign``: ``open_campaign`` / ``close_campaign``, ``campaign_state``, and the
  parent's ``wish_registration`` / ``cancel_wish``;
- ``decisions``: ``decide_registrations`` — staff accept or refuse wishes in bulk.
"""
