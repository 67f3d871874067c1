import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditEntry
from buurtbaan.board import actions
from buurtbaan.board.models import Response, ResponseStatus
from tests.factories import BoardItemFactory, ResidentFactory

pytestmark = pytest.mark.usefixtures("english")


def test_a_resident_responds_in_one_click_linked_to_their_record(personas, item, resident_record):
    response, created = actions.respond_as_resident(actor=personas.resident, item=item)
    assert created
    assert (response.user, response.resident, response.status) == (
        personas.resident,
        resident_record,
        ResponseStatus.NEW,
    )
    assert AuditEntry.objects.filter(object_type="board.response", action="create").count() == 1


def test_a_resident_cannot_respond_twice(personas, item, resident_record):
    first, _ = actions.respond_as_resident(actor=personas.resident, item=item)
    again, created = actions.respond_as_resident(actor=personas.resident, item=item)
    assert not created
    assert again == first
    assert Response.objects.filter(item=item).count() == 1


def test_a_resident_recorded_by_staff_is_not_added_again_by_their_own_click(
    personas, item, resident_record
):
    recorded = actions.record_response(
        actor=personas.coach, item=item, resident=resident_record, message="Belde op"
    )
    response, created = actions.respond_as_resident(actor=personas.resident, item=item)
    assert not created
    assert response == recorded


def test_a_resident_without_a_talent_bank_record_can_respond(personas, item):
    response, created = actions.respond_as_resident(actor=personas.resident, item=item)
    assert created
    assert response.resident is None
    assert response.user == personas.resident


@pytest.mark.parametrize("who", ["coach", "partner", "funder", "other_coordinator"])
def test_only_residents_of_the_bureau_respond_in_one_click(personas, item, who):
    with pytest.raises(ValidationError):
        actions.respond_as_resident(actor=getattr(personas, who), item=item)


def test_nobody_responds_to_an_item_that_is_not_on_the_board(personas):
    closed = BoardItemFactory(bureau=personas.bureau, status="closed")
    with pytest.raises(ValidationError, match="no longer on the board"):
        actions.respond_as_resident(actor=personas.resident, item=closed)
    with pytest.raises(ValidationError, match="no longer on the board"):
        actions.respond_as_visitor(item=closed, name="Ans", email="ans@buurtbaan.example")
    assert not Response.objects.exists()


def test_a_visitor_responds_with_a_name_and_a_way_to_reach_them(item):
    response = actions.respond_as_visitor(
        item=item, name="  Ans   de Boer ", phone="06 12345678", message="Graag!", ip_hash="abc"
    )
    assert (response.name, response.phone, response.user) == ("Ans de Boer", "+31612345678", None)
    entry = AuditEntry.objects.get(object_type="board.response")
    assert entry.actor is None
    assert entry.actor_label == "anoniem"


def test_a_visitor_must_give_an_email_address_or_phone(item):
    with pytest.raises(ValidationError) as error:
        actions.respond_as_visitor(item=item, name="Ans")
    assert "email" in error.value.error_dict


def test_one_email_address_responds_once_per_item(item):
    actions.respond_as_visitor(item=item, name="Ans", email="ans@buurtbaan.example")
    with pytest.raises(ValidationError, match="already responded"):
        actions.respond_as_visitor(item=item, name="Ans", email="ANS@buurtbaan.example")


def test_the_short_form_is_rate_limited_per_address(personas, item):
    other = BoardItemFactory(bureau=personas.bureau)
    for number in range(actions.RESPONSES_PER_HOUR):
        actions.respond_as_visitor(
            item=item if number % 2 else other,
            name=f"Bot {number}",
            email=f"bot{number}@buurtbaan.example",
            ip_hash="same-address",
        )
    with pytest.raises(ValidationError, match="Many responses"):
        actions.respond_as_visitor(
            item=item, name="Nog een", email="nog@buurtbaan.example", ip_hash="same-address"
        )
    # someone else, from another address, still gets through
    actions.respond_as_visitor(
        item=item, name="Buur", email="buur@buurtbaan.example", ip_hash="another-address"
    )


def test_ip_addresses_are_hashed_never_stored():
    hashed = actions.hash_ip("192.0.2.7")
    assert hashed
    assert "192.0.2.7" not in hashed
    assert hashed == actions.hash_ip("192.0.2.7")
    assert hashed != actions.hash_ip("192.0.2.8")
    assert actions.hash_ip("") == ""


def test_staff_handle_a_response_with_a_note(personas, item):
    response = actions.respond_as_visitor(item=item, name="Ans", email="ans@buurtbaan.example")
    actions.handle_response(
        actor=personas.coach, response=response, status="contacted", note="Gebeld"
    )
    response.refresh_from_db()
    assert (response.status, response.note, response.handled_by) == (
        "contacted",
        "Gebeld",
        personas.coach,
    )
    entry = AuditEntry.objects.filter(object_type="board.response", action="change").get()
    assert entry.fields == ["note", "status"]


def test_record_response_refuses_a_resident_of_another_bureau(personas, item):
    stranger = ResidentFactory(bureau=personas.other_bureau)
    with pytest.raises(ValidationError):
        actions.record_response(actor=personas.coach, item=item, resident=stranger)
