"""A person's role and country on an article's date, from ingest/data/petrarch/phoenix_actors.tsv.

The pipeline adopted these functions (issue 9, item 6): they live in
`ingest.actors.offices`, which the actor finder reads; this module keeps the names the
conversion scripts and their tests use. Precedence the pipeline keeps: a `--actors FILE`
entry wins over everything; the article's words over background knowledge; a dated role of
ingest/data/known_actors.yaml, then a Phoenix role that holds on the article's date, then
the known actor's undated roles (as of late 2025).
"""

from __future__ import annotations

from ingest.actors.offices import (
    OFFICE_SECTORS,
    PhoenixActor,
    country_of,
    country_on,
    format_role,
    is_office,
    parse_role,
    read_table,
    role_on,
)

__all__ = [
    "OFFICE_SECTORS",
    "PhoenixActor",
    "country_of",
    "country_on",
    "format_role",
    "is_office",
    "parse_role",
    "read_table",
    "role_on",
]
