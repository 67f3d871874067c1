from django.contrib import messages
from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.bureaus import actions, queries
from buurtbaan.bureaus.forms import (
    AppointCoordinatorForm,
    BureauForm,
    MembershipForm,
    NewBureauForm,
    NewMemberForm,
)
from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.bureaus.permissions import ALL_ROLES, STAFF, bureau_view, get_for_bureau
from buurtbaan.core import locking


def public(request, bureau_slug):
    """The bureau's public page: who they are, where, and how to join. No personal data."""
    bureau = get_object_or_404(queries.public_bureaus(), slug=bureau_slug)
    return render(request, "bureaus/bureau_public.html", {"bureau": bureau})


@bureau_view(read=ALL_ROLES)
def dashboard(request):
    """The bureau's home after login; what it shows depends on the role."""
    context = {
        "figures": queries.bureau_figures(request.bureau),
        "tasks": queries.waiting_for(request.membership),
    }
    return render(request, "bureaus/dashboard.html", context)


@bureau_view(read=STAFF)
def manage(request):
    """Running the bureau: team, settings, vocabulary, imports, the audit log and erasure requests
    (what a role may open is decided by those pages; this one only lists them)."""
    context = {"pending": queries.pending_management_tasks(request.bureau)}
    return render(request, "bureaus/manage.html", context)


@bureau_view(read=STAFF, write=[Role.COORDINATOR])
def member_list(request):
    members = queries.members_of(request.bureau)
    return render(request, "bureaus/member_list.html", {"members": members})


@require_http_methods(["GET", "POST"])
@bureau_view(read=[Role.COORDINATOR], write=[Role.COORDINATOR])
def member_create(request):
    form = NewMemberForm(request.POST or None, bureau=request.bureau)
    if form.is_valid():
        data = form.cleaned_data
        membership = actions.add_member(
            actor=request.user,
            bureau=request.bureau,
            email=data["email"],
            role=data["role"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=data["organisation"],
        )
        messages.success(request, _("%(name)s has been added.") % {"name": membership.user})
        return redirect("bureaus:member-list", bureau_slug=request.bureau.slug)
    return render(request, "bureaus/member_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
@bureau_view(read=[Role.COORDINATOR], write=[Role.COORDINATOR])
def member_update(request, pk):
    membership = get_for_bureau(request, Membership.objects.select_related("user"), pk=pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.change_membership(
                    actor=request.user, membership=membership, **form.cleaned_data
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role has been saved."))
            return redirect("bureaus:member-list", bureau_slug=request.bureau.slug)
    return render(
        request,
        "bureaus/member_update.html",
        {"form": form, "member": membership},
        status=locking.status(form),
    )


@require_http_methods(["GET", "POST"])
@bureau_view(read=[Role.COORDINATOR], write=[Role.COORDINATOR])
def settings_update(request):
    bureau = request.bureau
    form = BureauForm(request.POST or None, instance=bureau)
    if form.is_valid():
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in BureauForm.Meta.fields
        }
        try:
            with locking.unchanged_since_opened(form):
                actions.update_bureau(
                    actor=request.user,
                    bureau=bureau,
                    changes=changes,
                    postcode_ranges=form.cleaned_data["postcode_ranges"],
                )
        except locking.EditConflict as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The bureau's details have been saved."))
            return redirect("bureaus:settings", bureau_slug=bureau.slug)
    context = {"form": form}
    return render(request, "bureaus/bureau_settings.html", context, status=locking.status(form))


def is_platform_admin(user):
    return user.is_authenticated and user.is_platform_admin


@login_required
@user_passes_test(is_platform_admin)
def platform_bureau_list(request):
    bureaus = Bureau.objects.prefetch_related("postcode_ranges")
    return render(request, "bureaus/platform_bureau_list.html", {"bureaus": bureaus})


@require_http_methods(["GET", "POST"])
@login_required
@user_passes_test(is_platform_admin)
def platform_bureau_create(request):
    form = NewBureauForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        bureau = actions.create_bureau(
            actor=request.user,
            postcode_ranges=data["postcode_ranges"],
            **{name: data[name] for name in NewBureauForm.Meta.fields},
        )
        actions.add_member(
            actor=request.user,
            bureau=bureau,
            email=data["coordinator_email"],
            role=Role.COORDINATOR,
        )
        messages.success(request, _("Bureau %(name)s has been created.") % {"name": bureau.name})
        return redirect("bureaus:platform-bureau-list")
    return render(request, "bureaus/platform_bureau_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
@user_passes_test(is_platform_admin)
def platform_coordinator_appoint(request, pk):
    """A platform administrator appoints a coordinator (themselves too), through the action that
    writes the bureau's audit log and tells its coordinators."""
    bureau = get_object_or_404(Bureau, pk=pk)
    form = AppointCoordinatorForm(request.POST or None)
    if form.is_valid():
        membership = actions.appoint_coordinator(
            actor=request.user, bureau=bureau, email=form.cleaned_data["email"]
        )
        messages.success(
            request,
            _("%(name)s is now coordinator of %(bureau)s.")
            % {"name": membership.user, "bureau": bureau.name},
        )
        return redirect("bureaus:platform-bureau-list")
    return render(
        request, "bureaus/platform_coordinator_appoint.html", {"form": form, "bureau": bureau}
    )
