"""Short dates are written the Dutch way in Dutch ("2 dec 2026"), and templates do not fix a
pattern that would capitalise the month."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

DAY = datetime.datetime(2026, 12, 2, 14, 5)


@pytest.mark.parametrize(
    ("language", "date", "date_time"),
    [("nl", "2 dec 2026", "2 dec 2026 14:05"), ("en", "2 Dec 2026", "2 Dec 2026, 14:05")],
)
def test_short_dates_follow_the_language(language, date, date_time):
    template = Template('{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"SHORT_DATETIME_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"d": DAY})) == f"{date}|{date_time}"


def test_no_template_writes_a_capitalised_month_pattern():
    """Django's "M" is always "Dec"; "b" or SHORT_DATE_FORMAT give Dutch its "dec"."""
    pattern = re.compile(r'\|date:"([^"]*)"')
    offenders = []
    for template in Path(settings.BASE_DIR).rglob("*.html"):
        for fmt in pattern.findall(template.read_text(encoding="utf-8")):
            if "M" in fmt and not fmt.endswith("_FORMAT"):
                offenders.append(f"{template.name}: {fmt}")
    assert offenders == []
