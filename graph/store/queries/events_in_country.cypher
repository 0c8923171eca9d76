// name: events_in_country
// description: Events that took place in a country (ISO 3166 alpha-3 code, e.g. ECU), in date order
// param country: str — ISO 3166-1 alpha-3 code of the country
// param since: date = null — earliest event date, YYYY-MM-DD
// param until: date = null — latest event date, YYYY-MM-DD
// param limit: int [1, 1000000] = 200 — at most this many rows
// One row per event with its number of reports; negated and hypothetical ones flagged.
MATCH (e:Event)-[:OCCURRED_IN]->(p:Place)
WHERE p.country = toUpper($country)
  AND ($since IS NULL OR e.date >= $since)
  AND ($until IS NULL OR e.date <= $until)
MATCH (s:Actor)-[:SOURCE_OF]->(e)
OPTIONAL MATCH (e)-[:TARGETS]->(t:Actor)
RETURN e.date AS date, p.name AS place, s.name AS source, e.cameo AS cameo,
       e.label AS action, t.name AS target, e.goldstein AS goldstein, e.negated AS negated,
       e.modality AS modality, e.reports AS reports, e.id AS event
ORDER BY date, event
LIMIT $limit
