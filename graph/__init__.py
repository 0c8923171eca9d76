"""Everything downstream of extraction: networkx graph, Neo4j store, queries, maps, CLI."""
