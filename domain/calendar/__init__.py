"""The calendar capability: opening days, deadlines, French public holidays, and the one
loader of calendar facts (``facts``) that the planning, the requests and the staff use."""
