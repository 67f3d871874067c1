"""Imports hold an uploaded spreadsheet until they are finished; see `privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.registry import AppDeclarations, LegalGround

privacy = AppDeclarations("imports")

privacy.declare(
    "imports.ImportRun",
    holds=_(
        "Uploaded spreadsheets of residents to import, with the problems found per row, "
        "until the import is done."
    ),
    purpose=_("Bringing residents in from a spreadsheet without typing errors."),
    legal_ground=LegalGround.CONSENT,
    kept=_(
        "The file is deleted when the import is done, or a day after it was left half-way; "
        "the counts stay."
    ),
    seen_by=[Role.COORDINATOR, Role.COACH],
)
