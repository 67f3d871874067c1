"""Self-registration on a bureau's public site (anonymous visitors).

Registering never reveals whether an address already has an account: the visitor always lands on
"check your e-mail", and the mail says what to do next (confirm, or log in to the existing account).
Robots are kept out with a honeypot (answered as if it worked) and rate limits per address and per
e-mail address (`core.spam`).
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.bureaus.queries import public_bureaus
from buurtbaan.core.forms import add_action_error
from buurtbaan.core.spam import client_key, is_over_limit, keyed_hash
from buurtbaan.residents import actions
from buurtbaan.residents.actions import TokenState
from buurtbaan.residents.forms import RegistrationForm, ResendConfirmationForm
from buurtbaan.residents.views import posted

#: Registrations (and resends) per visitor address, and mails per e-mail address, per hour.
PER_ADDRESS_PER_HOUR = 10
PER_EMAIL_PER_HOUR = 3
HOUR = 60 * 60
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _bureau(bureau_slug):
    return get_object_or_404(public_bureaus(), slug=bureau_slug)


def _is_limited(request, email: str) -> bool:
    by_address = is_over_limit(
        client_key(request, "registration"), limit=PER_ADDRESS_PER_HOUR, window=HOUR
    )
    by_email = is_over_limit(
        keyed_hash("registration-email", email.lower()), limit=PER_EMAIL_PER_HOUR, window=HOUR
    )
    return by_address or by_email


def _rate_limited_message():
    return _(
        "Many sign-ups came from here in the last hour. Try again in an hour, or drop by or call "
        "the bureau."
    )


def _sent(bureau):
    return redirect("residents:registration-sent", bureau_slug=bureau.slug)


@require_http_methods(["GET", "POST"])
def register(request, bureau_slug):
    """The sign-up form: name, e-mail, password, postcode, date of birth, phone, consent."""
    bureau = _bureau(bureau_slug)
    form = RegistrationForm(posted(request))
    if request.method == "POST" and form.is_spam:
        return _sent(bureau)
    if form.is_valid():
        if _is_limited(request, form.cleaned_data["email"]):
            form.add_error(None, _rate_limited_message())
        else:
            try:
                actions.register_self(bureau=bureau, **form.action_kwargs())
            except ValidationError as error:
                add_action_error(form, error)
            else:
                if not bureau.covers_postcode(form.cleaned_data["postcode"]):
                    messages.info(request, _outside_area_message(bureau))
                return _sent(bureau)
    return render(request, "residents/registration_form.html", {"bureau": bureau, "form": form})


def _outside_area_message(bureau):
    return _(
        "Your postcode lies outside the area of %(bureau)s. You are welcome all the same; the "
        "bureau will tell you if a bureau closer to your home suits you better."
    ) % {"bureau": bureau.name}


@require_http_methods(["GET", "HEAD"])
def register_sent(request, bureau_slug):
    """ "Check your e-mail": the same page whatever happened (no account enumeration)."""
    return render(request, "residents/registration_sent.html", {"bureau": _bureau(bureau_slug)})


@require_http_methods(["GET", "POST"])
def register_confirm(request, bureau_slug, token):
    """The link from the confirmation mail. GET shows a button (mail scanners that open links do
    not use it up); POST activates the account and logs the resident in."""
    bureau = _bureau(bureau_slug)
    state, user = actions.read_confirmation_token(token)
    if request.method == "POST" and state == TokenState.VALID:
        try:
            resident = actions.confirm_registration(user=user)
        except ValidationError:  # confirmed meanwhile (a double click)
            state = TokenState.USED
        else:
            login(request, user, backend=LOGIN_BACKEND)
            messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
            return redirect("residents:mydata", bureau_slug=resident.bureau.slug)
    if request.method == "POST" and state == TokenState.EXPIRED:
        if not is_over_limit(
            client_key(request, "registration"), limit=PER_ADDRESS_PER_HOUR, window=HOUR
        ):
            actions.resend_confirmation(user=user)
        return _sent(bureau)
    context = {"bureau": bureau, "state": state.value, "token": token}
    return render(request, "residents/registration_confirm.html", context)


@require_http_methods(["GET", "POST"])
def register_resend(request, bureau_slug):
    """Ask for a new confirmation link by e-mail address; always answered with "check your
    e-mail"."""
    bureau = _bureau(bureau_slug)
    form = ResendConfirmationForm(posted(request))
    if request.method == "POST" and form.is_spam:
        return _sent(bureau)
    if form.is_valid():
        if _is_limited(request, form.cleaned_data["email"]):
            form.add_error(None, _rate_limited_message())
        else:
            actions.resend_confirmation(email=form.cleaned_data["email"])
            return _sent(bureau)
    return render(request, "residents/registration_resend.html", {"bureau": bureau, "form": form})
