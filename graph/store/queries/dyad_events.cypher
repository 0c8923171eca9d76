// name: dyad_events
// description: All events between two actors, in either direction, in date order
// param actor_a: actor — one actor (name, alias or id)
// param actor_b: actor — the other actor
MATCH (a:Actor)
WHERE $actor_a IN a.lookup
MATCH (b:Actor)
WHERE $actor_b IN b.lookup AND b <> a
MATCH (a)-[:SOURCE_OF|TARGETS]-(e:Event)-[:SOURCE_OF|TARGETS]-(b)
MATCH (s:Actor)-[:SOURCE_OF]->(e)
OPTIONAL MATCH (e)-[:TARGETS]->(t:Actor)
OPTIONAL MATCH (e)-[:OCCURRED_IN]->(p:Place)
RETURN DISTINCT e.date AS date, s.name AS source, e.cameo AS cameo, e.label AS action,
       t.name AS target, e.goldstein AS goldstein, p.name AS place, e.negated AS negated,
       e.modality AS modality, e.id AS event
ORDER BY date, event
