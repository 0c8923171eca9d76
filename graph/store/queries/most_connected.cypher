// name: most_connected
// description: Actors with the most distinct counterparts in events, then the most events
// param limit: int [1, 1000000] = 20 — at most this many rows
MATCH (a:Actor)
CALL (a) {
  OPTIONAL MATCH (a)-[:SOURCE_OF|TARGETS]-(e:Event)
  RETURN count(DISTINCT e) AS events
}
CALL (a) {
  OPTIONAL MATCH (a)-[:SOURCE_OF|TARGETS]-(:Event)-[:SOURCE_OF|TARGETS]-(other:Actor)
  WHERE other <> a
  RETURN count(DISTINCT other) AS counterparts
}
WITH a, events, counterparts
WHERE events > 0
RETURN a.name AS actor, a.kind AS kind, a.country AS country, counterparts, events
ORDER BY counterparts DESC, events DESC, actor
LIMIT $limit
