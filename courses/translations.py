"""Pages of every locale share a translation key; progress is stored against the default locale."""

from typing import TypeVar

from wagtail.models import Locale, Page

PageT = TypeVar("PageT", bound=Page)


def default_locale_version(page: PageT) -> PageT:
    """The page's version in the default locale, or the page itself when it has none."""
    default_locale = Locale.get_default()
    if page.locale_id == default_locale.pk:
        return page
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=default_locale)
        .first()
        or page
    )
