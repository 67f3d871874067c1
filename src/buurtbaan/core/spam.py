"""Keeping spam robots out of public forms: a honeypot field and a small rate limit.

Generic, for any form anonymous visitors can submit (self-registration uses both). The bulletin
board counts its short-form responses in its own table instead (`board.actions`), because it
stores them anyway.

- `HoneypotMixin`: adds a field people never see (it sits off-screen and says "leave this field
  empty"); many robots fill in every field. A form that `is_spam` is answered as if it worked, and
  nothing is kept. Render the field with `honeypot_field` outside `includes/form.html` (the mixin
  leaves it out of `visible_fields`), inside an element that is moved off-screen.
- `is_over_limit(key, limit=..., window=...)`: counts attempts per key in Django's cache. The
  default cache is per process (fine for the single waitress process `buurtbaan serve` runs); an
  installation with several processes or servers shares one through `CACHE_URL` (a folder or
  Redis; see `settings.cache_from_url`).
- `client_key(request, purpose)`: a keyed hash of the visitor's address, so the cache never holds
  IP addresses. Behind a reverse proxy (`BEHIND_PROXY`), the address the proxy saw is the last one
  in X-Forwarded-For.
"""

from __future__ import annotations

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool((self.data or {}).get(HONEYPOT_FIELD))

    @property
    def honeypot_field(self):
        return self[HONEYPOT_FIELD]

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


def client_address(request) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def keyed_hash(purpose: str, value: str) -> str:
    """A hash of `value` that is useless without the secret key (no IP or e-mail in the cache)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def client_key(request, purpose: str) -> str:
    return keyed_hash(purpose, client_address(request))


def is_over_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt for `key`; True once more than `limit` attempts fell within `window`
    seconds of the first one."""
    cache_key = f"buurtbaan:rate:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count > limit
