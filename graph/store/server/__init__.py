"""A local Neo4j without Docker (`polgraph neo4j start|stop|status`): the launcher and its Java."""
