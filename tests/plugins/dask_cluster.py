"""A real Dask LocalCluster (2 worker processes x 1 thread), started once per test session
by the same code `--dask local:2` runs (ingest.cluster.dask_client)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from distributed import Client


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Client]:
    from ingest.cluster import dask_client as start

    with start("local:2") as client:
        client.wait_for_workers(2)
        yield client


@pytest.fixture(scope="session")
def dask_address(dask_client: Client) -> str:
    """The scheduler's tcp:// address, as a user passes it to --dask."""
    return str(dask_client.scheduler.address)
