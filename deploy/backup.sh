#!/bin/sh
# Nightly backup (plp-backup.service): a new backup directory named by its UTC time, then
# the oldest complete backups beyond PLP_BACKUP_KEEP removed, then the off-site copy.
#   PLP_BACKUP_DIR      where backups go (default /srv/plp/backups)
#   PLP_BACKUP_KEEP     how many to keep there (default 14)
#   PLP_BACKUP_OFFSITE  a command run with the new backup's path as its last argument,
#                       e.g. "restic --repo sftp:host:/path --quiet backup" (see README)
set -eu
cd "$(dirname "$0")/.."
python="${PLP_PYTHON:-/srv/plp/venv/bin/python}"
directory="${PLP_BACKUP_DIR:-/srv/plp/backups}"
keep="${PLP_BACKUP_KEEP:-14}"
case "$keep" in
  '' | *[!0-9]* | 0) echo "PLP_BACKUP_KEEP must be a whole number of at least 1." >&2; exit 2 ;;
esac

new="$directory/$(date -u +%Y-%m-%dT%H%M%SZ)"
"$python" manage.py backup "$new"

# Only directories holding a manifest are backups; names sort by time.
complete=$(find "$directory" -mindepth 2 -maxdepth 2 -name manifest.json -printf '%h\n' | sort)
count=$(printf '%s\n' "$complete" | grep -c . || true)
if [ "$count" -gt "$keep" ]; then
  printf '%s\n' "$complete" | head -n "$((count - keep))" | while read -r old; do
    rm -rf -- "$old"
    echo "Removed the old backup $old."
  done
fi

if [ -n "${PLP_BACKUP_OFFSITE:-}" ]; then
  # Word splitting is wanted: the variable holds a command and its options.
  # shellcheck disable=SC2086
  $PLP_BACKUP_OFFSITE "$new"
fi
