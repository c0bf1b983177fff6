"""The requests capability: what every request of a family shares — its history
(``history``: one line per status change, and its event)."""
