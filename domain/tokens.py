"""Opaque secrets (session tokens, activation and reset links), stored only as hashes.

A database leak must not let anyone log in: the plain token exists only in the response
or the mail that carries it; the database keeps its SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A fresh random token (256 bits, URL-safe) and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    """The stored form of a token (hex SHA-256)."""
    return hashlib.sha256(token.encode()).hexdigest()
