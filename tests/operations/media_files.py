from pathlib import Path


def media_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` and its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }
