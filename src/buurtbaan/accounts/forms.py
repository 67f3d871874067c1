from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.locking import LockedFormMixin


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This e-mail address and password do not match. Check both and try again."
        ),
        "unconfirmed": _(
            "Your e-mail address has not been confirmed yet. Click the link in the e-mail we "
            "sent you when you signed up, or ask for a new link."
        ),
    }

    #: Set when the right password was given for a sign-up that is not confirmed yet.
    resend_confirmation_url = ""

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def get_invalid_login_error(self):
        self.resend_confirmation_url = self._unconfirmed_sign_up_url()
        if self.resend_confirmation_url:
            return ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")
        return super().get_invalid_login_error()

    def _unconfirmed_sign_up_url(self) -> str:
        """The page to ask for a new confirmation link, for a self-registration that is not
        confirmed yet, and only when the password is right: someone who does not know it learns
        nothing (the same message, and one extra password hash on every path, so it takes as
        long). Never while django-axes has locked the login out."""
        from buurtbaan.residents.actions import unconfirmed_resident

        if getattr(self.request, "axes_locked_out", False):
            return ""
        password = self.cleaned_data.get("password") or ""
        user = get_user_model().objects.filter(email=self.cleaned_data.get("username")).first()
        if user is None or user.is_active:
            make_password(password)
            return ""
        if not user.check_password(password):
            return ""
        resident = unconfirmed_resident(user)
        if resident is None:
            return ""
        return reverse(
            "residents:registration-resend", kwargs={"bureau_slug": resident.bureau.slug}
        )


class AccountForm(LockedFormMixin, forms.Form):
    """Opened on the user's own account (`record=`)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    def initial_for(self, user):
        return {"first_name": user.first_name, "last_name": user.last_name}
