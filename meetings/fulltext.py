"""The stored full-text columns every searchable model shares.

Each searchable row carries a tsvector that PostgreSQL computes itself (a stored generated
column, so no signal or trigger can forget it) with a GIN index. The text search
configuration is named explicitly: the column and every query must stem words the same
way, and PostgreSQL only accepts an expression with an explicit configuration as immutable.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

CONFIG = "english"


def search_column(*fields: tuple[str, str]) -> models.GeneratedField:
    """A stored tsvector over (field, weight) pairs: A for titles down to C for body text."""
    vectors = [SearchVector(name, weight=weight, config=CONFIG) for name, weight in fields]
    expression = vectors[0]
    for vector in vectors[1:]:
        expression = expression + vector
    return models.GeneratedField(
        expression=expression, output_field=SearchVectorField(), db_persist=True, editable=False
    )


def search_index(name: str) -> GinIndex:
    return GinIndex(fields=["search"], name=name)
