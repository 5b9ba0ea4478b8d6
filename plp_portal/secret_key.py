"""The secret key of a development checkout: made once, kept in an ignored file.

Production always sets DJANGO_SECRET_KEY; a checkout run with DJANGO_DEBUG=true and no key
gets one of its own, so no key ever lives in the repository and sessions survive a restart.
"""

import os
import secrets
from pathlib import Path


def development_secret_key(path: Path) -> str:
    """The key kept at `path`, made (readable by its owner only) if there is none yet."""
    if not path.exists():
        # Written aside, then linked into place: two processes starting at once (runserver and
        # its reloader) both end up reading the one key that won, never a half-written file.
        aside = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
        finally:
            aside.unlink()
    return path.read_text().strip()
