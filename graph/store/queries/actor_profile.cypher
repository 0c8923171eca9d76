// name: actor_profile
// description: One actor: kind, country, roles, aliases, events by CAMEO root and their reports, first and last seen
// param actor: actor — the actor's name, an alias or its id (case and accents ignored)
// Events count interactions, each once however many articles report it (`reports` counts
// the reports); events reported as not happening or as hypothetical are left out.
MATCH (a:Actor)
WHERE $actor IN a.lookup
CALL (a) {
  OPTIONAL MATCH (a)-[:SOURCE_OF]->(e:Event)
  WHERE NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'
  RETURN count(e) AS as_source
}
CALL (a) {
  OPTIONAL MATCH (e:Event)-[:TARGETS]->(a)
  WHERE NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'
  RETURN count(e) AS as_target
}
CALL (a) {
  OPTIONAL MATCH (a)-[:SOURCE_OF|TARGETS]-(e:Event)
  WHERE NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'
  WITH DISTINCT e
  RETURN sum(coalesce(e.reports, 1)) AS reports
}
CALL (a) {
  OPTIONAL MATCH (a)-[:SOURCE_OF|TARGETS]-(e:Event)
  WHERE NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'
  WITH e.root AS root, count(DISTINCT e) AS events
  WHERE root IS NOT NULL
  ORDER BY root
  RETURN collect(root + ':' + toString(events)) AS by_root
}
CALL (a) {
  OPTIONAL MATCH (a)-[:MENTIONED_IN]->(article:Article)
  RETURN count(article) AS articles
}
CALL (a) {
  CALL (a) {
    MATCH (a)-[:SOURCE_OF|TARGETS]-(e:Event)
    RETURN e.date AS day
    UNION ALL
    MATCH (a)-[:MENTIONED_IN]->(article:Article)
    RETURN article.published AS day
  }
  RETURN min(day) AS first_seen, max(day) AS last_seen
}
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.country AS country, a.roles AS roles,
       a.aliases AS aliases, as_source, as_target, by_root, reports, articles, first_seen,
       last_seen
ORDER BY name
