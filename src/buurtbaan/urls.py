from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("buurtbaan.core.urls")),
    path("", include("buurtbaan.accounts.urls")),
    path("", include("buurtbaan.bureaus.urls")),
    path("", include("buurtbaan.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
