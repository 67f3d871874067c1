"""work.actions.add_piece, update_piece and split_piece: the tree of pieces stays sound."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditEntry
from buurtbaan.work import actions
from buurtbaan.work.models import PieceOfWork, WorkKind
from tests.factories import (
    OrganisationFactory,
    PieceOfWorkFactory,
    PurposeFactory,
    ResidentFactory,
    TalentFactory,
)


def add(personas, **fields):
    fields.setdefault("title", "Zolder opruimen")
    fields.setdefault("kind", WorkKind.BUURTKLUS)
    return actions.add_piece(actor=personas.coach, bureau=personas.bureau, **fields)


def test_it_adds_a_part_that_takes_its_parents_purpose(personas, piece):
    part = add(personas, parent=piece, hours_total=Decimal("10"))
    assert part.purpose == piece.purpose
    assert list(piece.children.all()) == [part]


def test_it_writes_an_audit_entry(personas, piece):
    part = add(personas, parent=piece)
    entry = AuditEntry.objects.get(object_type="work.pieceofwork", object_id=str(part.pk))
    assert entry.actor == personas.coach
    assert entry.bureau == personas.bureau


def test_parts_may_not_take_more_hours_than_the_piece(personas, piece):
    add(personas, parent=piece, hours_total=Decimal("30"))
    with pytest.raises(ValidationError) as error:
        add(personas, parent=piece, hours_total=Decimal("11"))
    assert "41" in error.value.message_dict["hours_total"][0]
    assert "40" in error.value.message_dict["hours_total"][0]
    assert piece.children.count() == 1


def test_parts_that_fill_the_piece_exactly_are_fine(personas, piece):
    add(personas, parent=piece, hours_total=Decimal("30"))
    add(personas, parent=piece, hours_total=Decimal("10"))
    assert piece.children.count() == 2


def test_weekly_hours_are_divided_too(personas):
    job = PieceOfWorkFactory(bureau=personas.bureau, hours_total=None, hours_per_week=24)
    with pytest.raises(ValidationError) as error:
        add(personas, parent=job, hours_per_week=Decimal("25"))
    assert "hours_per_week" in error.value.message_dict


def test_a_parent_of_another_bureau_is_refused(personas):
    foreign = PieceOfWorkFactory(bureau=personas.other_bureau)
    with pytest.raises(ValidationError) as error:
        add(personas, parent=foreign)
    assert "parent" in error.value.message_dict


def test_a_purpose_of_another_bureau_is_refused(personas):
    foreign = PurposeFactory(bureau=personas.other_bureau)
    with pytest.raises(ValidationError) as error:
        add(personas, purpose=foreign)
    assert "purpose" in error.value.message_dict


def test_a_part_must_share_its_parents_purpose(personas, piece):
    other_purpose = PurposeFactory(bureau=personas.bureau)
    with pytest.raises(ValidationError) as error:
        add(personas, parent=piece, purpose=other_purpose)
    assert "parent" in error.value.message_dict


def test_a_piece_cannot_be_moved_under_its_own_part(personas, piece):
    part = add(personas, parent=piece, hours_total=Decimal("5"))
    grandchild = add(personas, parent=part, hours_total=Decimal("2"))
    for new_parent in (part, grandchild):
        with pytest.raises(ValidationError) as error:
            actions.update_piece(actor=personas.coach, piece=piece, changes={"parent": new_parent})
        assert "parent" in error.value.message_dict
    piece.refresh_from_db()
    assert piece.parent is None


def test_a_piece_cannot_be_its_own_parent(personas, piece):
    with pytest.raises(ValidationError):
        actions.update_piece(actor=personas.coach, piece=piece, changes={"parent": piece})


def test_a_piece_can_move_under_a_sibling(personas, piece):
    first = add(personas, parent=piece, hours_total=Decimal("20"))
    second = add(personas, parent=piece, hours_total=Decimal("5"))
    actions.update_piece(actor=personas.coach, piece=second, changes={"parent": first})
    second.refresh_from_db()
    assert second.parent == first


def test_a_piece_cannot_shrink_below_its_parts(personas, piece):
    add(personas, parent=piece, hours_total=Decimal("30"))
    with pytest.raises(ValidationError) as error:
        actions.update_piece(
            actor=personas.coach, piece=piece, changes={"hours_total": Decimal("20")}
        )
    assert "30" in error.value.message_dict["hours_total"][0]


def test_group_work_needs_two_people(personas):
    with pytest.raises(ValidationError) as error:
        add(personas, kind=WorkKind.GROEPSWERK, people_needed=1)
    assert "people_needed" in error.value.message_dict
    assert add(personas, kind=WorkKind.GROEPSWERK, people_needed=4).people_needed == 4


def test_paid_work_says_how_it_is_paid(personas):
    with pytest.raises(ValidationError) as error:
        add(personas, is_paid=True)
    assert "pay_kind" in error.value.message_dict


def test_voluntary_work_drops_pay(personas):
    piece = add(personas, is_paid=False, pay_kind="fixed_fee", pay_amount=Decimal("50"))
    assert (piece.pay_kind, piece.pay_amount) == ("", None)


def test_postcodes_are_normalised_and_checked(personas):
    assert add(personas, postcode="6828 ab").postcode == "6828AB"
    with pytest.raises(ValidationError) as error:
        add(personas, postcode="12345")
    assert "postcode" in error.value.message_dict


def test_days_and_skills_are_cleaned(personas):
    piece = add(personas, days=["fri", "mon", "mon"], skills=[" EHBO ", "ehbo", "", "rijbewijs B"])
    assert piece.days == ["mon", "fri"]
    assert piece.skills == ["EHBO", "rijbewijs B"]
    with pytest.raises(ValidationError):
        add(personas, days=["someday"])


def test_an_end_before_the_start_is_refused(personas):
    import datetime

    with pytest.raises(ValidationError) as error:
        add(personas, starts_on=datetime.date(2026, 5, 1), ends_on=datetime.date(2026, 4, 1))
    assert "ends_on" in error.value.message_dict


def test_talents_must_be_of_the_bureau(personas):
    own, foreign = (
        TalentFactory(bureau=personas.bureau),
        TalentFactory(bureau=personas.other_bureau),
    )
    piece = add(personas, talents_needed=[own])
    assert list(piece.talents_needed.all()) == [own]
    with pytest.raises(ValidationError):
        add(personas, talents_needed=[foreign])


def test_askers_must_be_of_the_bureau_and_fit_the_kind(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    piece = add(
        personas,
        asked_by_kind="resident",
        asked_by_resident=resident,
        asked_by_organisation=OrganisationFactory(bureau=personas.bureau),
    )
    assert piece.asker == resident
    assert piece.asked_by_organisation is None
    with pytest.raises(ValidationError):
        add(
            personas,
            asked_by_kind="resident",
            asked_by_resident=ResidentFactory(bureau=personas.other_bureau),
        )


def test_split_piece_adds_parts_that_inherit_from_the_piece(personas, piece):
    piece.is_paid, piece.pay_kind, piece.postcode = True, "fixed_fee", "6828EB"
    piece.save()
    parts = actions.split_piece(
        actor=personas.coach,
        piece=piece,
        parts=[
            {"title": "Opruimen", "hours_total": Decimal("12")},
            {"title": "Isoleren", "hours_total": Decimal("28"), "kind": WorkKind.BASISBAAN},
        ],
    )
    assert [p.title for p in parts] == ["Opruimen", "Isoleren"]
    assert all(p.parent == piece and p.purpose == piece.purpose for p in parts)
    assert all(p.is_paid and p.postcode == "6828EB" for p in parts)
    assert parts[1].kind == WorkKind.BASISBAAN


def test_split_piece_adds_all_parts_or_none(personas, piece):
    with pytest.raises(ValidationError) as error:
        actions.split_piece(
            actor=personas.coach,
            piece=piece,
            parts=[{"title": "Eerste", "hours_total": 30}, {"title": "Tweede", "hours_total": 20}],
        )
    assert error.value.messages[0].startswith("part 2")
    assert PieceOfWork.objects.filter(parent=piece).count() == 0


def test_update_piece_logs_only_what_changed(personas, piece):
    actions.update_piece(
        actor=personas.coach, piece=piece, changes={"title": piece.title, "hours_total": 50}
    )
    entry = AuditEntry.objects.filter(object_id=str(piece.pk), action="change").get()
    assert entry.fields == ["hours_total"]
