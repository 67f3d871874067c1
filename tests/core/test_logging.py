"""Making a PDF writes nothing to the console below a warning: WeasyPrint and fontTools log
every step and font subset at INFO and DEBUG, which buried the demo's printed e-mails."""

import logging

import pytest
from weasyprint import HTML


@pytest.mark.parametrize("name", ["weasyprint", "weasyprint.progress", "fontTools.subset"])
def test_the_pdf_libraries_log_warnings_only(name):
    assert logging.getLogger(name).getEffectiveLevel() == logging.WARNING


def test_making_a_pdf_logs_nothing_below_a_warning(caplog):
    HTML(string="<p>Zolder opruimen, isoleren en weer inruimen: € 1.850,00</p>").write_pdf()
    chatty = [
        f"{record.name} {record.levelname}: {record.getMessage()}"
        for record in caplog.records
        if record.levelno < logging.WARNING
    ]
    assert chatty == []
