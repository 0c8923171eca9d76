// name: dyad_balance
// description: Per actor pair (source → target): events and their reports, summed and mean Goldstein, cooperation vs conflict
// param actor: actor = null — only pairs involving this actor (name, alias or id)
// param min_events: int [1, ] = 1 — leave out pairs with fewer events
// param limit: int [1, 1000000] = 50 — at most this many rows
// Each event counts once however many articles report it (`reports` counts the reports).
// Events reported as not happening ("did not meet") or as hypothetical are left out;
// quad classes 1-2 count as cooperation, 3-4 as conflict.
MATCH (s:Actor)-[:SOURCE_OF]->(e:Event)-[:TARGETS]->(t:Actor)
WHERE ($actor IS NULL OR $actor IN s.lookup OR $actor IN t.lookup)
  AND NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'
WITH s, t, count(e) AS events, sum(coalesce(e.reports, 1)) AS reports,
     sum(e.goldstein) AS goldstein,
     sum(CASE WHEN e.quad_class IN [1, 2] THEN 1 ELSE 0 END) AS cooperation,
     sum(CASE WHEN e.quad_class IN [3, 4] THEN 1 ELSE 0 END) AS conflict,
     min(e.date) AS first, max(e.date) AS last
WHERE events >= $min_events
RETURN s.name AS source, t.name AS target, events, reports,
       round(goldstein, 2) AS goldstein_sum, round(goldstein / events, 2) AS goldstein_mean,
       cooperation, conflict, first, last
ORDER BY events DESC, goldstein_sum, source, target
LIMIT $limit
