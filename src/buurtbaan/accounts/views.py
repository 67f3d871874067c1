from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.accounts.actions import update_account
from buurtbaan.accounts.forms import AccountForm, LoginForm
from buurtbaan.bureaus.queries import landing_url
from buurtbaan.core import locking


class LoginView(auth_views.LoginView):
    """Django's login, landing on the user's own page of their bureau (`landing_url`) unless a
    safe `?next=` says where they were going."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url(self.request.user)


@require_http_methods(["GET", "POST"])
@login_required
def account(request):
    """The user's own account: name, e-mail, and their roles per bureau."""
    user = request.user
    form = AccountForm(request.POST or None, record=user)
    if request.method == "POST" and form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                update_account(user=user, **form.cleaned_data)
        except locking.EditConflict as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your details have been saved."))
            return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form}, status=locking.status(form))
