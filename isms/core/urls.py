from django.urls import path

from . import inbox, pages, secretariat, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("municipalities/", views.municipality_list, name="municipality_list"),
    path("municipalities/overview.pdf", views.municipality_overview_pdf, name="municipality_overview_pdf"),
    path("m/<slug:slug>/", views.municipality_detail, name="municipality_detail"),
    path("m/<slug:slug>/logo/", views.municipality_logo, name="municipality_logo"),
    path("m/<slug:slug>/edit/", views.municipality_edit, name="municipality_edit"),
    path("m/<slug:slug>/members/", views.member_list, name="member_list"),
    path("m/<slug:slug>/members/invite/", views.invite, name="invite"),
    path("m/<slug:slug>/members/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("m/<slug:slug>/members/<int:pk>/end/", views.membership_end, name="membership_end"),
    path(
        "m/<slug:slug>/history/<slug:model>/<int:pk>/",
        views.municipal_object_history,
        name="municipal_object_history",
    ),
    path("history/<slug:model>/<int:pk>/", views.cooperation_object_history, name="cooperation_object_history"),
    path(
        "m/<slug:slug>/history/<slug:model>/<int:pk>/export.<slug:export_format>",
        views.municipal_history_export,
        name="municipal_history_export",
    ),
    path(
        "history/<slug:model>/<int:pk>/export.<slug:export_format>",
        views.cooperation_history_export,
        name="cooperation_history_export",
    ),
    path("signing/", inbox.to_sign, name="to_sign"),
    path("signing/count/", inbox.to_sign_count, name="to_sign_count"),
    path("notifications/", inbox.notification_list, name="notification_list"),
    path("notifications/read/", inbox.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", inbox.notification_open, name="notification_open"),
    path("notifications/<int:pk>/read/", inbox.notification_read, name="notification_read"),
    path("notifications/settings/", inbox.notification_settings, name="notification_settings"),
    path("secretariat/nudge/", secretariat.nudge, name="nudge"),
    path("secretariat/deliveries/", secretariat.delivery_problems, name="delivery_problems"),
    path("secretariat/deliveries/retry/", secretariat.delivery_retry, name="delivery_retry"),
    path("exports/<int:pk>/", views.export_status, name="export_status"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("sok/", pages.search_page, name="search"),
    path("tilgjengelighet/", pages.accessibility_statement, name="accessibility"),
]
