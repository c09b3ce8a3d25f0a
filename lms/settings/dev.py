"""Local development: DEBUG on, a placeholder secret, emails printed to the console."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
VAR_DIR.mkdir(parents=True, exist_ok=True)
