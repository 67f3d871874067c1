"""Two coordinators making a quote at the same moment get two numbers (PostgreSQL: the bureau's
row is locked while the number is chosen)."""

import threading

import pytest
from django.db import connection, connections

from buurtbaan.quotes import actions
from buurtbaan.quotes.models import Quote
from tests.factories import BureauFactory, ResidentFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite writes one transaction at a time anyway"
)


@pytest.mark.django_db(transaction=True)
def test_concurrent_quotes_get_different_numbers():
    bureau = BureauFactory()
    client = ResidentFactory(bureau=bureau)
    barrier = threading.Barrier(4)
    errors = []

    def make():
        try:
            barrier.wait()
            actions.create_quote(
                actor=None, bureau=bureau, title="Gelijktijdig", client_resident=client
            )
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=make) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = list(Quote.objects.filter(bureau=bureau).values_list("sequence", flat=True))
    assert sorted(numbers) == [1, 2, 3, 4]
