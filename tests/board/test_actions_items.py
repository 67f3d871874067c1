import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtbaan.audit.models import AuditEntry
from buurtbaan.board import actions
from buurtbaan.board.models import BoardItem, ItemStatus
from buurtbaan.work.models import AskerKind, WorkKind, WorkStatus
from tests.factories import BoardItemFactory, BoardResponseFactory, PieceOfWorkFactory

pytestmark = pytest.mark.usefixtures("english")


def audit(obj):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def test_create_item_derives_the_kind_area_and_talents_from_the_piece(personas):
    talent = personas.bureau.talents.get(name="zorgen")
    piece = PieceOfWorkFactory(bureau=personas.bureau, kind=WorkKind.BASISBAAN, postcode="6828AB")
    piece.talents_needed.set([talent])
    item = actions.create_item(
        actor=personas.coordinator, piece=piece, title="Conciërge", summary="Voor het theater"
    )
    assert (item.kind, item.area, item.status) == ("vacancy", "6828", ItemStatus.DRAFT)
    assert list(item.talents.all()) == [talent]
    assert audit(item).filter(action="create").exists()


def test_create_item_can_publish_at_once(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau, status=WorkStatus.DRAFT)
    item = actions.create_item(
        actor=personas.coordinator, piece=piece, title="Klus", summary="Tekst", publish=True
    )
    assert item.status == ItemStatus.PUBLISHED
    assert item.published_by == personas.coordinator
    piece.refresh_from_db()
    assert piece.status == WorkStatus.OPEN


def test_a_dream_job_does_not_go_on_the_board(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau, kind=WorkKind.DROOMBAAN)
    with pytest.raises(ValidationError) as error:
        actions.create_item(actor=personas.coordinator, piece=piece, title="x", summary="y")
    assert "piece" in error.value.error_dict


def test_a_piece_goes_on_the_board_once(personas, item):
    with pytest.raises(ValidationError, match="already on the board"):
        actions.create_item(actor=personas.coordinator, piece=item.piece, title="x", summary="y")


def test_the_area_is_a_pc4_only(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    item = actions.create_item(actor=None, piece=piece, title="x", summary="y", area="6828 ab")
    assert item.area == "6828"
    with pytest.raises(ValidationError) as error:
        actions.update_item(actor=None, item=item, changes={"area": "Spijkerstraat"})
    assert "area" in error.value.error_dict


def test_an_organisation_of_another_bureau_is_refused(personas):
    from tests.factories import OrganisationFactory

    piece = PieceOfWorkFactory(bureau=personas.bureau)
    stranger = OrganisationFactory(bureau=personas.other_bureau)
    with pytest.raises(ValidationError) as error:
        actions.create_item(actor=None, piece=piece, title="x", summary="y", organisation=stranger)
    assert "organisation" in error.value.error_dict


def test_a_partner_post_makes_a_draft_piece_and_waits_for_approval(personas, partner_organisation):
    talent = personas.bureau.talents.get(name="bouwen")
    item = actions.submit_post(
        actor=personas.partner,
        organisation=partner_organisation,
        kind="vacancy",
        title="Medewerker bouw",
        summary="Meewerken in een klein team",
        area="6828",
        talents=[talent],
        hours_per_week=Decimal("32"),
        is_paid=True,
        pay_kind="hourly_wage",
        pay_amount=Decimal("17.25"),
    )
    assert item.status == ItemStatus.SUBMITTED
    assert item.submitted_by == personas.partner
    assert item.organisation == partner_organisation
    assert item.kind == "vacancy"
    piece = item.piece
    assert piece.kind == WorkKind.BASISBAAN
    assert piece.status == WorkStatus.DRAFT
    assert piece.asked_by_kind == AskerKind.ORGANISATION
    assert piece.asked_by_organisation == partner_organisation
    assert list(piece.talents_needed.all()) == [talent]
    assert not BoardItem.objects.on_board().filter(pk=item.pk).exists()
    assert audit(item).exists()
    assert audit(piece).exists()


def test_a_partner_post_with_a_bad_area_names_the_area_field(personas, partner_organisation):
    with pytest.raises(ValidationError) as error:
        actions.submit_post(
            actor=personas.partner,
            organisation=partner_organisation,
            kind="buurtklus",
            title="Klus",
            summary="Tekst",
            area="12",
        )
    assert "area" in error.value.error_dict
    assert not BoardItem.objects.exists()


def test_group_work_needs_two_people(personas, partner_organisation):
    with pytest.raises(ValidationError) as error:
        actions.submit_post(
            actor=personas.partner,
            organisation=partner_organisation,
            kind="group_work",
            title="Samen schilderen",
            summary="Tekst",
            people_needed=1,
        )
    assert "people_needed" in error.value.error_dict


def test_publishing_opens_the_work_and_writes_an_audit_entry(personas):
    item = BoardItemFactory(
        bureau=personas.bureau,
        status=ItemStatus.SUBMITTED,
        published_at=None,
        piece__status=WorkStatus.DRAFT,
    )
    actions.publish_item(actor=personas.coordinator, item=item)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert item.published_at is not None
    assert item.piece.status == WorkStatus.OPEN
    assert audit(item).filter(note="→ published").exists()
    assert BoardItem.objects.on_board().filter(pk=item.pk).exists()


@pytest.mark.parametrize("status", [WorkStatus.DONE, WorkStatus.CANCELLED])
def test_finished_work_is_not_published(personas, status):
    item = BoardItemFactory(bureau=personas.bureau, status="submitted", piece__status=status)
    with pytest.raises(ValidationError, match="Reopen it in the work bank"):
        actions.publish_item(actor=personas.coordinator, item=item)


def test_a_past_closing_day_is_refused_when_publishing(personas):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    item = BoardItemFactory(bureau=personas.bureau, status="submitted", closes_at=yesterday)
    with pytest.raises(ValidationError) as error:
        actions.publish_item(actor=personas.coordinator, item=item)
    assert "closes_at" in error.value.error_dict


def test_rejecting_needs_a_reason(personas):
    item = BoardItemFactory(bureau=personas.bureau, status="submitted")
    with pytest.raises(ValidationError) as error:
        actions.reject_item(actor=personas.coordinator, item=item, reason="  ")
    assert "reason" in error.value.error_dict
    actions.reject_item(actor=personas.coordinator, item=item, reason="Er staat een naam in")
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert item.status_reason == "Er staat een naam in"


def test_a_published_item_cannot_be_rejected(personas, item):
    with pytest.raises(ValidationError):
        actions.reject_item(actor=personas.coordinator, item=item, reason="nee")


def test_closed_items_leave_the_board_but_stay_in_the_records(personas, item):
    response = BoardResponseFactory(item=item)
    actions.close_item(actor=personas.coordinator, item=item, reason="Vervuld")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    assert item.closed_at is not None
    assert not BoardItem.objects.on_board().filter(pk=item.pk).exists()
    assert BoardItem.objects.filter(pk=item.pk).exists()
    assert list(item.responses.all()) == [response]
    # and it can be published again
    actions.publish_item(actor=personas.coordinator, item=item)
    assert BoardItem.objects.on_board().filter(pk=item.pk).exists()


def test_only_published_items_can_be_closed(personas):
    item = BoardItemFactory(bureau=personas.bureau, status="draft")
    with pytest.raises(ValidationError):
        actions.close_item(actor=personas.coordinator, item=item)


def test_items_past_their_closing_day_or_with_finished_work_leave_the_board(personas):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    expired = BoardItemFactory(bureau=personas.bureau, closes_at=yesterday)
    today = BoardItemFactory(bureau=personas.bureau, closes_at=timezone.localdate())
    done = BoardItemFactory(bureau=personas.bureau, piece__status=WorkStatus.DONE)
    on_board = set(BoardItem.objects.on_board())
    assert today in on_board
    assert expired not in on_board
    assert done not in on_board


def test_update_item_logs_only_what_changed(personas, item):
    talent = personas.bureau.talents.get(name="koken")
    actions.update_item(
        actor=personas.coordinator,
        item=item,
        changes={"title": "Nieuwe titel", "talents": [talent]},
    )
    item.refresh_from_db()
    assert item.title == "Nieuwe titel"
    assert list(item.talents.all()) == [talent]
    entry = audit(item).filter(action="change").get()
    assert entry.fields == ["talents", "title"]
