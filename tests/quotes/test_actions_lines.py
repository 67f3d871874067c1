"""Lines of a draft quote: who is paid, the bureau's share, what becomes work."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditEntry
from buurtbaan.quotes import actions
from buurtbaan.quotes.models import Payee
from tests.factories import OrganisationFactory, PieceOfWorkFactory, PurposeFactory
from tests.quotes.conftest import LABOUR, MATERIALS, THIRD_PARTY

pytestmark = pytest.mark.usefixtures("english")


def _add(personas, quote, **line):
    return actions.add_line(actor=personas.coordinator, quote=quote, **line)


def test_lines_are_added_at_the_end_with_defaults_from_the_kind_and_the_quote(personas, make_quote):
    quote = make_quote(bureau_share_percent=Decimal("12"))
    first = _add(personas, quote, kind="labour", description="Sjouwen", quantity=4, unit_price=15)
    second = _add(personas, quote, kind="materials", description="Dozen", quantity=10, unit_price=2)
    assert (first.position, second.position) == (1, 2)
    assert first.payee == Payee.RESIDENTS
    assert second.payee == Payee.THIRD_PARTY
    assert first.bureau_share_percent == Decimal("12")
    assert first.becomes_work is True
    assert second.becomes_work is False  # materials never become work


def test_a_partner_line_needs_the_partner(personas, make_quote):
    with pytest.raises(ValidationError) as error:
        _add(personas, make_quote(), **LABOUR, payee=Payee.PARTNER)
    assert "payee_organisation" in error.value.error_dict


def test_the_paid_organisation_must_be_of_the_bureau(personas, make_quote):
    stranger = OrganisationFactory(bureau=personas.other_bureau)
    with pytest.raises(ValidationError) as error:
        _add(personas, make_quote(), **THIRD_PARTY, payee_organisation=stranger)
    assert "payee_organisation" in error.value.error_dict


def test_residents_are_paid_as_residents_not_as_an_organisation(personas, make_quote, de_vries):
    line = _add(personas, make_quote(), **LABOUR, payee_organisation=de_vries)
    assert line.payee_organisation is None


def test_the_bureaus_own_work_is_kept_in_full_and_never_becomes_work(personas, make_quote):
    line = _add(
        personas,
        make_quote(),
        kind="bureau",
        description="Coördinatie",
        quantity=2,
        unit_price=Decimal("45"),
        becomes_work=True,
    )
    assert (line.payee, line.bureau_share_percent, line.becomes_work) == (
        Payee.BUREAU,
        Decimal("100"),
        False,
    )
    assert line.amounts().payee_amount == Decimal("0.00")


def test_only_the_bureaus_own_work_is_paid_to_the_bureau(personas, make_quote):
    with pytest.raises(ValidationError) as error:
        _add(personas, make_quote(), **LABOUR, payee=Payee.BUREAU)
    assert "payee" in error.value.error_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quantity", Decimal("0")),
        ("unit_price", Decimal("-1")),
        ("bureau_share_percent", Decimal("101")),
        ("description", "   "),
    ],
)
def test_it_refuses_impossible_numbers_with_the_field_named(personas, make_quote, field, value):
    with pytest.raises(ValidationError) as error:
        _add(personas, make_quote(), **{**LABOUR, field: value})
    assert field in error.value.error_dict


def test_hours_that_become_work_have_at_most_one_decimal(personas, make_quote):
    with pytest.raises(ValidationError) as error:
        _add(personas, make_quote(), **{**LABOUR, "quantity": Decimal("7.25")})
    assert "quantity" in error.value.error_dict
    line = _add(personas, make_quote(), **{**MATERIALS, "quantity": Decimal("7.25")})
    assert line.quantity == Decimal("7.25")


def test_a_line_changes_and_is_removed_while_draft(personas, make_quote):
    quote = make_quote(lines=[LABOUR])
    line = quote.lines.get()
    actions.update_line(actor=personas.coordinator, line=line, changes={"quantity": Decimal("16")})
    line.refresh_from_db()
    assert line.quantity == Decimal("16")
    change = AuditEntry.objects.get(object_type="quotes.quoteline", action="change")
    assert change.fields == ["quantity"]
    assert change.bureau == personas.bureau
    actions.remove_line(actor=personas.coordinator, line=line)
    assert not quote.lines.exists()
    assert AuditEntry.objects.filter(object_type="quotes.quoteline", action="delete").exists()


def test_lines_are_fixed_once_the_quote_is_sent(personas, sent_quote):
    line = sent_quote.lines.first()
    with pytest.raises(ValidationError, match="can no longer change"):
        _add(personas, sent_quote, **LABOUR)
    with pytest.raises(ValidationError, match="can no longer change"):
        actions.update_line(actor=personas.coordinator, line=line, changes={"quantity": 1})
    with pytest.raises(ValidationError, match="can no longer change"):
        actions.remove_line(actor=personas.coordinator, line=line)


def test_a_line_can_price_a_piece_of_the_quotes_purpose(personas, make_quote):
    purpose = PurposeFactory(bureau=personas.bureau)
    piece = PieceOfWorkFactory(bureau=personas.bureau, purpose=purpose)
    quote = make_quote(purpose=purpose)
    line = _add(personas, quote, **{**LABOUR, "becomes_work": False}, piece=piece)
    assert line.piece == piece
    assert line.becomes_work is True


def test_a_linked_piece_must_belong_to_the_purpose_and_to_one_line_only(personas, make_quote):
    purpose = PurposeFactory(bureau=personas.bureau)
    piece = PieceOfWorkFactory(bureau=personas.bureau, purpose=purpose)
    elsewhere = PieceOfWorkFactory(bureau=personas.bureau)
    quote = make_quote(purpose=purpose)
    with pytest.raises(ValidationError) as error:
        _add(personas, quote, **LABOUR, piece=elsewhere)
    assert "piece" in error.value.error_dict
    _add(personas, quote, **LABOUR, piece=piece)
    with pytest.raises(ValidationError, match="Another quote line"):
        _add(personas, quote, **LABOUR, piece=piece)
    with pytest.raises(ValidationError) as error:
        _add(personas, make_quote(purpose=purpose), **MATERIALS, piece=piece)
    assert "piece" in error.value.error_dict


def test_a_quote_cannot_leave_the_purpose_its_lines_price(personas, make_quote):
    purpose = PurposeFactory(bureau=personas.bureau)
    quote = make_quote(purpose=purpose)
    _add(
        personas, quote, **LABOUR, piece=PieceOfWorkFactory(bureau=personas.bureau, purpose=purpose)
    )
    with pytest.raises(ValidationError) as error:
        actions.update_quote(actor=personas.coordinator, quote=quote, changes={"purpose": None})
    assert "purpose" in error.value.error_dict
