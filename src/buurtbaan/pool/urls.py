from django.urls import path

from buurtbaan.pool import views

app_name = "pool"

POOL = "b/<slug:bureau_slug>/werkgeverspool"
INTRODUCTIONS = "b/<slug:bureau_slug>/kennismakingen"

urlpatterns = [
    path(f"{POOL}/", views.profile_list, name="profile-list"),
    path(f"{POOL}/<int:pk>/", views.profile_detail, name="profile-detail"),
    path(f"{POOL}/<int:pk>/kennismaken/", views.introduction_create, name="introduction-create"),
    path(f"{INTRODUCTIONS}/", views.introduction_inbox, name="introduction-inbox"),
    path(f"{INTRODUCTIONS}/mijn/", views.introduction_mine, name="introduction-mine"),
    path(f"{INTRODUCTIONS}/<int:pk>/", views.introduction_detail, name="introduction-detail"),
    path(
        f"{INTRODUCTIONS}/<int:pk>/beantwoorden/",
        views.introduction_handle,
        name="introduction-handle",
    ),
]
