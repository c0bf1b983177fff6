"""Password hashing with Argon2id (argon2-cffi): never store or compare plain passwords."""

from __future__ import annotations

import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


def _hasher_for(cost: str, environment: str) -> PasswordHasher:
    """Argon2id with argon2-cffi's recommended parameters, or cheap ones for the test suite.

    ``CRENEAU_PASSWORD_HASH_COST=test`` (set by ``tests/conftest.py``) selects 1 pass over
    64 KiB: hundreds of logins and account creations then cost milliseconds instead of
    ~0.12 s each, through the same code. Refused in production, where it would make stored
    hashes cheap to crack."""
    if cost == "test":
        if environment == "production":
            raise ValueError("CRENEAU_PASSWORD_HASH_COST=test is refused in production")
        return PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    if cost not in ("", "default"):
        raise ValueError(f"CRENEAU_PASSWORD_HASH_COST must be 'default' or 'test', got {cost!r}")
    return PasswordHasher()


_hasher = _hasher_for(
    os.environ.get("CRENEAU_PASSWORD_HASH_COST", ""), os.environ.get("CRENEAU_ENV", "")
)


def hash_password(password: str) -> str:
    """Hash a password for storage (salted Argon2id, parameters embedded in the hash)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches the stored hash; False on any mismatch or bad hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash uses outdated parameters and should be replaced at next login."""
    return _hasher.check_needs_rehash(password_hash)


MIN_PASSWORD_LENGTH = 10


def password_problems(password: str, email: str | None = None) -> list[str]:
    """French explanations of what makes a password too weak (empty list: acceptable).

    The rule: at least 10 characters with three kinds among lowercase, uppercase, digits
    and symbols, not containing the email's local part, at most 128 characters.
    """
    problems: list[str] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"Le mot de passe doit contenir au moins {MIN_PASSWORD_LENGTH} caractères.")
    if len(password) > 128:
        problems.append("Le mot de passe ne doit pas dépasser 128 caractères.")
    kinds = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if kinds < 3:
        problems.append(
            "Le mot de passe doit mélanger au moins trois types de caractères parmi "
            "minuscules, majuscules, chiffres et symboles."
        )
    local_part = (email or "").split("@")[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        problems.append("Le mot de passe ne doit pas contenir votre adresse e-mail.")
    return problems
