"""``label``: the French label of an enum value, remembered per enum and member."""

from __future__ import annotations

import enum

from domain.labels import LABELS, label, register_labels
from domain.planning import OccurrenceStatus
from models.request import RequestStatus


def test_members_of_two_enums_with_the_same_value_keep_their_own_labels() -> None:
    assert str(OccurrenceStatus.PENDING) == str(RequestStatus.PENDING)  # two equal values
    assert label(OccurrenceStatus.PENDING) == "Demande en attente de validation"
    assert label(RequestStatus.PENDING) == LABELS[RequestStatus]["PENDING"]
    assert label(RequestStatus.PENDING) != label(OccurrenceStatus.PENDING)
    assert label(OccurrenceStatus.PENDING) == "Demande en attente de validation"


def test_registering_labels_again_replaces_the_remembered_ones() -> None:
    class Colour(enum.Enum):
        RED = "RED"

    assert label(Colour.RED) == "RED"  # unmapped: the value
    register_labels(Colour, {"RED": "Rouge"})
    assert label(Colour.RED) == "Rouge"
    register_labels(Colour, {"RED": "Rouge vif"})
    assert label(Colour.RED) == "Rouge vif"
    del LABELS[Colour]
