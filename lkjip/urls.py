from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "SAKIP — Administrasi"
admin.site.site_title = "SAKIP"
admin.site.index_title = "Data kinerja Pemda dan OPD"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False), name="beranda"),
    path("masuk/", auth_views.LoginView.as_view(template_name="admin/login.html"), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
