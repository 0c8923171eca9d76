// name: dyad_events
// description: All events between two actors, in either direction, in date order, with their reports
// param actor_a: actor — one actor (name, alias or id)
// param actor_b: actor — the other actor
// One row per event: `reports` counts the reports, `outlets` and `urls` list the articles
// that carry them (the `evidence` query gives each report's sentence). Events reported as
// not happening or as hypothetical are listed too, flagged (negated, modality).
MATCH (a:Actor)
WHERE $actor_a IN a.lookup
MATCH (b:Actor)
WHERE $actor_b IN b.lookup AND b <> a
MATCH (a)-[:SOURCE_OF|TARGETS]-(e:Event)-[:SOURCE_OF|TARGETS]-(b)
WITH DISTINCT e
MATCH (s:Actor)-[:SOURCE_OF]->(e)
OPTIONAL MATCH (e)-[:TARGETS]->(t:Actor)
OPTIONAL MATCH (e)-[:OCCURRED_IN]->(p:Place)
CALL (e) {
  MATCH (e)-[:REPORTED_IN]->(article:Article)
  WITH DISTINCT article ORDER BY article.published, article.id
  RETURN [x IN collect(article.source) WHERE x IS NOT NULL] AS outlets,
         [x IN collect(article.url) WHERE x IS NOT NULL] AS urls
}
RETURN e.date AS date, s.name AS source, e.cameo AS cameo, e.label AS action,
       t.name AS target, e.goldstein AS goldstein, p.name AS place, e.negated AS negated,
       e.modality AS modality, e.reports AS reports, outlets, urls, e.id AS event
ORDER BY date, event
