// name: evidence
// description: The reports behind one event (by id) or behind all events between two actors: outlet, date, sentence, link
// param event: event = null — an event id (as shown by the other queries)
// param actor_a: actor = null — with actor_b: events in either direction between the two
// param actor_b: actor = null — the other actor
// param limit: int [1, 1000000] = 100 — at most this many rows
// requires: event | actor_a actor_b
// One row per report (an article's sentence), earliest first; `reports` is the event's
// number of reports, `reported_by` who the sentence says reported it.
CALL () {
  MATCH (e:Event {id: $event})
  RETURN e
  UNION
  MATCH (a:Actor)-[:SOURCE_OF|TARGETS]-(e:Event)-[:SOURCE_OF|TARGETS]-(b:Actor)
  WHERE $event IS NULL AND $actor_a IN a.lookup AND $actor_b IN b.lookup AND a <> b
  RETURN e
}
MATCH (e)-[report:REPORTED_IN]->(article:Article)
MATCH (s:Actor)-[:SOURCE_OF]->(e)
OPTIONAL MATCH (e)-[:TARGETS]->(t:Actor)
OPTIONAL MATCH (reporter:Actor {id: report.reporter})
RETURN e.date AS date, s.name AS source, e.label AS action, t.name AS target,
       report.sentence AS sentence, reporter.name AS reported_by, article.title AS title,
       article.source AS outlet, article.published AS published, article.url AS url,
       e.reports AS reports, report.mention AS mention, e.id AS event
ORDER BY date, event, coalesce(report.date, article.published), mention
LIMIT $limit
