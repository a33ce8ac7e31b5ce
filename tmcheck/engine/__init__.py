"""Registry, configuration, runner and suppression: what turns rules into a lint run."""

from .runner import Linter, Options, Result

__all__ = ["Linter", "Options", "Result"]
