"""URLs of the courses app: the cooperation's pages under /courses/, a municipality's under
/m/<slug>/courses/, and the public registration pages under /p/courses/ (no login)."""

from django.urls import path

from . import public_views, stats_views, views

app_name = "training"

urlpatterns = [
    path("courses/", views.course_list, name="course_list"),
    path("courses/mine/", views.my_registrations, name="my_registrations"),
    path("courses/statistics/", stats_views.statistics, name="statistics"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/rounds/new/", views.round_create, name="round_create"),
    path("courses/rounds/<int:pk>/links/", views.round_links, name="round_links"),
    path("courses/rounds/<int:pk>/links/<slug:municipality>/rotate/", views.link_rotate, name="link_rotate"),
    path("courses/sessions/new/", views.session_create, name="session_create"),
    path("courses/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("courses/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("courses/sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("courses/sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("courses/sessions/<int:pk>/quota/", views.session_quota, name="session_quota"),
    path("courses/sessions/<int:pk>/certificates/", views.certificates_pdf, name="certificates_pdf"),
    path("courses/sessions/<int:pk>/certificates/issue/", views.certificates_issue, name="certificates_issue"),
    path("courses/sessions/<int:pk>/participants.pdf", views.participants_pdf, name="participants_pdf"),
    path("courses/registrations/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("courses/registrations/<int:pk>/certificate/", views.certificate_pdf, name="certificate_pdf"),
    path("m/<slug:slug>/courses/", views.municipality_courses, name="municipality_courses"),
    path("m/<slug:slug>/courses/register/", views.municipality_register, name="municipality_register"),
    path("p/courses/registration/<str:token>/", public_views.public_registration, name="public_registration"),
    path("p/courses/registration/<str:token>/cancel/", public_views.public_cancel, name="public_cancel"),
    path("p/courses/<str:token>/", public_views.public_register, name="public_register"),
]
