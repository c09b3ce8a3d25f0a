"""Local development: DEBUG on, a placeholder secret, emails printed to the console."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
VAR_DIR.mkdir(parents=True, exist_ok=True)
# The demo's trainer and admin sign in with a password only, so that trying the academy needs no
# authenticator app. Set MFA_REQUIRED_FOR_STAFF=1 to see the real requirement.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", False)
