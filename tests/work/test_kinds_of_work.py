"""The kinds of work read as one list: written as in a sentence, without capitals inside
(no "BuurtBaan" among "basisbaan" and "buurtklus"); a template capitalises where a line starts."""

import pytest
from django.utils import translation

from buurtbaan.board.models import BoardKind
from buurtbaan.work.models import WorkKind


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("choices", [WorkKind, BoardKind])
def test_no_kind_of_work_has_capitals(language, choices):
    with translation.override(language):
        labels = [str(label) for label in choices.labels]
    assert [label for label in labels if label != label.lower()] == []
