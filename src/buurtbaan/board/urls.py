from django.urls import path

from buurtbaan.board.views import help_requests, moderation, partner, public

app_name = "board"

B = "b/<slug:bureau_slug>/prikbord/"
H = "b/<slug:bureau_slug>/buurtmaatjes/"

urlpatterns = [
    # Public: no login.
    path(B, public.item_list, name="item-list"),
    path(B + "<int:pk>/", public.item_detail, name="item-detail"),
    path(B + "<int:pk>/reageren/", public.item_respond, name="item-respond"),
    # Partners.
    path(B + "mijn-berichten/", partner.post_list, name="post-list"),
    path(B + "mijn-berichten/nieuw/", partner.post_create, name="post-create"),
    path(B + "mijn-berichten/<int:pk>/", partner.post_detail, name="post-detail"),
    # The bureau: moderation and responses.
    path(B + "beheer/", moderation.item_queue, name="item-queue"),
    path(B + "beheer/nieuw/", moderation.item_create, name="item-create"),
    path(B + "beheer/<int:pk>/", moderation.item_manage, name="item-manage"),
    path(B + "beheer/<int:pk>/publiceren/", moderation.item_publish, name="item-publish"),
    path(B + "beheer/<int:pk>/afwijzen/", moderation.item_reject, name="item-reject"),
    path(B + "beheer/<int:pk>/sluiten/", moderation.item_close, name="item-close"),
    path(B + "beheer/<int:pk>/reacties/", moderation.response_list, name="response-list"),
    path(B + "reacties/<int:pk>/", moderation.response_update, name="response-update"),
    # Buurtmaatjes help requests.
    path(H, help_requests.helprequest_inbox, name="helprequest-inbox"),
    path(H + "<int:pk>/", help_requests.helprequest_detail, name="helprequest-detail"),
    path(H + "<int:pk>/klus-maken/", help_requests.helprequest_piece, name="helprequest-piece"),
    path(H + "<int:pk>/status/", help_requests.helprequest_status, name="helprequest-status"),
    path(H + "mijn-hulpvragen/", partner.helprequest_mine, name="helprequest-mine"),
    path(H + "mijn-hulpvragen/nieuw/", partner.helprequest_create, name="helprequest-create"),
]
