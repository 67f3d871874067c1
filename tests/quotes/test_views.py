"""Quote pages: the coordinator's journey through the forms, coaches reading, query counts,
escaping. (Who gets 404 where is proven for every URL by tests/test_bureau_isolation.py.)"""

from decimal import Decimal

import pytest

from buurtbaan.quotes import actions
from buurtbaan.quotes.models import Quote
from tests.factories import SCRIPT, QuoteFactory, QuoteLineFactory
from tests.quotes.conftest import LABOUR, days


def test_the_list_shows_quotes_with_their_totals(personas, login, url, sent_quote):
    response = login(personas.coach).get(url("quotes:quote-list", personas.bureau))
    content = response.content.decode()
    assert sent_quote.number in content
    assert "2.747,31" in content  # total incl. VAT, in Dutch
    assert "Make a quote" not in content  # coaches read, they do not price work


def test_the_list_filters_by_status_and_answers_htmx_with_the_table_alone(
    personas, login, url, sent_quote, make_quote
):
    draft = make_quote(title="Nog een concept")
    client = login(personas.coordinator)
    response = client.get(
        url("quotes:quote-list", personas.bureau), {"status": "sent"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert sent_quote.title in content
    assert draft.title not in content
    assert "<html" not in content


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_takes_the_same_number_of_queries_whatever_the_rows(
    personas, login, url, django_assert_num_queries, rows
):
    for _ in range(rows):
        QuoteLineFactory.create_batch(2, quote=QuoteFactory(bureau=personas.bureau))
    client = login(personas.coordinator)
    # session, user, membership, memberships for the menu, count, quotes, lines, read audit
    with django_assert_num_queries(8):
        response = client.get(url("quotes:quote-list", personas.bureau))
    assert response.status_code == 200


def test_free_text_is_escaped_everywhere(personas, login, url):
    quote = QuoteFactory(bureau=personas.bureau)
    QuoteLineFactory(quote=quote)
    client = login(personas.coordinator)
    for name in ("quotes:quote-list", "quotes:quote-detail", "quotes:quote-print"):
        kwargs = {} if name == "quotes:quote-list" else {"pk": quote.pk}
        content = client.get(url(name, personas.bureau, **kwargs)).content.decode()
        assert SCRIPT not in content
        assert "&lt;script&gt;" in content


def test_a_coordinator_makes_a_quote_through_the_form(personas, login, url, oma_jansen):
    client = login(personas.coordinator)
    response = client.post(
        url("quotes:quote-create", personas.bureau),
        {
            "title": "Zolder opruimen",
            "client_resident": oma_jansen.pk,
            "valid_until": days(14).isoformat(),
            "vat_rate": "21.00",
            "bureau_share_percent": "15",
        },
    )
    quote = Quote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == quote.get_absolute_url()
    assert (quote.client_resident, quote.valid_until) == (oma_jansen, days(14))


def test_the_form_asks_for_one_client_and_keeps_what_was_typed(english, personas, login, url):
    response = login(personas.coordinator).post(
        url("quotes:quote-create", personas.bureau),
        {
            "title": "Zolder opruimen",
            "valid_until": days(14).isoformat(),
            "vat_rate": "21.00",
            "bureau_share_percent": "15",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "either a resident or an organisation" in content
    assert 'value="Zolder opruimen"' in content
    assert not Quote.objects.exists()


def test_a_line_is_added_with_dutch_decimals(personas, login, url, make_quote):
    quote = make_quote()
    response = login(personas.coordinator).post(
        url("quotes:line-create", personas.bureau, pk=quote.pk),
        {
            "kind": "labour",
            "description": "Sjouwen",
            "quantity": "7,5",
            "unit_price": "18,75",
            "payee": "residents",
            "bureau_share_percent": "20",
            "people_needed": "2",
            "becomes_work": "on",
        },
    )
    assert response.status_code == 302
    line = quote.lines.get()
    assert (line.quantity, line.unit_price) == (Decimal("7.5"), Decimal("18.75"))


def test_an_action_refusal_shows_on_the_form(english, personas, login, url, make_quote):
    quote = make_quote()
    response = login(personas.coordinator).post(
        url("quotes:line-create", personas.bureau, pk=quote.pk),
        {
            "kind": "labour",
            "description": "Groen",
            "quantity": "10",
            "unit_price": "40",
            "payee": "partner",
            "bureau_share_percent": "10",
            "people_needed": "1",
        },
    )
    assert response.status_code == 200
    assert "Choose the partner organisation that is paid." in response.content.decode()


def test_send_accept_and_see_the_work(personas, login, url, make_quote):
    quote = make_quote(lines=[LABOUR])
    client = login(personas.coordinator)
    response = client.post(url("quotes:quote-send", personas.bureau, pk=quote.pk))
    assert response.status_code == 302
    response = client.post(url("quotes:quote-accept", personas.bureau, pk=quote.pk), {"note": "Ja"})
    assert response.status_code == 302
    quote.refresh_from_db()
    piece = quote.lines.get().piece
    content = client.get(quote.get_absolute_url()).content.decode()
    assert piece.get_absolute_url() in content
    assert quote.purpose.get_absolute_url() in content


def test_accepting_a_draft_is_refused_on_the_form(english, personas, login, url, make_quote):
    quote = make_quote(lines=[LABOUR])
    response = login(personas.coordinator).post(
        url("quotes:quote-accept", personas.bureau, pk=quote.pk)
    )
    assert response.status_code == 200
    assert "Only a sent quote can be accepted" in response.content.decode()


def test_sending_a_quote_without_lines_comes_back_as_a_message(
    english, personas, login, url, make_quote
):
    quote = make_quote()
    client = login(personas.coordinator)
    response = client.post(url("quotes:quote-send", personas.bureau, pk=quote.pk), follow=True)
    assert "Add at least one line" in response.content.decode()
    quote.refresh_from_db()
    assert quote.status == "draft"


def test_declining_and_copying(personas, login, url, sent_quote):
    client = login(personas.coordinator)
    client.post(url("quotes:quote-decline", personas.bureau, pk=sent_quote.pk), {"note": "Te duur"})
    sent_quote.refresh_from_db()
    assert sent_quote.status == "declined"
    response = client.post(url("quotes:quote-copy", personas.bureau, pk=sent_quote.pk))
    copy = Quote.objects.exclude(pk=sent_quote.pk).get()
    assert response["Location"] == copy.get_absolute_url()


def test_recording_what_was_realised_proposes_the_hours_booked(personas, login, url, sent_quote):
    from buurtbaan.work.actions import record_hours_done

    quote = actions.accept_quote(actor=personas.coordinator, quote=sent_quote)
    line = quote.lines.order_by("position").first()
    record_hours_done(actor=None, piece=line.piece, hours=Decimal("13"), worked_on=days(0))
    client = login(personas.coordinator)
    realised_url = url("quotes:line-realised", personas.bureau, pk=quote.pk, line_pk=line.pk)
    assert 'value="13' in client.get(realised_url).content.decode()
    client.post(realised_url, {"quantity": "13", "realised_on": days(0).isoformat()})
    line.refresh_from_db()
    assert line.realised_amount == Decimal("195.00")


def test_a_coach_may_read_but_not_change(personas, login, url, sent_quote):
    client = login(personas.coach)
    assert (
        client.get(url("quotes:quote-detail", personas.bureau, pk=sent_quote.pk)).status_code == 200
    )
    content = client.get(
        url("quotes:quote-detail", personas.bureau, pk=sent_quote.pk)
    ).content.decode()
    assert "Record acceptance" not in content
    assert (
        client.post(url("quotes:quote-accept", personas.bureau, pk=sent_quote.pk)).status_code
        == 404
    )
    sent_quote.refresh_from_db()
    assert sent_quote.status == "sent"


def test_the_detail_page_takes_a_fixed_number_of_queries(
    personas, login, url, make_quote, django_assert_max_num_queries
):
    quote = make_quote(lines=[LABOUR] * 8)
    client = login(personas.coordinator)
    with django_assert_max_num_queries(8):
        client.get(url("quotes:quote-detail", personas.bureau, pk=quote.pk))
