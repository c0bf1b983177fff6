"""Declarative base, naming convention and column helpers shared by every model.

Conventions kept everywhere:
- integer primary keys (BIGINT on PostgreSQL, INTEGER on SQLite so that ROWID aliasing works);
- every row owned by a town carries ``tenant_id`` (see ``TenantOwned``);
- enums are stored as their upper-case value in a VARCHAR guarded by a CHECK constraint, so
  the database refuses a value the code does not know, on SQLite as on PostgreSQL;
- money is integer cents (``Cents``), never a float;
- timestamps are timezone-aware (UTC), calendar dates are plain dates in the tenant's zone;
- relationships never lazy-load (``lazy="raise"``): reads go through explicit queries or
  DataLoaders, so an N+1 is an error, not a slowdown.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    MetaData,
    String,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware timestamp on every backend (SQLite stores naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a timezone-aware column")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value


def utcnow() -> dt.datetime:
    """Current time, timezone-aware, for defaults."""
    return dt.datetime.now(dt.UTC)


def enum_column(enum_cls: type[enum.Enum], name: str | None = None) -> Enum:
    """A VARCHAR enum column with a CHECK constraint on its values (portable, evolvable)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls) + 8,
        values_callable=lambda e: [m.value for m in e],
        name=name or f"{enum_cls.__name__.lower()}",
        validate_strings=True,
    )


class Base(DeclarativeBase):
    """Root of every model; one metadata with a naming convention so migrations are stable."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
    }


IntPk = Annotated[int, mapped_column(BigId, primary_key=True, autoincrement=True)]
Cents = Annotated[int, mapped_column(BigInteger)]
Name = Annotated[str, mapped_column(String(120))]
CreatedAt = Annotated[dt.datetime, mapped_column(UtcDateTime(), default=utcnow)]


def tenant_fk() -> Mapped[int]:
    """The owning tenant; indexed because every query filters on it."""
    return mapped_column(BigId, ForeignKey("tenant.id", ondelete="CASCADE"), index=True)


def fk(
    target: str,
    *,
    nullable: bool = False,
    ondelete: str = "CASCADE",
    index: bool = True,
    primary_key: bool = False,
) -> Any:
    """A foreign key column to ``target`` ("table.id") with the house defaults."""
    return mapped_column(
        BigId,
        ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
        index=index and not primary_key,
        primary_key=primary_key,
    )
