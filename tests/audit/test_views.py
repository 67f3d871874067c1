from django.urls import reverse

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction


def url(bureau):
    return reverse("audit:entry-list", kwargs={"bureau_slug": bureau.slug})


def test_it_lists_only_this_bureaus_entries(login, personas):
    log_event(actor=personas.coach, action=AuditAction.VIEW, bureau=personas.bureau, note="hier")
    log_event(
        actor=personas.other_coordinator, action=AuditAction.VIEW, bureau=personas.other_bureau
    )
    content = login(personas.coordinator).get(url(personas.bureau)).content.decode()
    assert personas.coach.email in content
    assert personas.other_coordinator.email not in content


def test_it_filters_by_action_and_answers_htmx_with_the_partial(login, personas):
    log_event(actor=personas.coach, action=AuditAction.VIEW, bureau=personas.bureau)
    log_event(actor=personas.funder, action=AuditAction.CHANGE, bureau=personas.bureau)
    response = login(personas.coordinator).get(
        url(personas.bureau), {"action": "change"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "<html" not in content
    assert personas.funder.email in content
    assert personas.coach.email not in content


def test_its_query_count_is_flat(login, personas, django_assert_max_num_queries):
    client = login(personas.coordinator)
    log_event(actor=personas.coach, action=AuditAction.VIEW, bureau=personas.bureau)
    with django_assert_max_num_queries(12) as few:
        client.get(url(personas.bureau))
    for _ in range(40):
        log_event(actor=personas.coach, action=AuditAction.VIEW, bureau=personas.bureau)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(personas.bureau))


def test_log_event_stores_no_personal_data(personas):
    from tests.factories import ResidentFactory

    resident = ResidentFactory(bureau=personas.bureau, first_name="Geheimnaam")
    entry = log_event(
        actor=personas.coach, action=AuditAction.VIEW, obj=resident, fields=["phone", "email"]
    )
    assert entry.bureau == personas.bureau
    assert "Geheimnaam" not in entry.object_label
    assert entry.object_label.endswith(f"#{resident.pk}")
    assert entry.fields == ["email", "phone"]


def test_it_speaks_in_words_not_internal_names(login, personas):
    from tests.factories import MatchFactory, ResidentFactory

    sandra = ResidentFactory(bureau=personas.bureau, first_name="Sandra", last_name="de Vries")
    match = MatchFactory(bureau=personas.bureau, resident=sandra, piece__title="Lampen ophangen")
    log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=match, fields=["accepted_at"])
    log_event(
        actor=personas.coach, action=AuditAction.CHANGE, obj=sandra, fields=["consent.matching"]
    )

    page = login(personas.coordinator).get(url(personas.bureau)).text

    assert "de match van Sandra de Vries met Lampen ophangen" in page
    assert "door de bewoner geaccepteerd op" in page
    assert "bewoner Sandra de Vries" in page
    assert "toestemming voor matching" in page
    match_url = reverse(
        "matching:match-detail", kwargs={"bureau_slug": personas.bureau.slug, "pk": match.pk}
    )
    assert f'href="{match_url}"' in page
    # The stored references stay behind the "details" toggle, for whoever needs them.
    assert "<details" in page
    assert "<code>accepted_at</code>" in page


def test_naming_residents_is_a_read_written_in_the_log(login, personas):
    from buurtbaan.audit.models import AuditEntry
    from tests.factories import ResidentFactory

    sandra = ResidentFactory(bureau=personas.bureau, first_name="Sandra")
    log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=sandra, fields=["phone"])

    login(personas.coordinator).get(url(personas.bureau))

    read = AuditEntry.objects.get(actor=personas.coordinator, action=AuditAction.VIEW)
    assert read.note == f"audit log: #{sandra.pk}"


def test_its_query_count_is_flat_with_records_of_many_kinds(
    login, personas, django_assert_max_num_queries
):
    from tests.factories import MatchFactory, QuoteFactory, ResidentFactory

    client = login(personas.coordinator)

    def records(count):
        for _ in range(count):
            resident = ResidentFactory(bureau=personas.bureau)
            match = MatchFactory(bureau=personas.bureau, resident=resident)
            quote = QuoteFactory(bureau=personas.bureau)
            log_event(actor=personas.coach, action=AuditAction.VIEW, obj=resident)
            log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=match)
            log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=quote)
            log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=match.piece)

    records(2)
    with django_assert_max_num_queries(30) as few:
        client.get(url(personas.bureau))
    records(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(personas.bureau))


def test_names_in_the_words_are_escaped(login, personas):
    from tests.factories import ResidentFactory

    resident = ResidentFactory(bureau=personas.bureau)  # a last name with <script> in it
    log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=resident, fields=["phone"])

    page = login(personas.coordinator).get(url(personas.bureau)).text

    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
