from django.apps import AppConfig


class LmsConfig(AppConfig):
    """The project package is an app too, so its templates, static files and commands load."""

    name = "lms"
    verbose_name = "Service Academy"
