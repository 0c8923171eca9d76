// name: ego_network
// description: Actors within N hops of an actor (one hop = one event between two actors), nearest first
// param actor: actor — the centre actor (name, alias or id)
// param hops: int [1, 4] = 2 — how far to go, 1 to 4 actor hops
// param limit: int [1, 1000000] = 200 — at most this many rows
// The hop bound cannot be a Cypher parameter, so the pattern has a fixed maximum of
// 4 actor hops and the WHERE keeps paths up to $hops. Events reported as not happening
// or as hypothetical link no one.
MATCH (a:Actor)
WHERE $actor IN a.lookup
MATCH path = ANY SHORTEST (a)(()-[:SOURCE_OF|TARGETS]-(e:Event)-[:SOURCE_OF|TARGETS]-(:Actor)
  WHERE NOT coalesce(e.negated, false) AND coalesce(e.modality, '') <> 'hypothetical'){1,4}
  (other:Actor)
WHERE other <> a
WITH a, other, length(path) / 2 AS hops, [n IN nodes(path) WHERE n:Actor | n.name] AS via
WHERE hops <= $hops
RETURN a.name AS centre, other.name AS actor, other.kind AS kind, other.country AS country,
       hops, via
ORDER BY hops, actor
LIMIT $limit
