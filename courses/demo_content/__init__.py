"""The demo academy's content, written for this project. See ``seed_demo`` for how it is loaded.

Structure:
- ``CATALOGUE``: the course index page (slug, title, intro HTML).
- ``COURSES``: list of courses; each has slug, title, category (product / protocol / soft_skill),
  summary, estimated_minutes, xp_value, prerequisites (course slugs) and lessons. A lesson has
  slug, title, estimated_minutes and body: raw StreamField blocks ``{"type": ..., "value": ...}``
  using the block names of ``courses.blocks.LessonBodyBlock``.
- ``PATHS``: learning paths; each has slug, title, intro and ``courses``: (course slug, due days).
- ``TRANSLATIONS``: per language code, translated titles and bodies for some pages (see fi.py).
"""

from courses.demo_content.en import CATALOGUE, COURSES, PATHS
from courses.demo_content.fi import TRANSLATION as FI
from courses.demo_content.sv import TRANSLATION as SV
from courses.demo_content.uk import TRANSLATION as UK

TRANSLATIONS = {"fi": FI, "sv": SV, "uk": UK}

__all__ = ["CATALOGUE", "COURSES", "PATHS", "TRANSLATIONS"]
