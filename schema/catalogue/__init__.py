"""The public catalogue: establishments, activities and their weekly slots (``types``), the
rules of an activity (``rules``) and, for staff, its prices (``price_lists``)."""
