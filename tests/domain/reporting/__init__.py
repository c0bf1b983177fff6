"""Reports against figures computed independently, in Python, from the factory's data."""
