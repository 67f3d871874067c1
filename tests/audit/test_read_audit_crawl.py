"""Every page that shows a resident's personal details writes a read-audit entry.

The test walks every bureau URL of the registry in `tests/bureau_urls.py` (which
`test_bureau_isolation.py` keeps complete) as each staff and partner persona, with one object of
every kind in the bureau and every resident renamed to a marker. A page whose answer holds a
marker must have written a VIEW entry in that request: a new page cannot forget.

Names in a choice list (`<select>`, to pick who asks or who is the client) do not count: staff may
see every resident's name by the profile rule, and a picker shows nothing else about them.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.impact.models import ImpactParticipant
from buurtbaan.residents.models import Resident
from tests.bureau_urls import OBJECT_URLS, ROLE_MATRIX, ROLES
from tests.factories import (
    BoardResponseFactory,
    HelpRequestFactory,
    ImpactTargetFactory,
    MatchingRoundFactory,
    PieceOfWorkFactory,
    PurposeFactory,
)

MARKER = "Naamteken"
PICKER = re.compile(rb"<select\b.*?</select>", re.DOTALL)


def _bureau_full_of_residents(bureau):
    """The pages to visit: one object of each kind (the registry's builders), plus pages that
    name a resident only for some objects (who asked for work, a round's pairs, ...). Every
    resident's names and e-mail address become a marker."""
    pages = [(name, builder(bureau)) for name, builder in OBJECT_URLS.items()]
    resident = Resident.objects.filter(bureau=bureau, coach__isnull=True).order_by("pk").first()
    piece = PieceOfWorkFactory(bureau=bureau, asked_by_kind="resident", asked_by_resident=resident)
    purpose = PurposeFactory(bureau=bureau, asked_by_kind="resident", asked_by_resident=resident)
    help_request = HelpRequestFactory(bureau=bureau, resident=resident)
    BoardResponseFactory(item__bureau=bureau, bureau=bureau, resident=resident)
    matching_round = MatchingRoundFactory(
        bureau=bureau, assignments=[[resident.pk, piece.pk, 0.8, 0.0]]
    )
    participant = ImpactParticipant.objects.filter(assignment__bureau=bureau).first()
    target = ImpactTargetFactory(assignment=participant.assignment, measure="participants")
    pages += [
        ("work:piece-detail", {"pk": piece.pk}),
        ("work:purpose-detail", {"pk": purpose.pk}),
        ("board:helprequest-detail", {"pk": help_request.pk}),
        ("matching:round-detail", {"pk": matching_round.pk}),
        ("impact:target-records", {"pk": participant.assignment_id, "target_pk": target.pk}),
    ]
    for pk in Resident.objects.filter(bureau=bureau).values_list("pk", flat=True):
        Resident.objects.filter(pk=pk).update(
            first_name=f"{MARKER}{pk}", last_name=f"{MARKER}{pk}", email=f"{MARKER}{pk}@x.example"
        )
    return pages


def _crawl(personas, login, role):
    """(pages that showed a resident, pages among them that wrote no VIEW entry), as URLs."""
    pages = _bureau_full_of_residents(personas.bureau)
    user = getattr(personas, role)
    client = login(user)
    column = ROLES.index(role)
    shown, forgotten = [], []
    for name, kwargs in pages:
        if ROLE_MATRIX[name][column] != 200:
            continue
        url = reverse(name, kwargs={"bureau_slug": personas.bureau.slug, **kwargs})
        cache.clear()
        before = AuditEntry.objects.filter(actor=user, action=AuditAction.VIEW).count()
        response = client.get(url)
        content = b"".join(response) if response.streaming else response.content
        if MARKER.encode() not in PICKER.sub(b"", content):
            continue
        shown.append(url)
        if AuditEntry.objects.filter(actor=user, action=AuditAction.VIEW).count() == before:
            forgotten.append(url)
    return shown, forgotten


@pytest.mark.parametrize("role", ["coordinator", "coach", "partner"])
def test_every_page_that_shows_a_resident_writes_a_read_entry(personas, login, role):
    shown, forgotten = _crawl(personas, login, role)
    assert shown, "the crawl found no page with a resident on it: the test is broken"
    assert forgotten == [], "these pages show a resident but write no read-audit entry"


def test_the_crawl_catches_a_page_that_forgets_its_entry(personas, login, monkeypatch):
    from buurtbaan.residents.views import consent

    monkeypatch.setattr(consent, "log_record_view", lambda *args, **kwargs: None)
    shown, forgotten = _crawl(personas, login, "coach")
    consent_page = [url for url in shown if url.endswith("/toestemming/")]
    assert len(consent_page) == 1
    assert forgotten == consent_page
