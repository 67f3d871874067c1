from django.urls import path

from buurtbaan.residents.views import barriers, consent, intake, residents, sensitive, talents

app_name = "residents"

RESIDENT = "b/<slug:bureau_slug>/bewoners/<int:pk>"

urlpatterns = [
    path("b/<slug:bureau_slug>/bewoners/", residents.resident_list, name="resident-list"),
    path("b/<slug:bureau_slug>/bewoners/nieuw/", residents.resident_create, name="resident-create"),
    path(f"{RESIDENT}/", residents.resident_detail, name="resident-detail"),
    path(f"{RESIDENT}/bewerken/<slug:section>/", residents.resident_update, name="resident-update"),
    path(f"{RESIDENT}/coach/", residents.resident_assign_coach, name="resident-assign-coach"),
    path(f"{RESIDENT}/belemmeringen/nieuw/", barriers.barrier_create, name="barrier-create"),
    path(
        f"{RESIDENT}/belemmeringen/<int:barrier_pk>/opgelost/",
        barriers.barrier_resolve,
        name="barrier-resolve",
    ),
    path(f"{RESIDENT}/toestemming/", consent.consent_list, name="consent-list"),
    path(f"{RESIDENT}/intake/", intake.intake_overview, name="intake-list"),
    path(
        f"{RESIDENT}/intake/<int:intake_pk>/stap/<int:step>/",
        intake.intake_step,
        name="intake-step",
    ),
    path(
        f"{RESIDENT}/gevoelige-notities/",
        sensitive.sensitive_note_list,
        name="sensitive-note-list",
    ),
    path("b/<slug:bureau_slug>/talenten/", talents.talent_list, name="talent-list"),
    path("b/<slug:bureau_slug>/talenten/<int:pk>/", talents.talent_update, name="talent-update"),
]
