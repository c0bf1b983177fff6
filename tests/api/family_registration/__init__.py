"""Family registration over GraphQL: submission, staff decision, linking with a subscriber
code, and who may do what."""
