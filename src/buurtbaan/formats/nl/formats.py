# "2 dec 2026": short and unambiguous in tables. Everything else is Django's Dutch.
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y H:i"
