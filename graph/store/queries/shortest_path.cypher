// name: shortest_path
// description: The shortest chain of events linking two actors (at most 6 actor hops)
// param actor_a: actor — where the chain starts (name, alias or id)
// param actor_b: actor — where it ends
// Events reported as not happening or as hypothetical link no one.
MATCH (a:Actor)
WHERE $actor_a IN a.lookup
MATCH (b:Actor)
WHERE $actor_b IN b.lookup AND b <> a
MATCH path = shortestPath((a)-[:SOURCE_OF|TARGETS*..12]-(b))
WHERE all(n IN nodes(path) WHERE NOT n:Event
          OR (NOT coalesce(n.negated, false) AND coalesce(n.modality, '') <> 'hypothetical'))
RETURN a.name AS from, b.name AS to, length(path) / 2 AS hops,
       [n IN nodes(path) |
         CASE WHEN n:Actor THEN n.name
              ELSE n.label + ' (' + n.cameo + coalesce(', ' + toString(n.date), '') + ')' END
       ] AS steps
ORDER BY hops, from, to
LIMIT 1
