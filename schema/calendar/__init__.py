"""The calendar capability: school years (``years``), closed periods and days (``periods``)."""
