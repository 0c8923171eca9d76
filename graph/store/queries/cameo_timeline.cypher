// name: cameo_timeline
// description: Events of one CAMEO root (e.g. 04 consult, 16 reduce relations) between two dates
// param root: str — two-digit CAMEO root; a longer code counts by its first two digits
// param since: date = null — earliest event date, YYYY-MM-DD
// param until: date = null — latest event date, YYYY-MM-DD
// param limit: int [1, 1000000] = 500 — at most this many rows
// One row per event with its number of reports; events reported as not happening
// (negated) or as hypothetical are listed too, flagged.
MATCH (e:Event)
WHERE e.root = left($root, 2)
  AND ($since IS NULL OR e.date >= $since)
  AND ($until IS NULL OR e.date <= $until)
MATCH (s:Actor)-[:SOURCE_OF]->(e)
OPTIONAL MATCH (e)-[:TARGETS]->(t:Actor)
OPTIONAL MATCH (e)-[:OCCURRED_IN]->(p:Place)
RETURN e.date AS date, e.cameo AS cameo, e.label AS action, s.name AS source,
       t.name AS target, p.name AS place, e.goldstein AS goldstein, e.negated AS negated,
       e.modality AS modality, e.reports AS reports, e.id AS event
ORDER BY date, event
LIMIT $limit
