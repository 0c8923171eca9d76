"""Shared fixtures. Each service's fixtures live in tests/plugins/ (one module per service)."""

pytest_plugins = [
    "tests.plugins.nlp",
    "tests.plugins.neo4j_server",
    "tests.plugins.browser",
    "tests.plugins.dask_cluster",
]
