"""The constant Cypher the store's writer sends: schema statements, and the writes of one
batch's actors, places and articles (graph.store.event_cypher has the events'). Values
arrive only as parameters; labels and relationship types are spelled here.

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
    # the lock a transaction holds on an event family while it recomputes its events
    "CREATE CONSTRAINT event_family_key IF NOT EXISTS FOR (n:EventFamily) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)",
    "CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
    "CREATE INDEX event_cameo IF NOT EXISTS FOR (n:Event) ON (n.cameo)",
    "CREATE INDEX event_root IF NOT EXISTS FOR (n:Event) ON (n.root)",
    "CREATE INDEX event_family IF NOT EXISTS FOR (n:Event) ON (n.family)",
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

# A stored node is compared with its row on the row's keys only (the model's fields), and
# written with `SET n += props` only where one differs: a reload writes nothing, a field
# that became None (null in the row) is removed, and properties someone else added stay.
SAME_PROPS = (
    "all(k IN keys({props}) WHERE coalesce({node}[k] = {props}[k], "
    "{node}[k] IS NULL AND {props}[k] IS NULL))"
)

# Places are fixed by their id (gazetteer values); `location` is the point of `lat`/`lon`
# (built here, so Neo4j checks the coordinates), `lookup` the folded name and id.
MERGE_PLACES = f"""
UNWIND $rows AS row
MERGE (p:Place {{id: row.id}})
WITH p, row, row.props AS props
WITH p, props{{.*, lookup: row.lookup,
     location: CASE WHEN props.lat IS NULL OR props.lon IS NULL THEN null
                    ELSE point({{latitude: props.lat, longitude: props.lon}}) END}} AS props
FOREACH (_ IN CASE WHEN {SAME_PROPS.format(node="p", props="props")} THEN [] ELSE [1] END |
    SET p += props)
RETURN count(*) AS nodes, 0 AS links
"""

MERGE_WITHIN = """
UNWIND $rows AS row
MATCH (a:Place {id: row.from}) MATCH (b:Place {id: row.to})
MERGE (a)-[:WITHIN]->(b)
RETURN 0 AS nodes, count(*) AS links
"""

MERGE_AFFILIATIONS = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.from}) MATCH (b:Actor:Country {id: row.to})
MERGE (a)-[r:AFFILIATED_WITH]->(b)
FOREACH (_ IN CASE WHEN row.role IS NOT NULL AND (r.role IS NULL OR row.role < r.role)
              THEN [1] ELSE [] END | SET r.role = row.role)
RETURN 0 AS nodes, count(*) AS links
"""

# What the database holds of this batch's articles, read before anything of theirs is
# written: each stored article's publication date, its record of every actor it mentions
# (MENTIONED_IN's properties), the places it names and its reports (REPORTED_IN's
# properties: the mention's fields) with their event's family and the event's ends and
# report count (to tell an event whose edges were lost since). A loaded article replaces
# all of this (graph.store.writer).
FIND_STORED = """
UNWIND $articles AS id
MATCH (a:Article {id: id})
RETURN id, a.published AS published,
       [(x:Actor)-[m:MENTIONED_IN]->(a) | {id: x.id, record: m.record}] AS actors,
       [(p:Place)-[:MENTIONED_IN]->(a) | p.id] AS places,
       [(e:Event)-[r:REPORTED_IN]->(a) | {family: e.family, props: properties(r), event: {
           reports: e.reports, reported: COUNT { (e)-[:REPORTED_IN]->() },
           sources: [(source:Actor)-[:SOURCE_OF]->(e) | source.id],
           targets: [(e)-[:TARGETS]->(target:Actor) | target.id],
           places: [(e)-[:OCCURRED_IN]->(place:Place) | place.id],
           reporters: [(e)-[:REPORTED_BY]->(reporter:Actor) | reporter.id]}}] AS reports
"""

# An article's MENTIONED_IN edges: from each actor it mentions, holding the article's
# record of that actor (`record`: its name, country, roles and aliases as JSON), and from
# each place it names. New articles create them outright, which reads no actor's edge list
# and locks busy actors only at commit; stored articles drop the edges of actors and places
# they no longer name, write a record only where it changed, and add what is new, so a
# reload writes nothing. An id not in the database links nothing and is returned as
# `missing`. (Rows of an article without actors or places pass once, with a null id.)
_MENTIONS = """
UNWIND CASE WHEN size(row.actors) = 0 THEN [null] ELSE row.actors END AS actor
OPTIONAL MATCH (x:Actor {{id: actor.id}})
{actor_edge}
WITH a, row, count(x) AS actors,
     collect(CASE WHEN actor IS NOT NULL AND x IS NULL THEN actor.id END) AS lost
UNWIND CASE WHEN size(row.places) = 0 THEN [null] ELSE row.places END AS place_id
OPTIONAL MATCH (p:Place {{id: place_id}})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | {verb} (p)-[:MENTIONED_IN]->(a))
WITH a, actors, lost, count(p) AS places,
     collect(CASE WHEN place_id IS NOT NULL AND p IS NULL THEN place_id END) AS lost_places
RETURN count(a) AS nodes, sum(actors + places) AS links,
       reduce(ids = [], found IN collect(lost + lost_places) | ids + found) AS missing
"""
_NEW_ACTOR_EDGE = """FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END |
    CREATE (x)-[:MENTIONED_IN {record: actor.record}]->(a))"""
_STORED_ACTOR_EDGE = """OPTIONAL MATCH (x)-[m:MENTIONED_IN]->(a)
FOREACH (_ IN CASE WHEN x IS NOT NULL AND m IS NULL THEN [1] ELSE [] END |
    CREATE (x)-[:MENTIONED_IN {record: actor.record}]->(a))
FOREACH (_ IN CASE WHEN m IS NOT NULL AND m.record <> actor.record THEN [1] ELSE [] END |
    SET m.record = actor.record)"""

CREATE_ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article)
SET a = row.props
WITH a, row
""" + _MENTIONS.format(actor_edge=_NEW_ACTOR_EDGE, verb="CREATE")

MERGE_ARTICLES = f"""
UNWIND $rows AS row
MATCH (a:Article {{id: row.id}})
FOREACH (_ IN CASE WHEN {SAME_PROPS.format(node="a", props="row.props")} THEN [] ELSE [1] END |
    SET a += row.props)
WITH a, row, [actor IN row.actors | actor.id] + row.places AS named
CALL (a, named) {{
    MATCH (x)-[m:MENTIONED_IN]->(a)
    WHERE NOT x.id IN named
    DELETE m
    RETURN count(*) AS dropped
}}
WITH a, row
""" + _MENTIONS.format(actor_edge=_STORED_ACTOR_EDGE, verb="MERGE")

# statement name → Cypher; the names are keys of graph.store.rows.BatchRows.rows. A
# transaction runs the SHARED writes first (actors, places and the places' WITHIN edges,
# which other articles use too), then the articles (CREATE_ARTICLES for new ones,
# MERGE_ARTICLES for stored ones), the affiliations, and the events (graph.store.families).
SHARED_WRITES: dict[str, str] = {
    "actors": MERGE_ACTORS,
    "places": MERGE_PLACES,
    "within": MERGE_WITHIN,
}
