"""Date formats of our own on top of Django's per language (`FORMAT_MODULE_PATH`).

Templates write dates in tables and lists as `|date:"SHORT_DATE_FORMAT"` (or
`SHORT_DATETIME_FORMAT`), never with a fixed pattern such as "j M Y": Django's "M" always
capitalises the month ("2 Dec"), which is wrong in Dutch ("2 dec").
"""
