"""A matching round solves outside a transaction: on SQLite (IMMEDIATE transactions) a transaction
holds the installation's write lock from its start, so a solver inside one would make every other
write wait for up to MATCHING_ROUND_SECONDS."""

import pytest
from django.db import connection

from buurtbaan.matching import actions, suggestions
from buurtbaan.matching.models import MatchingRound


@pytest.mark.django_db(transaction=True)
def test_a_round_reads_and_solves_outside_a_transaction_and_stores_inside_one(
    neighbourhood, personas, monkeypatch
):
    compute_round = suggestions.compute_round
    seen = []

    def watched(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return compute_round(*args, **kwargs)

    monkeypatch.setattr(suggestions, "compute_round", watched)
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    assert seen == [False]
    assert MatchingRound.objects.get(pk=matching_round.pk).assignments


@pytest.mark.django_db(transaction=True)
def test_a_round_that_fails_to_store_leaves_no_round(neighbourhood, personas, monkeypatch):
    def broken_log(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(actions, "log_event", broken_log)
    with pytest.raises(RuntimeError):
        actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    assert not MatchingRound.objects.exists()
