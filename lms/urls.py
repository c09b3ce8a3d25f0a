from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gamification.kpis.api import api as kpi_api
from lms import views
from lms.accounts import views as account_views

# The Django admin signs people in through allauth: the same rate limits and the same second factor.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("api/v1/", kpi_api.urls),
    path("accounts/", include("allauth.urls")),
    path("invitations/<str:token>/", account_views.invitation_accept, name="invitation_accept"),
    path("team/kpis/", include("gamification.kpis.urls")),
    path("team/", include("lms.team.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("quizzes/", include("quizzes.urls")),
    path("scenarios/", include("scenarios.urls")),
    path("", include("gamification.urls")),
    path("", include("courses.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Course pages live under a language prefix (/en/, /fi/, /sv/, /uk/): each locale has its tree.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)
