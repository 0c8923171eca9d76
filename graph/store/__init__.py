"""The Neo4j side: connection, rows and Cypher, the writer and loader, readback, queries, server."""
