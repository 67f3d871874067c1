"""Lost updates on a piece of work: the second saver of an older form gets the conflict page."""

import pytest
from django.urls import reverse

from buurtbaan.work.models import PieceOfWork
from tests.factories import PieceOfWorkFactory
from tests.locking import changed, client_for, form_data

pytestmark = pytest.mark.usefixtures("english")


def test_an_older_form_does_not_revert_the_hours_someone_else_saved(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau, hours_total=10, title="Tuin opknappen")
    url = reverse("work:piece-update", args=[personas.bureau.slug, piece.pk])
    coordinator, coach = client_for(personas.coordinator), client_for(personas.coach)
    coordinators_form = form_data(coordinator.get(url))
    coachs_form = form_data(coach.get(url))

    assert coordinator.post(url, changed(coordinators_form, hours_total="24")).status_code == 302
    response = coach.post(url, changed(coachs_form, title="Tuin en schuur opknappen"))

    assert response.status_code == 409
    rows = response.context["form"].edit_conflict.rows
    assert [(row.now, row.typed) for row in rows] == [("24.0", "10.0")]
    piece = PieceOfWork.objects.get(pk=piece.pk)
    assert (piece.hours_total, piece.title) == (24, "Tuin opknappen")
