"""The one exception type that ends a run with exit status 2 and a one-line message."""


class InputError(Exception):
    """Bad input or usage: the CLI prints ``tmcheck: <message>`` on stderr and exits with status 2."""
