from tests.factories import BarrierFactory, ResidentFactory


def test_it_adds_a_barrier(personas, login, url, resident):
    response = login(personas.coach).post(
        url("residents:barrier-create", personas.bureau, pk=resident.pk),
        {"level": "living_environment", "description": "Geen opvang", "support_needed": "BSO"},
    )
    assert response.status_code == 302
    barrier = resident.barriers.get()
    assert (barrier.level, barrier.created_by) == ("living_environment", personas.coach)


def test_it_keeps_the_input_when_the_level_is_missing(personas, login, url, resident):
    response = login(personas.coach).post(
        url("residents:barrier-create", personas.bureau, pk=resident.pk),
        {"description": "Geen opvang"},
    )
    assert response.status_code == 200
    assert "Geen opvang" in response.content.decode()


def test_it_resolves_and_reopens_a_barrier(personas, login, url, resident):
    barrier = BarrierFactory(resident=resident)
    resolve = url(
        "residents:barrier-resolve", personas.bureau, pk=resident.pk, barrier_pk=barrier.pk
    )
    client = login(personas.coach)
    client.post(resolve, {"is_resolved": "1"})
    barrier.refresh_from_db()
    assert barrier.is_resolved
    assert barrier.resolved_at
    client.post(resolve, {"is_resolved": "0"})
    barrier.refresh_from_db()
    assert not barrier.is_resolved
    assert barrier.resolved_at is None


def test_a_barrier_of_another_resident_is_404(personas, login, url, resident):
    other = BarrierFactory(resident=ResidentFactory(bureau=personas.bureau))
    resolve = url("residents:barrier-resolve", personas.bureau, pk=resident.pk, barrier_pk=other.pk)
    assert login(personas.coordinator).post(resolve).status_code == 404
