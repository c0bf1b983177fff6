"""Family registration at the domain level: the form, submission, staff decision and
linking an account to an existing family."""
