// name: actor_profile
// description: One actor: kind, country, roles, aliases, events by CAMEO root, first and last seen
// param actor: name — the actor's name, an alias or its id (case and accents ignored)
MATCH (a:Actor)
WHERE $actor IN a.lookup
OPTIONAL MATCH (a)-[:SOURCE_OF]->(out:Event)
WITH a, collect(DISTINCT out) AS sent
OPTIONAL MATCH (in:Event)-[:TARGETS]->(a)
WITH a, sent, collect(DISTINCT in) AS received
OPTIONAL MATCH (a)-[:MENTIONED_IN]->(article:Article)
WITH a, sent, received, count(DISTINCT article) AS articles
WITH a, sent, received, articles, sent + received AS events
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.country AS country,
       a.roles AS roles, a.aliases AS aliases, articles,
       size(sent) AS events_as_source, size(received) AS events_as_target,
       [root IN apoc_free_sorted_roots(events) | root] AS roots_placeholder
