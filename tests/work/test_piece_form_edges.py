"""The piece form asks about pay once, and a draft says it is not on offer yet."""

from django.urls import reverse

from buurtbaan.work.models import PieceOfWork
from tests.factories import PieceOfWorkFactory, PurposeFactory


def url(name, bureau, **kwargs):
    return reverse(f"work:{name}", kwargs={"bureau_slug": bureau.slug, **kwargs})


DATA = {
    "title": "Zolder opruimen",
    "kind": "buurtklus",
    "people_needed": 1,
    "asked_by_kind": "bureau",
}


def test_the_piece_form_asks_about_pay_once(personas, login):
    content = login(personas.coach).get(url("piece-create", personas.bureau)).content.decode()
    assert 'name="is_paid"' not in content
    assert content.count('name="pay_kind"') == 3  # voluntary, wage per hour, fixed fee


def test_a_wage_makes_the_piece_paid_and_voluntary_makes_it_unpaid(personas, login):
    client = login(personas.coach)
    client.post(url("piece-create", personas.bureau), {**DATA, "pay_kind": "hourly_wage"})
    client.post(url("piece-create", personas.bureau), {**DATA, "title": "Vrijwillig"})
    paid = PieceOfWork.objects.get(title="Zolder opruimen")
    unpaid = PieceOfWork.objects.get(title="Vrijwillig")
    assert (paid.is_paid, paid.pay_kind) == (True, "hourly_wage")
    assert (unpaid.is_paid, unpaid.pay_kind) == (False, "")


def test_editing_the_pay_changes_whether_the_piece_is_paid(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau, is_paid=True, pay_kind="fixed_fee")
    client = login(personas.coach)
    response = client.post(
        url("piece-update", personas.bureau, pk=piece.pk),
        {**DATA, "title": piece.title, "kind": piece.kind, "pay_kind": ""},
    )
    assert response.status_code == 302
    piece.refresh_from_db()
    assert (piece.is_paid, piece.pay_kind) == (False, "")
    form = client.get(url("piece-update", personas.bureau, pk=piece.pk)).content.decode()
    assert '<input type="radio" name="pay_kind" value="" id="id_pay_kind_0" checked>' in form


def test_a_new_draft_says_it_is_not_on_offer_yet(personas, login):
    purpose = PurposeFactory(bureau=personas.bureau)
    client = login(personas.coach)
    response = client.post(
        url("piece-create", personas.bureau), {**DATA, "purpose": purpose.pk}, follow=True
    )
    piece = PieceOfWork.objects.get()
    assert piece.status == "draft"
    content = response.content.decode()
    assert "saved as a draft. It is not on offer yet" in content
    assert "message--warning" in content
    assert 'class="work-badge work-badge--draft"' in content
    tree = client.get(url("purpose-detail", personas.bureau, pk=purpose.pk)).content.decode()
    listing = client.get(url("piece-list", personas.bureau)).content.decode()
    assert "work-badge--draft" in tree
    assert "work-badge--draft" in listing


def test_an_open_piece_has_no_draft_badge(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau, status="open")
    content = login(personas.coach).get(url("piece-detail", personas.bureau, pk=piece.pk))
    assert "work-badge--draft" not in content.content.decode()
