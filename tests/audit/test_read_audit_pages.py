"""Each page that shows a resident's personal details writes one VIEW entry about that resident
(or, for a list, about the rows it showed), and a second look within the window writes nothing.
`test_read_audit_crawl.py` checks that no such page is missing from this project; this module
checks what each entry says."""

import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditEntry
from buurtbaan.residents.models import ConsentScope
from tests import factories as f


def _resident(bureau):
    resident = f.ResidentFactory(bureau=bureau)
    return resident, {"pk": resident.pk}


def _intake_step(bureau):
    intake = f.IntakeFactory(resident=f.ResidentFactory(bureau=bureau))
    return intake.resident, {"pk": intake.resident_id, "intake_pk": intake.pk, "step": 1}


def _participant(bureau):
    participant = f.ImpactParticipantFactory(assignment=f.ImpactAssignmentFactory(bureau=bureau))
    kwargs = {"pk": participant.assignment_id, "participant_pk": participant.pk}
    return participant.resident, kwargs


def _participants(bureau):
    resident, kwargs = _participant(bureau)
    return resident, {"pk": kwargs["pk"]}


def _match(bureau):
    match = f.MatchFactory(bureau=bureau)
    return match.resident, {"pk": match.pk}


def _candidates(bureau):
    match = f.MatchFactory(bureau=bureau)
    return match.resident, {"pk": match.piece_id}


def _round(bureau):
    resident = f.ResidentFactory(bureau=bureau)
    piece = f.PieceOfWorkFactory(bureau=bureau)
    matching_round = f.MatchingRoundFactory(
        bureau=bureau, assignments=[[resident.pk, piece.pk, 0.7, 0.0]]
    )
    return resident, {"pk": matching_round.pk}


def _quote(bureau):
    quote = f.QuoteFactory(bureau=bureau)
    return quote.client_resident, {"pk": quote.pk}


def _quotes(bureau):
    return _quote(bureau)[0], {}


def _network(bureau):
    relation = f.PersonalRelationFactory(resident=f.ResidentFactory(bureau=bureau))
    return relation.resident, {"resident_pk": relation.resident_id}


def _relation(bureau):
    relation = f.PersonalRelationFactory(resident=f.ResidentFactory(bureau=bureau))
    return relation.resident, {"resident_pk": relation.resident_id, "pk": relation.pk}


def _pool_resident(bureau):
    resident = f.ResidentFactory(bureau=bureau)
    f.ConsentFactory(resident=resident, scope=ConsentScope.PARTNERS)
    return resident, {"pk": resident.pk}


def _pool(bureau):
    return _pool_resident(bureau)[0], {}


def _introduction(bureau):
    introduction = f.IntroductionRequestFactory(bureau=bureau)
    return introduction.resident, {"pk": introduction.pk}


def _introductions(bureau):
    return _introduction(bureau)[0], {}


def _erasure(bureau):
    erasure_request = f.ErasureRequestFactory(resident=f.ResidentFactory(bureau=bureau))
    return erasure_request.resident, {"pk": erasure_request.pk}


def _erasures(bureau):
    return _erasure(bureau)[0], {}


def _asked_piece(bureau):
    resident = f.ResidentFactory(bureau=bureau)
    piece = f.PieceOfWorkFactory(
        bureau=bureau, asked_by_kind="resident", asked_by_resident=resident
    )
    return resident, {"pk": piece.pk}


def _asked_purpose(bureau):
    resident = f.ResidentFactory(bureau=bureau)
    purpose = f.PurposeFactory(bureau=bureau, asked_by_kind="resident", asked_by_resident=resident)
    return resident, {"pk": purpose.pk}


def _section(bureau):
    resident, kwargs = _resident(bureau)
    return resident, {**kwargs, "section": "persoonlijk"}


def _matches(bureau):
    return _match(bureau)[0], {}


def _residents(bureau):
    return f.ResidentFactory(bureau=bureau), {}


def _target(bureau):
    participant = f.ImpactParticipantFactory(assignment=f.ImpactAssignmentFactory(bureau=bureau))
    target = f.ImpactTargetFactory(assignment=participant.assignment, measure="participants")
    return participant.resident, {"pk": participant.assignment_id, "target_pk": target.pk}


# URL name, who looks, what to build, what the entry's note starts with, is it a list.
PAGES = [
    ("residents:resident-detail", "coach", _resident, "resident detail", False),
    ("residents:resident-update", "coach", _section, "resident edit persoonlijk", False),
    ("residents:consent-list", "coach", _resident, "consents", False),
    ("residents:intake-list", "coach", _resident, "intakes", False),
    ("residents:intake-step", "coach", _intake_step, "intake #", False),
    ("residents:barrier-create", "coach", _resident, "barrier create", False),
    ("residents:sensitive-note-list", "coordinator", _resident, "sensitive notes", False),
    ("residents:erasure-detail", "coordinator", _erasure, "erasure request #", False),
    ("residents:resident-list", "coach", _residents, "talent bank", True),
    ("residents:erasure-list", "coordinator", _erasures, "erasure requests", True),
    ("impact:participant-list", "coach", _participants, "impact participants", True),
    ("impact:participant-outcome", "coach", _participant, "impact participant #", False),
    ("impact:target-records", "coach", _target, "impact target #", True),
    ("matching:match-detail", "coach", _match, "match #", False),
    ("matching:match-list", "coach", _matches, "matches", True),
    ("matching:piece-candidates", "coach", _candidates, "candidates piece #", True),
    ("matching:resident-suggestions", "coach", _resident, "suggested work", False),
    ("matching:round-detail", "coordinator", _round, "round #", True),
    ("quotes:quote-detail", "coach", _quote, "detail quote #", False),
    ("quotes:quote-print", "coach", _quote, "print quote #", False),
    ("quotes:quote-update", "coordinator", _quote, "edit quote #", False),
    ("quotes:quote-list", "coach", _quotes, "quotes", True),
    ("organisations:relation-list", "coach", _network, "personal network", False),
    ("organisations:relation-update", "coach", _relation, "personal relation #", False),
    ("pool:profile-detail", "partner", _pool_resident, "employer pool", False),
    ("pool:profile-detail", "coach", _pool_resident, "employer pool", False),
    ("pool:profile-list", "partner", _pool, "employer pool", True),
    ("pool:introduction-create", "partner", _pool_resident, "introduction request", False),
    ("pool:introduction-inbox", "coach", _introductions, "introductions", True),
    ("pool:introduction-detail", "coach", _introduction, "introduction #", False),
    ("work:piece-detail", "coach", _asked_piece, "piece #", False),
    ("work:purpose-detail", "coach", _asked_purpose, "purpose #", False),
]


def _with_organisation(personas):
    """The partner persona acts for an organisation (needed to ask for an introduction)."""
    membership = personas.partner.memberships.get(bureau=personas.bureau)
    membership.organisation = f.OrganisationFactory(bureau=personas.bureau)
    membership.save(update_fields=["organisation"])


@pytest.mark.parametrize(
    ("name", "who", "build", "note", "is_list"),
    PAGES,
    ids=[f"{name}-{who}" for name, who, *_ in PAGES],
)
def test_the_page_writes_its_read_entry_once(personas, login, name, who, build, note, is_list):
    _with_organisation(personas)
    resident, kwargs = build(personas.bureau)
    user = getattr(personas, who)
    client = login(user)
    address = reverse(name, kwargs={"bureau_slug": personas.bureau.slug, **kwargs})
    assert client.get(address).status_code == 200
    entry = AuditEntry.objects.get(actor=user, action="view")
    assert entry.note.startswith(note)
    assert entry.bureau == personas.bureau
    if is_list:
        assert entry.object_type == "residents.resident"
        assert f"#{resident.pk}" in entry.note
    else:
        assert (entry.object_type, entry.object_id) == ("residents.resident", str(resident.pk))
    client.get(address)
    assert AuditEntry.objects.filter(actor=user, action="view").count() == 1
