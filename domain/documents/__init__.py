"""The documents capability: uploads (``files``), staff decisions (``decisions``) and the
medical certificates that justify a billed absence (``absence_justification``)."""
