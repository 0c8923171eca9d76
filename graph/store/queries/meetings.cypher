// name: meetings
// description: Who met whom (CAMEO 04x: consult, visit, host, meet, mediate, negotiate) with place, date and reports
// param actor: actor = null — only meetings involving this actor (name, alias or id)
// param since: date = null — earliest event date, YYYY-MM-DD
// param until: date = null — latest event date, YYYY-MM-DD
// param include_negated: bool = false — also list meetings reported as not happening or as hypothetical
// param limit: int [1, 1000000] = 100 — at most this many rows
// One row per meeting, however many articles report it (`reports` counts them).
MATCH (s:Actor)-[:SOURCE_OF]->(e:Event)-[:TARGETS]->(t:Actor)
WHERE e.root = '04'
  AND ($actor IS NULL OR $actor IN s.lookup OR $actor IN t.lookup)
  AND ($since IS NULL OR e.date >= $since)
  AND ($until IS NULL OR e.date <= $until)
  AND ($include_negated
       OR (NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'))
OPTIONAL MATCH (e)-[:OCCURRED_IN]->(p:Place)
RETURN e.date AS date, s.name AS source, e.label AS action, t.name AS target,
       p.name AS place, e.cameo AS cameo, e.modality AS modality, e.negated AS negated,
       e.reports AS reports, e.id AS event
ORDER BY date, source, target, event
LIMIT $limit
