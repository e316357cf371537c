"""The command line: a thin shell over the library.

This package is the only place that imports click, prints, or decides exit codes. Each
command group lives in its own module and registers itself on ``main``. Heavy libraries are
imported inside commands so that ``calsync --help`` and ``calsync extract`` start fast.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from calsync.errors import CalsyncError

log = logging.getLogger("calsync")


class CalsyncGroup(click.Group):
    """Turns every ``CalsyncError`` into one line on stderr and its documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CalsyncError as exc:
            if ctx.obj and ctx.obj.get("verbose", 0) > 1:
                raise
            click.echo(f"calsync: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # "calsync extract ... | head": the reader left; stop quietly (Python's advice:
            # point stdout at devnull so the interpreter's final flush cannot fail again).
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except OSError as exc:  # a file system problem not wrapped below: still no traceback
            if ctx.obj and ctx.obj.get("verbose", 0) > 1:
                raise
            click.echo(f"calsync: error: {exc}", err=True)
            ctx.exit(2)


def setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING
    if quiet:
        level = logging.ERROR
    elif verbose == 1:
        level = logging.INFO
    elif verbose > 1:
        level = logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("calsync: %(levelname)s: %(message)s"))
    root = logging.getLogger("calsync")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


@click.group(cls=CalsyncGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More output (-vv shows tracebacks).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.version_option(package_name="calsync")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """calsync: turn news articles into calendar events (.ics, Google Calendar, CalDAV).

    Exit codes: 0 done; 1 some sources, targets or changes failed (the rest still ran) or
    another run holds the lock; 2 usage, input or configuration error.
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    ctx.obj["quiet"] = quiet
    setup_logging(verbose, quiet)


def _register() -> None:
    """Import the command modules; each adds its commands to ``main``."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


_register()

__all__ = ["main"]
