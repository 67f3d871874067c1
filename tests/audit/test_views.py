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
