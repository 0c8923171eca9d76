"""The constant Cypher that graph.store sends: schema statements and the writes of one batch.
Values arrive only as parameters; labels and relationship types are spelled here.

Each write ends in `RETURN … AS nodes, … AS links`: the node rows it merged and the edges
whose endpoints it found, so the writer can tell what was created (summary counters) from
what matched, and edges skipped because an endpoint was missing.
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

# Actors: one constant statement serves every kind (the kind label is set by FOREACH over a
# one-element list). Merged values are order-independent: the name with the most
# characters, then the most accented ones ("José" over "Jose"), then alphabetical; the
# smallest country code; sorted unions of roles, aliases and lookup keys. Rows arrive with
# sorted lists, and `reduce` inserts each value the node lacks at its sorted place: a plain
# expression, no per-row subquery. A node is written only when a value changes, so an actor
# that is already complete is read, not locked, and concurrent loads do not queue on it.
MERGE_ACTORS = """
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
WITH a, row, a.kind IS NULL AS fresh,
     size(row.name) * 1000 + size([c IN split(row.name, '') WHERE c > '~']) AS new_rank,
     CASE WHEN a.name IS NULL THEN -1
          ELSE size(a.name) * 1000 + size([c IN split(a.name, '') WHERE c > '~']) END AS old_rank
WITH a, row, fresh,
     CASE WHEN new_rank > old_rank OR (new_rank = old_rank AND row.name < a.name)
          THEN row.name ELSE a.name END AS name,
     CASE WHEN a.country IS NULL OR (row.country IS NOT NULL AND row.country < a.country)
          THEN row.country ELSE a.country END AS country,
     reduce(merged = coalesce(a.roles, []), x IN row.roles |
         CASE WHEN x IN merged THEN merged
         ELSE [y IN merged WHERE y < x] + [x] + [y IN merged WHERE y > x] END) AS roles,
     reduce(merged = coalesce(a.aliases, []), x IN row.aliases |
         CASE WHEN x IN merged THEN merged
         ELSE [y IN merged WHERE y < x] + [x] + [y IN merged WHERE y > x] END) AS aliases,
     reduce(merged = coalesce(a.lookup, []), x IN row.lookup |
         CASE WHEN x IN merged THEN merged
         ELSE [y IN merged WHERE y < x] + [x] + [y IN merged WHERE y > x] END) AS lookup
WITH a, row, fresh, name, country, roles, aliases, lookup,
     fresh OR name <> a.name OR coalesce(country, '') <> coalesce(a.country, '')
         OR a.roles IS NULL OR roles <> a.roles OR a.aliases IS NULL OR aliases <> a.aliases
         OR a.lookup IS NULL OR lookup <> a.lookup AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
    SET a.kind = row.kind, a.name = name, a.country = country, a.roles = roles,
        a.aliases = aliases, a.lookup = lookup)
FOREACH (_ IN CASE WHEN fresh AND row.kind = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN fresh AND row.kind = 'organization' THEN [1] ELSE [] END |
    SET a:Organization)
FOREACH (_ IN CASE WHEN fresh AND row.kind = 'country' THEN [1] ELSE [] END | SET a:Country)
FOREACH (_ IN CASE WHEN fresh AND row.kind = 'group' THEN [1] ELSE [] END | SET a:Group)
RETURN count(*) AS nodes, 0 AS links
"""

# Articles already in the database (and events, below) are told apart from new ones first,
# in the same transaction (FIND_EXISTING): a new article is created with its MENTIONED_IN
# edges outright, which reads no actor's edge list and locks busy actors only at commit; an
# article already there is merged, so loading it again adds nothing. `row.actors` holds ids
# of actors written before (earlier in the transaction or in an earlier load). An article
# without actors still passes once, with a null id that links nothing. A stored article or
# event is written only where a value differs, so loading it again writes nothing.
CREATE_ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article {id: row.id, title: row.title, url: row.url, published: row.published,
                   source: row.source})
WITH a, row
UNWIND CASE WHEN size(row.actors) = 0 THEN [null] ELSE row.actors END AS actor_id
OPTIONAL MATCH (x:Actor {id: actor_id})
FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | CREATE (x)-[:MENTIONED_IN]->(a))
RETURN count(DISTINCT a) AS nodes, count(x) AS links
"""

MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
WITH a, row,
     [k IN ['title', 'url', 'published', 'source']
      WHERE NOT coalesce(a[k] = row[k], a[k] IS NULL AND row[k] IS NULL)] AS changed
FOREACH (_ IN CASE WHEN size(changed) = 0 THEN [] ELSE [1] END |
    SET a.title = row.title, a.url = row.url, a.published = row.published,
        a.source = row.source)
WITH a, row
UNWIND CASE WHEN size(row.actors) = 0 THEN [null] ELSE row.actors END AS actor_id
OPTIONAL MATCH (x:Actor {id: actor_id})
FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | MERGE (x)-[:MENTIONED_IN]->(a))
RETURN count(DISTINCT a) AS nodes, count(x) AS links
"""

# Places are fixed by their id (gazetteer values); a place is written only when a value
# differs, so a stored place is read, not locked (null-safe: 1000 is no coordinate).
MERGE_PLACES = """
UNWIND $rows AS row
MERGE (p:Place {id: row.id})
WITH p, row,
     p.name IS NULL
     OR [p.name, p.kind, coalesce(p.country, ''), coalesce(p.lat, 1000.0),
         coalesce(p.lon, 1000.0), p.lookup]
        <> [row.name, row.kind, coalesce(row.country, ''), coalesce(row.lat, 1000.0),
            coalesce(row.lon, 1000.0), row.lookup] AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
    SET p.name = row.name, p.kind = row.kind, p.country = row.country,
        p.lat = row.lat, p.lon = row.lon, p.lookup = row.lookup,
        p.location = CASE WHEN row.lat IS NULL OR row.lon IS NULL THEN null
                     ELSE point({latitude: row.lat, longitude: row.lon}) END)
RETURN count(*) AS nodes, 0 AS links
"""

# An event with its edges: the source, target and reporter actors, the place and the
# article, each found by id (written before in the same transaction). New events are
# created, events already in the database merged (see the articles above). An id that is
# null, or not in the database, links nothing; `links` counts the edges written or found.
_EVENT_ENDS = """
OPTIONAL MATCH (source:Actor {id: row.source})
OPTIONAL MATCH (article:Article {id: row.article})
OPTIONAL MATCH (target:Actor {id: row.target})
OPTIONAL MATCH (place:Place {id: row.place})
OPTIONAL MATCH (reporter:Actor {id: row.reporter})
"""

_EVENT_LINKS = """
RETURN count(*) AS nodes,
       sum(size([x IN [source, article, target, place, reporter] WHERE x IS NOT NULL]))
       AS links
"""

CREATE_EVENTS = (
    """
UNWIND $rows AS row
"""
    + _EVENT_ENDS
    + """
CREATE (e:Event {id: row.id, cameo: row.cameo, root: row.root, label: row.label,
                 quad_class: row.quad_class, goldstein: row.goldstein, date: row.date,
                 date_text: row.date_text, negated: row.negated, modality: row.modality,
                 sentence: row.sentence, start: row.start, end: row.end,
                 confidence: row.confidence, trigger: row.trigger})
FOREACH (_ IN CASE WHEN source IS NULL THEN [] ELSE [1] END | CREATE (source)-[:SOURCE_OF]->(e))
FOREACH (_ IN CASE WHEN article IS NULL THEN [] ELSE [1] END | CREATE (e)-[:REPORTED_IN]->(article))
FOREACH (_ IN CASE WHEN target IS NULL THEN [] ELSE [1] END | CREATE (e)-[:TARGETS]->(target))
FOREACH (_ IN CASE WHEN place IS NULL THEN [] ELSE [1] END | CREATE (e)-[:OCCURRED_IN]->(place))
FOREACH (_ IN CASE WHEN reporter IS NULL THEN [] ELSE [1] END |
    CREATE (e)-[:REPORTED_BY]->(reporter))
"""
    + _EVENT_LINKS
)

MERGE_EVENTS = (
    """
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
WITH e, row,
     [k IN ['cameo', 'root', 'label', 'quad_class', 'goldstein', 'date', 'date_text',
            'negated', 'modality', 'sentence', 'start', 'end', 'confidence', 'trigger']
      WHERE NOT coalesce(e[k] = row[k], e[k] IS NULL AND row[k] IS NULL)] AS changed
FOREACH (_ IN CASE WHEN size(changed) = 0 THEN [] ELSE [1] END |
    SET e.cameo = row.cameo, e.root = row.root, e.label = row.label,
        e.quad_class = row.quad_class, e.goldstein = row.goldstein,
        e.date = row.date, e.date_text = row.date_text, e.negated = row.negated,
        e.modality = row.modality, e.sentence = row.sentence, e.start = row.start,
        e.end = row.end, e.confidence = row.confidence, e.trigger = row.trigger)
WITH e, row
"""
    + _EVENT_ENDS
    + """
FOREACH (_ IN CASE WHEN source IS NULL THEN [] ELSE [1] END | MERGE (source)-[:SOURCE_OF]->(e))
FOREACH (_ IN CASE WHEN article IS NULL THEN [] ELSE [1] END | MERGE (e)-[:REPORTED_IN]->(article))
FOREACH (_ IN CASE WHEN target IS NULL THEN [] ELSE [1] END | MERGE (e)-[:TARGETS]->(target))
FOREACH (_ IN CASE WHEN place IS NULL THEN [] ELSE [1] END | MERGE (e)-[:OCCURRED_IN]->(place))
FOREACH (_ IN CASE WHEN reporter IS NULL THEN [] ELSE [1] END |
    MERGE (e)-[:REPORTED_BY]->(reporter))
"""
    + _EVENT_LINKS
)

# The ids among this batch's articles and events that the database already holds.
FIND_EXISTING = """
CALL () { UNWIND $articles AS id MATCH (a:Article {id: id}) RETURN collect(id) AS articles }
CALL () { UNWIND $events AS id MATCH (e:Event {id: id}) RETURN collect(id) AS events }
RETURN articles, events
"""

MERGE_AFFILIATIONS = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.from}) MATCH (b:Actor:Country {id: row.to})
MERGE (a)-[r:AFFILIATED_WITH]->(b)
FOREACH (_ IN CASE WHEN row.role IS NOT NULL AND (r.role IS NULL OR row.role < r.role)
              THEN [1] ELSE [] END | SET r.role = row.role)
RETURN 0 AS nodes, count(*) AS links
"""

MERGE_WITHIN = """
UNWIND $rows AS row
MATCH (a:Place {id: row.from}) MATCH (b:Place {id: row.to})
MERGE (a)-[:WITHIN]->(b)
RETURN 0 AS nodes, count(*) AS links
"""

# statement name → Cypher; the names are the keys of graph.store.BatchRows.rows. A
# transaction runs the SHARED writes (actors and places other articles also use), then
# FIND_EXISTING, then CREATE_WRITES for new articles and events and MERGE_WRITES for those
# already stored, then the EDGE_WRITES between shared nodes.
SHARED_WRITES: dict[str, str] = {"actors": MERGE_ACTORS, "places": MERGE_PLACES}
CREATE_WRITES: dict[str, str] = {"articles": CREATE_ARTICLES, "events": CREATE_EVENTS}
MERGE_WRITES: dict[str, str] = {"articles": MERGE_ARTICLES, "events": MERGE_EVENTS}
EDGE_WRITES: dict[str, str] = {"affiliations": MERGE_AFFILIATIONS, "within": MERGE_WITHIN}
