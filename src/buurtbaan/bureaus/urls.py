from django.urls import path

from buurtbaan.bureaus import views

app_name = "bureaus"

urlpatterns = [
    path("platform/", views.platform_bureau_list, name="platform-bureau-list"),
    path("platform/nieuw/", views.platform_bureau_create, name="platform-bureau-create"),
    path(
        "platform/<int:pk>/coordinator/",
        views.platform_coordinator_appoint,
        name="platform-coordinator-appoint",
    ),
    path("b/<slug:bureau_slug>/", views.public, name="public"),
    path("b/<slug:bureau_slug>/overzicht/", views.dashboard, name="dashboard"),
    path("b/<slug:bureau_slug>/beheer/", views.manage, name="manage"),
    path("b/<slug:bureau_slug>/team/", views.member_list, name="member-list"),
    path("b/<slug:bureau_slug>/team/nieuw/", views.member_create, name="member-create"),
    path("b/<slug:bureau_slug>/team/<int:pk>/", views.member_update, name="member-update"),
    path("b/<slug:bureau_slug>/instellingen/", views.settings_update, name="settings"),
]
