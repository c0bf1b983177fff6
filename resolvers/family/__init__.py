"""Application services of the family file: reads through the scoped loaders (``reads``)
and the registration and link of a family (``registration``)."""
