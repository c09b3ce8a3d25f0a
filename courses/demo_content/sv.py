"""Translated demo content: titles and bodies keyed by the English slugs."""

TRANSLATION: dict = {"catalogue": {}, "courses": {}, "paths": {}}
