# "2 Dec 2026": the same order as the Dutch. Everything else is Django's English.
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
