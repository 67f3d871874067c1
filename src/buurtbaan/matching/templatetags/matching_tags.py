from django import template

from buurtbaan.matching import reasons as reason_text

register = template.Library()


@register.filter
def reason_sentences(reasons) -> list[str]:
    """Stored reasons ({"code", "params"}) as sentences in the reader's language."""
    return reason_text.render_all(reasons or [])


@register.filter
def split_reasons(reasons, support=None) -> reason_text.PairReasons:
    """Stored reasons (or a `PairReasons`, passed on as it is) as three lists: why it fits,
    points to watch, support needed (`reasons.split`)."""
    if isinstance(reasons, reason_text.PairReasons):
        return reasons
    return reason_text.split(reasons or [], support or ())


@register.filter
def percent(score) -> int:
    """A fit score (0–1) as a whole percentage."""
    return reason_text.score_percent(score or 0)
