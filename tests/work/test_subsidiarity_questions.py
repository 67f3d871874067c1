"""work.actions.answer_subsidiarity_question: the five questions, in order; the first yes decides."""

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.organisations.models import ScaleLevel
from buurtbaan.work import actions
from buurtbaan.work.models import Answer
from tests.factories import OrganisationFactory


def answer(personas, piece, question, value, note="", **kwargs):
    return actions.answer_subsidiarity_question(
        actor=personas.coach, piece=piece, question=question, answer=value, note=note, **kwargs
    )


def test_question_3_cannot_be_answered_before_1_and_2(personas, piece):
    with pytest.raises(ValidationError) as error:
        answer(personas, piece, 3, Answer.YES, "BuurtGroenBedrijf")
    assert "question 1" in error.value.messages[0]
    answer(personas, piece, 1, Answer.NO)
    with pytest.raises(ValidationError) as error:
        answer(personas, piece, 3, Answer.YES, "BuurtGroenBedrijf")
    assert "question 2" in error.value.messages[0]
    assert piece.subsidiarity_answers.count() == 1


def test_the_first_yes_decides_the_level_and_records_why(personas, piece):
    answer(personas, piece, 1, Answer.NO, "Kan het niet alleen")
    answer(personas, piece, 2, Answer.PARTLY, "Buurman helpt een beetje")
    answer(personas, piece, 3, Answer.YES, "Het BuurtKlusBedrijf kan dit")
    piece.refresh_from_db()
    assert piece.scale_level == ScaleLevel.SOCIAL_ENTERPRISE
    assert piece.scale_level_reason == "Het BuurtKlusBedrijf kan dit"
    assert piece.subsidiarity_answers.get(question=3).answered_by == personas.coach


def test_after_a_yes_the_later_questions_are_closed(personas, piece):
    answer(personas, piece, 1, Answer.YES, "Zelf")
    with pytest.raises(ValidationError) as error:
        answer(personas, piece, 2, Answer.NO)
    assert "already decided at question 1" in error.value.messages[0]


def test_a_yes_needs_a_reason(personas, piece):
    with pytest.raises(ValidationError) as error:
        answer(personas, piece, 1, Answer.YES, "  ")
    assert "note" in error.value.message_dict
    piece.refresh_from_db()
    assert piece.scale_level is None


def test_a_yes_at_level_3_to_5_may_name_the_organisation_that_carries_it(personas, piece):
    green = OrganisationFactory(bureau=personas.bureau, scale_level=ScaleLevel.SOCIAL_ENTERPRISE)
    answer(personas, piece, 1, Answer.NO)
    answer(personas, piece, 2, Answer.NO)
    answer(personas, piece, 3, Answer.YES, "Groen", organisation=green)
    piece.refresh_from_db()
    assert piece.carried_by_organisation == green


def test_the_organisation_must_work_at_the_level_and_in_the_bureau(personas, piece):
    business = OrganisationFactory(bureau=personas.bureau, scale_level=4)
    foreign = OrganisationFactory(bureau=personas.other_bureau, scale_level=3)
    answer(personas, piece, 1, Answer.NO)
    answer(personas, piece, 2, Answer.NO)
    for organisation in (business, foreign):
        with pytest.raises(ValidationError) as error:
            answer(personas, piece, 3, Answer.YES, "Groen", organisation=organisation)
        assert "organisation" in error.value.message_dict


def test_changing_an_earlier_answer_into_yes_drops_the_later_answers(personas, piece):
    answer(personas, piece, 1, Answer.NO)
    answer(personas, piece, 2, Answer.NO)
    answer(personas, piece, 3, Answer.YES, "Sociale onderneming")
    answer(personas, piece, 1, Answer.YES, "Toch zelf")
    piece.refresh_from_db()
    assert piece.scale_level == ScaleLevel.RESIDENT
    assert piece.scale_level_reason == "Toch zelf"
    assert list(piece.subsidiarity_answers.values_list("question", flat=True)) == [1]


def test_changing_the_deciding_yes_clears_the_level_and_opens_the_next_question(personas, piece):
    answer(personas, piece, 1, Answer.YES, "Zelf")
    answer(personas, piece, 1, Answer.NO, "Toch niet")
    piece.refresh_from_db()
    assert piece.scale_level is None
    assert piece.scale_level_reason == ""
    answer(personas, piece, 2, Answer.YES, "Familie")
    piece.refresh_from_db()
    assert piece.scale_level == ScaleLevel.PERSONAL_RELATION


def test_five_times_no_leaves_the_piece_unplaced(personas, piece):
    for question in range(1, 6):
        answer(personas, piece, question, Answer.NO)
    piece.refresh_from_db()
    assert piece.scale_level is None
    assert actions.next_question({a.question: a for a in piece.subsidiarity_answers.all()}) is None


def test_restart_clears_the_answers_and_the_level(personas, piece):
    actions.place_at_level(actor=personas.coach, piece=piece, level=4, reason="Aannemer")
    assert piece.subsidiarity_answers.count() == 4
    actions.restart_subsidiarity(actor=personas.coach, piece=piece)
    piece.refresh_from_db()
    assert piece.scale_level is None
    assert piece.subsidiarity_answers.count() == 0


def test_place_at_level_answers_no_below_and_yes_at_the_level(personas, piece):
    actions.place_at_level(
        actor=None, piece=piece, level=2, reason="Kleinzoon helpt", notes={1: "Te zwaar"}
    )
    answers = {a.question: a for a in piece.subsidiarity_answers.all()}
    assert (answers[1].answer, answers[1].note) == ("no", "Te zwaar")
    assert answers[2].answer == "yes"
    assert piece.scale_level == 2
