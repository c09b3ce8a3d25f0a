from lms.accounts import roles


def navigation(request):
    """Role flags for the navigation bar, lazy so pages that do not show them pay nothing."""
    user = getattr(request, "user", None)
    return {
        "nav_is_trainer": (lambda: roles.is_trainer(user)) if user else False,
    }
