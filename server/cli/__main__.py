"""``python -m server.cli ...``: the same entry point as the ``creneau`` console script."""

import sys

from server.cli import main

sys.exit(main())
