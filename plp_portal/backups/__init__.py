"""Backups of a whole portal: its database, its uploaded files, and a manifest to check both.

A backup is a directory:

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom`` of one snapshot) or
  ``database.sqlite3`` (SQLite: a copy made by SQLite's backup API, consistent while the site
  writes);
- ``media.tar``: every file under MEDIA_ROOT (the attachments);
- ``manifest.json``, written last: the portal's version, the database engine, the applied
  migrations, the rows of every table and a SHA-256 of every file. A directory without it is
  not a backup.

``restore`` checks the manifest before it changes anything, restores the database in one
transaction and the files beside it, then counts again.
"""


class BackupError(Exception):
    """Why a backup or restore could not go on, in one plain sentence."""
