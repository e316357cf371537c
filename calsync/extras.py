"""Optional dependencies ("extras"): which modules each one brings, and a check for them.

``pip install .`` installs what extraction and .ics files need; Google Calendar, CalDAV and
the review page need ``pip install 'calsync[google]'``, ``'calsync[caldav]'`` or
``'calsync[review]'``. Without them a command that
needs one stops with one line naming the install command (exit 2), and ``config check``
reports a target whose extra is missing, instead of a ``ModuleNotFoundError`` deep inside a
run. The check looks the modules up without importing them (they are slow to import).
"""

from __future__ import annotations

import importlib.util

from calsync.errors import UsageError

#: extra -> the modules calsync imports from it
EXTRAS: dict[str, tuple[str, ...]] = {
    "google": ("googleapiclient", "google.oauth2", "google.auth", "google_auth_httplib2",
               "httplib2", "google_auth_oauthlib"),
    "caldav": ("caldav",),
    "review": ("flask", "jinja2", "werkzeug"),
}


def missing_module(extra: str) -> str | None:
    """The first module of ``extra`` that cannot be imported here, or None."""
    for module in EXTRAS[extra]:
        try:
            if importlib.util.find_spec(module) is None:
                return module
        except (ImportError, ValueError):  # a parent package missing, or blocked
            return module
    return None


def install_hint(extra: str) -> str:
    return f"pip install 'calsync[{extra}]'"


def require(extra: str, what: str) -> None:
    """Raise a ``UsageError`` (exit 2) naming the install command when ``extra`` is missing."""
    module = missing_module(extra)
    if module is not None:
        raise UsageError(f"{what} needs the {extra!r} extra (module {module} is not installed): "
                         f"{install_hint(extra)}")
