"""The constant Cypher the store's writer sends: schema statements and the writes of one batch.
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
# one-element list). Merged values are order-independent: the name ingest.model's
# preferred_name() picks (the most characters, then the most accented ones, "José" over
# "Jose", then the first in code point order), the smallest country code, sorted unions of
# roles, aliases and lookup keys. Rows arrive with sorted lists, and `reduce` inserts each
# value the node lacks at its sorted place: a plain expression, no per-row subquery. A node
# is written only when a value changes, so an actor that is already complete is read, not
# locked, and concurrent loads do not queue on it.
#
# Cypher counts a string's size in code points but splits it, and compares a parameter with
# a stored string, in UTF-16 units. So accented characters are counted as the size less the
# ASCII ones (a character outside the BMP is one code point, two units), and a tie between
# two names of one rank is broken on a key whose UTF-16 order is the code point order:
# U+D7FF and each unit from U+E000 up are prefixed with U+D7FF (the former followed by
# U+0000), so they sort between U+D7FE and the surrogates that encode the astral planes.
_RANK = "size({name}) * 1000 + size({name}) - size([c IN split({name}, '') WHERE c <= '~'])"
_CODE_POINT_KEY = (
    "reduce(key = '', c IN split({name}, '') | key + CASE WHEN c >= '\\uE000' "
    "THEN '\\uD7FF' + c WHEN c = '\\uD7FF' THEN '\\uD7FF\\u0000' ELSE c END)"
)
_SORTED_UNION = """reduce(merged = coalesce(a.{field}, []), x IN row.{field} |
         CASE WHEN x IN merged THEN merged
         ELSE [y IN merged WHERE y < x] + [x] + [y IN merged WHERE y > x] END) AS {field}"""

MERGE_ACTORS = f"""
UNWIND $rows AS row
MERGE (a:Actor {{id: row.id}})
WITH a, row, a.kind IS NULL AS fresh, {_RANK.format(name="row.name")} AS new_rank,
     CASE WHEN a.name IS NULL THEN -1 ELSE {_RANK.format(name="a.name")} END AS old_rank
WITH a, row, fresh,
     CASE WHEN new_rank > old_rank THEN row.name
          WHEN new_rank < old_rank OR row.name = a.name THEN a.name
          WHEN {_CODE_POINT_KEY.format(name="row.name")}
               < {_CODE_POINT_KEY.format(name="a.name")} THEN row.name
          ELSE a.name END AS name,
     CASE WHEN a.country IS NULL OR (row.country IS NOT NULL AND row.country < a.country)
          THEN row.country ELSE a.country END AS country,
     {_SORTED_UNION.format(field="roles")},
     {_SORTED_UNION.format(field="aliases")},
     {_SORTED_UNION.format(field="lookup")}
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
# without actors still passes once, with a null id that links nothing.
#
# Articles, events and places are written from `row.props`, the record's fields (see
# graph.store.rows): `SET n = props` makes the node's properties exactly the record's, so a
# field that became None is removed. A stored node is written only where its properties
# differ from the row's as a map, so loading it again writes nothing.
_MENTIONS = """
WITH a, row
UNWIND CASE WHEN size(row.actors) = 0 THEN [null] ELSE row.actors END AS actor_id
OPTIONAL MATCH (x:Actor {{id: actor_id}})
FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | {verb} (x)-[:MENTIONED_IN]->(a))
RETURN count(DISTINCT a) AS nodes, count(x) AS links
"""

CREATE_ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article)
SET a = row.props
""" + _MENTIONS.format(verb="CREATE")

MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
FOREACH (_ IN CASE WHEN properties(a) = row.props THEN [] ELSE [1] END | SET a = row.props)
""" + _MENTIONS.format(verb="MERGE")

# Places are fixed by their id (gazetteer values); `location` is the point of `lat`/`lon`
# (built here, so Neo4j checks the coordinates), `lookup` the folded name and id.
MERGE_PLACES = """
UNWIND $rows AS row
MERGE (p:Place {id: row.id})
WITH p, row, row.props AS props
WITH p, props{.*, lookup: row.lookup} AS props
WITH p, CASE WHEN props.lat IS NULL OR props.lon IS NULL THEN props
             ELSE props{.*, location: point({latitude: props.lat, longitude: props.lon})}
        END AS props
FOREACH (_ IN CASE WHEN properties(p) = props THEN [] ELSE [1] END | SET p = props)
RETURN count(*) AS nodes, 0 AS links
"""

# An event with its edges: the source, target and reporter actors, the place and the
# article, each found by id (written before in the same transaction). New events are
# created, events already in the database merged (see the articles above). An id that is
# null, or not in the database, links nothing; `links` counts the edges written or found.
_EVENT_ENDS = """
WITH e, row
OPTIONAL MATCH (source:Actor {{id: row.source}})
OPTIONAL MATCH (article:Article {{id: row.article}})
OPTIONAL MATCH (target:Actor {{id: row.target}})
OPTIONAL MATCH (place:Place {{id: row.place}})
OPTIONAL MATCH (reporter:Actor {{id: row.reporter}})
FOREACH (_ IN CASE WHEN source IS NULL THEN [] ELSE [1] END | {verb} (source)-[:SOURCE_OF]->(e))
FOREACH (_ IN CASE WHEN article IS NULL THEN [] ELSE [1] END | {verb} (e)-[:REPORTED_IN]->(article))
FOREACH (_ IN CASE WHEN target IS NULL THEN [] ELSE [1] END | {verb} (e)-[:TARGETS]->(target))
FOREACH (_ IN CASE WHEN place IS NULL THEN [] ELSE [1] END | {verb} (e)-[:OCCURRED_IN]->(place))
FOREACH (_ IN CASE WHEN reporter IS NULL THEN [] ELSE [1] END |
    {verb} (e)-[:REPORTED_BY]->(reporter))
RETURN count(*) AS nodes,
       sum(size([x IN [source, article, target, place, reporter] WHERE x IS NOT NULL]))
       AS links
"""

CREATE_EVENTS = """
UNWIND $rows AS row
CREATE (e:Event)
SET e = row.props, e.root = row.root
""" + _EVENT_ENDS.format(verb="CREATE")

MERGE_EVENTS = """
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
WITH e, row, row.props AS props
WITH e, row, props{.*, root: row.root} AS props
FOREACH (_ IN CASE WHEN properties(e) = props THEN [] ELSE [1] END | SET e = props)
""" + _EVENT_ENDS.format(verb="MERGE")

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

# statement name → Cypher; the names are the keys of graph.store.rows.BatchRows.rows. A
# transaction runs the SHARED writes (actors and places other articles also use), then
# FIND_EXISTING, then CREATE_WRITES for new articles and events and MERGE_WRITES for those
# already stored, then the EDGE_WRITES between shared nodes.
SHARED_WRITES: dict[str, str] = {"actors": MERGE_ACTORS, "places": MERGE_PLACES}
CREATE_WRITES: dict[str, str] = {"articles": CREATE_ARTICLES, "events": CREATE_EVENTS}
MERGE_WRITES: dict[str, str] = {"articles": MERGE_ARTICLES, "events": MERGE_EVENTS}
EDGE_WRITES: dict[str, str] = {"affiliations": MERGE_AFFILIATIONS, "within": MERGE_WITHIN}
