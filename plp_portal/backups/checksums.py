import hashlib
from pathlib import Path

CHUNK = 1024 * 1024


def sha256_of(path: Path, counter=None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
            if counter:
                counter.advance(len(chunk))
    return digest.hexdigest()
