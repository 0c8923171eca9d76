// name: most_connected
// description: Actors with the most distinct counterparts in events, then the most events
// param limit: int [1, 1000000] = 20 — at most this many rows
// Each event counts once however many articles report it (`reports` counts the reports);
// events reported as not happening or as hypothetical are left out.
MATCH (a:Actor)
CALL (a) {
  OPTIONAL MATCH (a)-[:SOURCE_OF|TARGETS]-(e:Event)
  WHERE NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'
  WITH DISTINCT e
  RETURN count(e) AS events, sum(coalesce(e.reports, 1)) AS reports
}
CALL (a) {
  OPTIONAL MATCH (a)-[:SOURCE_OF|TARGETS]-(e:Event)-[:SOURCE_OF|TARGETS]-(other:Actor)
  WHERE other <> a
    AND NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'
  RETURN count(DISTINCT other) AS counterparts
}
WITH a, events, reports, counterparts
WHERE events > 0
RETURN a.name AS actor, a.kind AS kind, a.country AS country, counterparts, events, reports
ORDER BY counterparts DESC, events DESC, actor
LIMIT $limit
