"""The constant Cypher of the event writes (graph.store.families) and of the clean-up after an
article is replaced (graph.store.cleanup): family locks, family reads, events created,
updated and deleted, actors recomputed from their articles, nodes left over removed.
Values arrive only as parameters; labels and relationship types are spelled here.
"""

from __future__ import annotations

# A family's events are recomputed by one transaction at a time: it MERGEs the family's
# lock node (unique key) and writes to it, in key order, before reading the family, and
# deletes the node before it commits (WRITE_EVENTS). A second transaction on the same family
# waits on the key until the first commits, then finds no node, creates its own and reads
# what the first wrote. So lock nodes exist only inside transactions. Read under the lock:
# every report of the family's events with its article's id and publication date, and of
# the mention's fields only those an event is grouped and described by, in the order of
# graph.store.families.REPORT_COLUMNS (not the sentence and offsets: a family is read
# whole each time it changes, and a report keeps its text where it hangs unless it moves to
# another event, when REPORT_PROPS reads it). Dates come as ISO text: cheaper to decode.
READ_FAMILIES = """
UNWIND $keys AS key
MERGE (f:EventFamily {key: key})
SET f.key = key
WITH key
MATCH (e:Event {family: key})
RETURN e.id AS event,
       [(e)-[r:REPORTED_IN]->(a:Article) |
           [r.mention, a.id, toString(a.published), r.cameo, r.label, r.quad_class,
            r.goldstein, r.source, r.target, r.place, toString(r.date), r.negated,
            r.modality, r.reporter, r.confidence]] AS reports
"""

# The whole stored fields (REPORTED_IN's properties) of reports that move to another event.
REPORT_PROPS = """
UNWIND $reports AS report
MATCH (:Event {id: report.event})-[r:REPORTED_IN]->(:Article {id: report.article})
WHERE r.mention = report.mention
RETURN report.mention AS mention, properties(r) AS props
"""

# Each place's enclosing places (its whole WITHIN chain), for the compatibility of places.
PLACE_CHAINS = """
UNWIND $places AS id
MATCH (p:Place {id: id})
RETURN id, [(p)-[:WITHIN*1..12]->(x:Place) | x.id] AS chain
"""

# An event's ends from the map `ends` (ids of `source`, `target`, `place`, and a list of
# `reporters`), and its reports from a list of {article, props} (REPORTED_IN to the article,
# with the mention's fields), each a subquery of CREATE_EVENTS and UPDATE_EVENTS.
_ENDS = """
CALL (e, row) {{
    {ends}
    OPTIONAL MATCH (source:Actor {{id: ends.source}})
    OPTIONAL MATCH (target:Actor {{id: ends.target}})
    OPTIONAL MATCH (place:Place {{id: ends.place}})
    FOREACH (_ IN CASE WHEN source IS NULL THEN [] ELSE [1] END | CREATE (source)-[:SOURCE_OF]->(e))
    FOREACH (_ IN CASE WHEN target IS NULL THEN [] ELSE [1] END | CREATE (e)-[:TARGETS]->(target))
    FOREACH (_ IN CASE WHEN place IS NULL THEN [] ELSE [1] END | CREATE (e)-[:OCCURRED_IN]->(place))
    WITH e, ends, count(source) + count(target) + count(place) AS found
    CALL (e, ends) {{
        UNWIND ends.reporters AS reporter_id
        MATCH (reporter:Actor {{id: reporter_id}})
        CREATE (e)-[:REPORTED_BY]->(reporter)
        RETURN count(*) AS reporters
    }}
    RETURN sum(found + reporters) AS ends
}}
"""
_REPORTS = """
CALL (e, row) {{
    UNWIND {reports} AS report
    MATCH (article:Article {{id: report.article}})
    CREATE (e)-[r:REPORTED_IN]->(article)
    SET r = report.props
    RETURN count(*) AS reports
}}
"""

# New events: the row holds the properties, the ends and the reports.
_CREATE = (
    """
UNWIND $create AS row
CREATE (e:Event)
SET e = row.props
WITH e, row
"""
    + _ENDS.format(ends="WITH e, row AS ends")
    + _REPORTS.format(reports="row.reports")
    + "RETURN count(e) AS created, sum(ends + reports) AS created_links\n"
)

# An event whose properties, ends or reports changed keeps its node (and whatever
# properties a researcher added): `row.props` holds the properties that changed (null for
# one that became None), `row.drop` the mention ids of the reports it lost, `row.add` its
# new reports; `row.ends`, if not empty, its new ends, which replace the old ones (returned
# as `unhooked`, to check whether anything still holds them).
_UPDATE = (
    """
UNWIND $update AS row
MATCH (e:Event {id: row.id})
SET e += row.props
WITH e, row
CALL (e, row) {
    WITH e, row WHERE size(row.drop) > 0
    MATCH (e)-[r:REPORTED_IN]->()
    WHERE r.mention IN row.drop
    DELETE r
    RETURN count(*) AS dropped
}
CALL (e, row) {
    UNWIND row.ends AS ends
    MATCH (e)-[r:SOURCE_OF|TARGETS|OCCURRED_IN|REPORTED_BY]-(end)
    DELETE r
    RETURN collect(end.id) AS unhooked
}
"""
    + _ENDS.format(ends="UNWIND row.ends AS ends")
    + _REPORTS.format(reports="row.add")
    + """RETURN count(e) AS updated, sum(ends + reports) AS updated_links,
       reduce(ids = [], found IN collect(unhooked) | ids + found) AS unhooked
"""
)

# Events no report holds any more; `gone` are the ids of their ends.
_DELETE = """
UNWIND $delete AS id
MATCH (e:Event {id: id})
WITH e, [(e)-[:SOURCE_OF|TARGETS|OCCURRED_IN|REPORTED_BY]-(end) | end.id] AS ends
DETACH DELETE e
RETURN count(*) AS deleted, reduce(ids = [], found IN collect(ends) | ids + found) AS gone
"""

# The events of the locked families written in one statement (one round trip): vanished
# events deleted, new ones created, changed ones updated, in that order, then the lock nodes
# deleted. `nodes` counts the event rows and the locks (`unlocked`, which the writer takes
# off the deleted nodes), `links` the edges found, `unhooked` the ends let go.
WRITE_EVENTS = (
    "CALL () {"
    + _DELETE
    + "}\nCALL () {"
    + _CREATE
    + "}\nCALL () {"
    + _UPDATE
    + """}
CALL () {
    UNWIND $keys AS key
    MATCH (f:EventFamily {key: key})
    DELETE f
    RETURN count(*) AS unlocked
}
RETURN deleted + created + updated + unlocked AS nodes, created_links + updated_links AS links,
       gone + unhooked AS unhooked, unlocked
"""
)

# The records the articles still hold of these actors (MENTIONED_IN's properties), to merge
# an actor anew once an article that said more of it is replaced.
ACTOR_RECORDS = """
UNWIND $ids AS id
MATCH (x:Actor {id: id})
RETURN id, x.kind AS kind, [(x)-[m:MENTIONED_IN]->(:Article) | m.record] AS records
"""

# An actor merged anew from its records: the listed properties set where they differ (none
# other touched), AFFILIATED_WITH edges to countries no record gives dropped, roles set
# to the records' (the smallest first role). `dropped` are the countries let go.
RESET_ACTORS = """
UNWIND $rows AS row
MATCH (x:Actor {id: row.id})
FOREACH (_ IN CASE WHEN x.name = row.name AND coalesce(x.country = row.country,
                        x.country IS NULL AND row.country IS NULL)
                   AND x.roles = row.roles AND x.aliases = row.aliases AND x.lookup = row.lookup
              THEN [] ELSE [1] END |
    SET x.name = row.name, x.country = row.country, x.roles = row.roles,
        x.aliases = row.aliases, x.lookup = row.lookup)
WITH x, row
CALL (x, row) {
    MATCH (x)-[r:AFFILIATED_WITH]->(c:Actor)
    WITH r, c, [f IN row.affiliations WHERE f.to = c.id] AS wanted
    FOREACH (_ IN CASE WHEN size(wanted) = 0 THEN [1] ELSE [] END | DELETE r)
    FOREACH (f IN wanted |
        FOREACH (_ IN CASE WHEN coalesce(r.role = f.role, r.role IS NULL AND f.role IS NULL)
                      THEN [] ELSE [1] END | SET r.role = f.role))
    RETURN collect(CASE WHEN size(wanted) = 0 THEN c.id END) AS dropped
}
RETURN count(x) AS nodes, 0 AS links, reduce(ids = [], d IN collect(dropped) | ids + d) AS dropped
"""

# Actors and places that nothing holds any more: no article mentions them, no event has
# them as an end, no actor is affiliated with them, no place lies within them. `next` are
# the nodes they pointed at (a country, an enclosing place), which may now be left over too.
_DELETE_ORPHANS = """
UNWIND $ids AS id
MATCH (x:{label} {{id: id}})
WHERE NOT EXISTS {{ (x)-[:{outgoing}]->() }} AND NOT EXISTS {{ (x)<-[:{incoming}]-() }}
WITH id, x, [(x)-[:{upward}]->(up:{label}) | up.id] AS next
DETACH DELETE x
RETURN count(*) AS nodes, 0 AS links, collect(id) AS deleted,
       reduce(ids = [], n IN collect(next) | ids + n) AS next
"""
DELETE_ORPHAN_ACTORS = _DELETE_ORPHANS.format(
    label="Actor",
    outgoing="MENTIONED_IN|SOURCE_OF",
    incoming="TARGETS|REPORTED_BY|AFFILIATED_WITH",
    upward="AFFILIATED_WITH",
)
DELETE_ORPHAN_PLACES = _DELETE_ORPHANS.format(
    label="Place", outgoing="MENTIONED_IN", incoming="OCCURRED_IN|WITHIN", upward="WITHIN"
)

# The distinct events some articles report (a load's closing count).
EVENTS_REPORTED = """
UNWIND $articles AS id
MATCH (:Article {id: id})<-[:REPORTED_IN]-(e:Event)
RETURN collect(DISTINCT e.id) AS events
"""
