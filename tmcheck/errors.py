"""The one exception type that ends a run with exit status 2 and a one-line message."""

import re


class InputError(Exception):
    """Bad input or usage: the CLI prints ``tmcheck: <message>`` on stderr and exits with status 2."""


def mask_secrets(text: str) -> str:
    """``text`` with the password of any URL (``scheme://user:password@host``) or libpq keyword
    (``password=...``) replaced by ``***``: credentials are never printed or logged."""
    text = re.sub(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)\S*@", r"\1***@", text, flags=re.IGNORECASE)
    return re.sub(r"(\bpassword\s*=\s*)('[^']*'|[^\s&]+)", r"\1***", text, flags=re.IGNORECASE)
