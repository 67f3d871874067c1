"""Throttling failed logins (django-axes), per account and per address.

Axes counts failures in `AccessAttempt` rows, one per account name, address and browser. Two
limits apply to those rows, both within `AXES_COOLOFF_TIME`:

- `AXES_FAILURE_LIMIT` failures on one account from one address lock that account, from that
  address (someone guessing one person's password);
- `AXES_ADDRESS_FAILURE_LIMIT` failures from one address, over all accounts together, lock the
  address (password spraying: a few passwords on each of many accounts). The limit is higher,
  because a neighbourhood centre's computers share one address and people mistype.

Axes' own lockout parameter sets share one failure limit, and a successful login would delete
every failure of the address with it (`AXES_RESET_ON_SUCCESS`), so a sprayer with one account of
their own could wipe the count. The handler below therefore keeps axes' parameters at account
and address, and adds the address count itself: a success clears only that account's failures.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AccountAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures on this account from this address, or the failure limit as soon as the
        address as a whole reached `AXES_ADDRESS_FAILURE_LIMIT` (axes compares this number with
        the failure limit, both when someone tries to log in and after a failure)."""
        per_account = super().get_failures(request, credentials)
        per_address = self.get_address_failures(request)
        if per_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            request.is_address_locked_out = True  # the lockout page says why
            return max(per_account, get_failure_limit(request, credentials))
        return per_account

    def get_address_failures(self, request) -> int:
        """Recent failures from this address, on any account (same cool-off as axes)."""
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
