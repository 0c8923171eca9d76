"""The constant Cypher that graph.store sends: schema statements and one write per node kind
and relationship type. Values arrive only as `$rows`; labels and types are spelled here.

Each write ends in `RETURN count(*) AS written`, so the writer can tell rows that created
something (summary counters) from rows that matched, and rows whose endpoints were missing.
"""

from __future__ import annotations

SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT group_id IF NOT EXISTS FOR (n:Group) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)",
    "CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
    "CREATE INDEX event_cameo IF NOT EXISTS FOR (n:Event) ON (n.cameo)",
    "CREATE INDEX event_root IF NOT EXISTS FOR (n:Event) ON (n.root)",
    "CREATE POINT INDEX place_location IF NOT EXISTS FOR (n:Place) ON (n.location)",
)

# Actors: the kind label is set by FOREACH over a one-element list, so one constant
# statement serves every kind. Merged values are order-independent: the name with the most
# characters, then the most accented ones ("José" over "Jose"), then alphabetical; the
# smallest country code; sorted unions of roles, aliases and lookup keys (rows arrive
# sorted, so a list is re-sorted only when a row brings a value the node lacks).
MERGE_ACTORS = """
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
WITH a, row,
     size(row.name) * 1000 + size([c IN split(row.name, '') WHERE c > '~']) AS new_rank,
     CASE WHEN a.name IS NULL THEN -1
          ELSE size(a.name) * 1000 + size([c IN split(a.name, '') WHERE c > '~']) END AS old_rank
SET a.kind = row.kind,
    a.name = CASE
        WHEN new_rank > old_rank OR (new_rank = old_rank AND row.name < a.name)
        THEN row.name ELSE a.name END,
    a.country = CASE
        WHEN a.country IS NULL OR (row.country IS NOT NULL AND row.country < a.country)
        THEN row.country ELSE a.country END
FOREACH (_ IN CASE WHEN row.kind = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN row.kind = 'organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN row.kind = 'country' THEN [1] ELSE [] END | SET a:Country)
FOREACH (_ IN CASE WHEN row.kind = 'group' THEN [1] ELSE [] END | SET a:Group)
SET a.roles = coalesce(a.roles, row.roles),
    a.aliases = coalesce(a.aliases, row.aliases),
    a.lookup = coalesce(a.lookup, row.lookup)
WITH a,
     [x IN row.roles WHERE NOT x IN a.roles] AS new_roles,
     [x IN row.aliases WHERE NOT x IN a.aliases] AS new_aliases,
     [x IN row.lookup WHERE NOT x IN a.lookup] AS new_lookup
CALL (a, new_roles) {
    WITH a, new_roles WHERE size(new_roles) > 0
    UNWIND a.roles + new_roles AS value
    WITH a, value ORDER BY value
    WITH a, collect(DISTINCT value) AS merged
    SET a.roles = merged
}
CALL (a, new_aliases) {
    WITH a, new_aliases WHERE size(new_aliases) > 0
    UNWIND a.aliases + new_aliases AS value
    WITH a, value ORDER BY value
    WITH a, collect(DISTINCT value) AS merged
    SET a.aliases = merged
}
CALL (a, new_lookup) {
    WITH a, new_lookup WHERE size(new_lookup) > 0
    UNWIND a.lookup + new_lookup AS value
    WITH a, value ORDER BY value
    WITH a, collect(DISTINCT value) AS merged
    SET a.lookup = merged
}
RETURN count(*) AS written
"""

MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.title = row.title, a.url = row.url, a.published = row.published, a.source = row.source
RETURN count(*) AS written
"""

MERGE_PLACES = """
UNWIND $rows AS row
MERGE (p:Place {id: row.id})
SET p.name = row.name, p.kind = row.kind, p.country = row.country,
    p.lat = row.lat, p.lon = row.lon, p.lookup = row.lookup,
    p.location = CASE WHEN row.lat IS NULL OR row.lon IS NULL THEN null
                 ELSE point({latitude: row.lat, longitude: row.lon}) END
RETURN count(*) AS written
"""

MERGE_EVENTS = """
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
SET e.cameo = row.cameo, e.root = row.root, e.label = row.label,
    e.quad_class = row.quad_class, e.goldstein = row.goldstein,
    e.date = row.date, e.date_text = row.date_text, e.negated = row.negated,
    e.modality = row.modality, e.sentence = row.sentence, e.start = row.start,
    e.end = row.end, e.confidence = row.confidence, e.trigger = row.trigger
RETURN count(*) AS written
"""

# statement name → Cypher; the names are the keys of graph.store.batch_rows().
NODE_WRITES: dict[str, str] = {
    "articles": MERGE_ARTICLES,
    "actors": MERGE_ACTORS,
    "places": MERGE_PLACES,
    "events": MERGE_EVENTS,
}

RELATIONSHIP_WRITES: dict[str, str] = {
    "mentioned_in": """
UNWIND $rows AS row
MATCH (a:Actor {id: row.from}) MATCH (b:Article {id: row.to})
MERGE (a)-[:MENTIONED_IN]->(b)
RETURN count(*) AS written
""",
    "affiliated_with": """
UNWIND $rows AS row
MATCH (a:Actor {id: row.from}) MATCH (b:Actor:Country {id: row.to})
MERGE (a)-[r:AFFILIATED_WITH]->(b)
SET r.role = CASE WHEN r.role IS NULL OR (row.role IS NOT NULL AND row.role < r.role)
             THEN row.role ELSE r.role END
RETURN count(*) AS written
""",
    "within": """
UNWIND $rows AS row
MATCH (a:Place {id: row.from}) MATCH (b:Place {id: row.to})
MERGE (a)-[:WITHIN]->(b)
RETURN count(*) AS written
""",
    "source_of": """
UNWIND $rows AS row
MATCH (a:Actor {id: row.from}) MATCH (b:Event {id: row.to})
MERGE (a)-[:SOURCE_OF]->(b)
RETURN count(*) AS written
""",
    "targets": """
UNWIND $rows AS row
MATCH (a:Event {id: row.from}) MATCH (b:Actor {id: row.to})
MERGE (a)-[:TARGETS]->(b)
RETURN count(*) AS written
""",
    "occurred_in": """
UNWIND $rows AS row
MATCH (a:Event {id: row.from}) MATCH (b:Place {id: row.to})
MERGE (a)-[:OCCURRED_IN]->(b)
RETURN count(*) AS written
""",
    "reported_in": """
UNWIND $rows AS row
MATCH (a:Event {id: row.from}) MATCH (b:Article {id: row.to})
MERGE (a)-[:REPORTED_IN]->(b)
RETURN count(*) AS written
""",
    "reported_by": """
UNWIND $rows AS row
MATCH (a:Event {id: row.from}) MATCH (b:Actor {id: row.to})
MERGE (a)-[:REPORTED_BY]->(b)
RETURN count(*) AS written
""",
}
