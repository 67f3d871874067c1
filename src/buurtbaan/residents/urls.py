from django.urls import path

from buurtbaan.residents.views import (
    access_requests,
    activity,
    barriers,
    consent,
    duplicates,
    erasure_requests,
    intake,
    lookup,
    mydata,
    public_profiles,
    registration,
    residents,
    search,
    sensitive,
    story,
    talents,
)

app_name = "residents"

RESIDENT = "b/<slug:bureau_slug>/bewoners/<int:pk>"
SIGN_UP = "b/<slug:bureau_slug>/aanmelden"
MY_DATA = "b/<slug:bureau_slug>/mijn-gegevens"
PROFILES = "b/<slug:bureau_slug>/bewoners-in-beeld"

urlpatterns = [
    path("b/<slug:bureau_slug>/bewoners/", residents.resident_list, name="resident-list"),
    path("b/<slug:bureau_slug>/bewoners/nieuw/", residents.resident_create, name="resident-create"),
    path(
        "b/<slug:bureau_slug>/talentenbank/zoeken/", search.resident_search, name="resident-search"
    ),
    path(
        "b/<slug:bureau_slug>/talentenbank/kiezen/", lookup.resident_lookup, name="resident-lookup"
    ),
    path(
        "b/<slug:bureau_slug>/bewoners/mogelijk-dubbel/",
        duplicates.duplicate_list,
        name="duplicate-list",
    ),
    path(
        "b/<slug:bureau_slug>/bewoners/mogelijk-dubbel/<int:pk>/",
        duplicates.duplicate_decide,
        name="duplicate-decide",
    ),
    path(f"{RESIDENT}/", residents.resident_detail, name="resident-detail"),
    path(f"{RESIDENT}/bewerken/<slug:section>/", residents.resident_update, name="resident-update"),
    path(f"{RESIDENT}/verhaal/", story.resident_story, name="resident-story"),
    path(f"{RESIDENT}/coach/", residents.resident_assign_coach, name="resident-assign-coach"),
    path(
        f"{RESIDENT}/klaar-voor-voorstel/",
        residents.resident_mark_ready,
        name="resident-mark-ready",
    ),
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
    # Self-service: sign-up (public), the resident's own pages, public profiles, erasure.
    path(f"{SIGN_UP}/", registration.register, name="registration-create"),
    path(f"{SIGN_UP}/verstuurd/", registration.register_sent, name="registration-sent"),
    path(
        f"{SIGN_UP}/bevestigen/<str:token>/",
        registration.register_confirm,
        name="registration-confirm",
    ),
    path(f"{SIGN_UP}/opnieuw/", registration.register_resend, name="registration-resend"),
    path(f"{MY_DATA}/", mydata.mydata, name="mydata"),
    path(f"{MY_DATA}/bewerken/<slug:section>/", mydata.mydata_update, name="mydata-update"),
    path(f"{MY_DATA}/toestemming/", mydata.mydata_consent, name="mydata-consent"),
    path(f"{MY_DATA}/download/json/", mydata.mydata_json, name="mydata-json"),
    path(f"{MY_DATA}/download/afdrukken/", mydata.mydata_print, name="mydata-print"),
    path(f"{MY_DATA}/download/pdf/", mydata.mydata_pdf, name="mydata-pdf"),
    path(f"{MY_DATA}/verwijderen/", mydata.mydata_erasure, name="mydata-erasure"),
    path(f"{MY_DATA}/logboek/", activity.mydata_activity, name="mydata-activity"),
    path(f"{MY_DATA}/inzage/", access_requests.my_access_list, name="my-access-list"),
    path(
        f"{MY_DATA}/inzage/<int:pk>/<slug:file_format>/",
        access_requests.my_access_download,
        name="my-access-download",
    ),
    path("b/<slug:bureau_slug>/mijn-profiel/", public_profiles.profile_edit, name="profile-edit"),
    path(f"{PROFILES}/", public_profiles.profile_list, name="profile-list"),
    path(f"{PROFILES}/<int:pk>/", public_profiles.profile_detail, name="profile-detail"),
    path(f"{PROFILES}/<int:pk>/foto/", public_profiles.profile_photo, name="profile-photo"),
    path(
        "b/<slug:bureau_slug>/verwijderverzoeken/",
        erasure_requests.erasure_list,
        name="erasure-list",
    ),
    path(
        "b/<slug:bureau_slug>/verwijderverzoeken/<int:pk>/",
        erasure_requests.erasure_detail,
        name="erasure-detail",
    ),
    # Access requests (AVG art. 15): coordinators only; registered from the resident's page.
    path("b/<slug:bureau_slug>/inzageverzoeken/", access_requests.access_list, name="access-list"),
    path(
        "b/<slug:bureau_slug>/inzageverzoeken/<int:pk>/",
        access_requests.access_detail,
        name="access-detail",
    ),
    path(
        "b/<slug:bureau_slug>/inzageverzoeken/<int:pk>/pdf/",
        access_requests.access_pdf,
        name="access-pdf",
    ),
    path(f"{RESIDENT}/inzageverzoek/", access_requests.access_create, name="access-create"),
]
