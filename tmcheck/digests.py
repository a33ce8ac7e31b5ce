"""SHA digests without loading OpenSSL at start-up: ``import hashlib`` loads _hashlib (the OpenSSL
binding, ~3 ms of every `tmcheck lint`) even for a SHA that CPython builds in. These are the
built-in modules hashlib itself falls back to; the digests are the same."""

from __future__ import annotations

try:
    from _sha1 import sha1
except ImportError:  # a Python built without it
    from hashlib import sha1

try:
    from _sha256 import sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256

try:
    from _blake2 import blake2b
except ImportError:
    from hashlib import blake2b

__all__ = ["blake2b", "sha1", "sha256"]
