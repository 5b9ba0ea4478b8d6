"""deploy/backup.sh, the nightly job: a new backup, the oldest beyond PLP_BACKUP_KEEP removed
(complete backups only), then the off-site copy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def old_backup(directory: Path, name: str) -> Path:
    path = directory / name
    path.mkdir(parents=True)
    (path / "manifest.json").write_text("{}")
    return path


def test_a_nightly_run_backs_up_keeps_the_newest_and_copies_off_site(tmp_path):
    backups = tmp_path / "backups"
    oldest = old_backup(backups, "2001-01-01T000000Z")
    older = old_backup(backups, "2001-01-02T000000Z")
    (backups / "2000-12-31T000000Z").mkdir()  # an unfinished one: not a backup, left alone
    offsite = tmp_path / "offsite"
    offsite.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "PLP_PYTHON": sys.executable,
        "PLP_BACKUP_DIR": str(backups),
        "PLP_BACKUP_KEEP": "2",
        "PLP_BACKUP_OFFSITE": f"cp -r --target-directory={offsite}",
    }

    done = subprocess.run(
        [str(ROOT / "deploy" / "backup.sh")], env=env, capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr
    kept = sorted(p.name for p in backups.iterdir())
    (new,) = set(kept) - {older.name, "2000-12-31T000000Z"}
    assert kept == ["2000-12-31T000000Z", older.name, new]
    assert done.stdout.splitlines()[-1] == f"Removed the old backup {oldest}."
    assert sorted(p.name for p in (offsite / new).iterdir()) == [
        "database.sqlite3",
        "manifest.json",
        "media.tar",
    ]


def test_a_keep_that_is_no_number_is_refused_before_anything_runs(tmp_path):
    env = {**os.environ, "PLP_BACKUP_DIR": str(tmp_path), "PLP_BACKUP_KEEP": "all"}

    done = subprocess.run(
        [str(ROOT / "deploy" / "backup.sh")], env=env, capture_output=True, text=True
    )

    assert (done.returncode, done.stderr) == (
        2,
        "PLP_BACKUP_KEEP must be a whole number of at least 1.\n",
    )
    assert list(tmp_path.iterdir()) == []
