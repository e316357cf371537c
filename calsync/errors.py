"""The one error hierarchy of calsync.

Every failure the library reports to a user is a ``CalsyncError``. Each class carries the exit
code the CLI uses for it, so the CLI has a single place that turns errors into messages and
exit codes (0 ok, 1 some changes or sources failed, 2 usage, input or configuration error).
"""

from __future__ import annotations


class CalsyncError(Exception):
    """Base of every error calsync reports to a user."""

    exit_code: int = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} (hint: {self.hint})"


class UsageError(CalsyncError):
    """A bad argument or option value (a date, a zone, a path)."""


class InputError(CalsyncError):
    """An article or file that cannot be read: missing, undecodable, empty."""


class ConfigError(CalsyncError):
    """A configuration file with problems; ``problems`` lists every one of them."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = list(problems or [])
        full = message if not self.problems else message + "\n" + "\n".join(
            f"  - {p}" for p in self.problems
        )
        super().__init__(full)


class CorruptCacheError(ConfigError):
    """A file of ours that is only a cache cannot be read (the run rebuilds it)."""


class OutputError(CalsyncError):
    """An output file that must not be overwritten or cannot be written."""


class SourceError(CalsyncError):
    """A source (file, URL, feed) failed; other sources still run."""

    exit_code = 1


class TargetError(CalsyncError):
    """A calendar target failed (network, server, permission)."""

    exit_code = 1


class QuotaExceededError(TargetError):
    """The calendar service refused further requests for the day; retrying will not help."""


class ConflictError(TargetError):
    """A remote object changed under us (HTTP 409/412)."""


class LockedError(CalsyncError):
    """Another calsync run holds the lock."""

    exit_code = 1
