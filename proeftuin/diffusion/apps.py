from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiffusionConfig(AppConfig):
    name = "proeftuin.diffusion"
    label = "diffusion"
    verbose_name = _("Diffusion")

    def ready(self):
        from proeftuin.core.service import register_content_domain
        from proeftuin.diffusion import services, work  # noqa: F401  (events, "Mijn werk")

        register_content_domain("diffusion", _("Adoptions"))
