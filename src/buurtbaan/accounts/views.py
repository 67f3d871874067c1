from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.accounts.actions import update_account
from buurtbaan.accounts.forms import AccountForm
from buurtbaan.core import locking


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
