// name: events_near
// description: Events within a radius of a place (name or id), nearest first, via the point index
// param place: place — the centre place (name or id, case and accents ignored)
// param km: float (0, 20040] = 50 — radius in kilometres
// param limit: int [1, 1000000] = 200 — at most this many rows
// One row per event with its number of reports; negated and hypothetical ones flagged.
MATCH (centre:Place)
WHERE $place IN centre.lookup AND centre.location IS NOT NULL
MATCH (p:Place)
WHERE point.distance(p.location, centre.location) <= $km * 1000
MATCH (e:Event)-[:OCCURRED_IN]->(p)
MATCH (s:Actor)-[:SOURCE_OF]->(e)
OPTIONAL MATCH (e)-[:TARGETS]->(t:Actor)
RETURN centre.name AS centre, p.name AS place,
       round(point.distance(p.location, centre.location) / 1000, 1) AS km,
       e.date AS date, s.name AS source, e.label AS action, t.name AS target,
       e.negated AS negated, e.modality AS modality, e.reports AS reports, e.id AS event
ORDER BY km, date, event
LIMIT $limit
