"""Backup and restore: one archive with the database, the stored files and a manifest (`manage.py backup`,
`manage.py restore`). `inventory` counts what there is, `database` dumps and loads each database vendor,
`archive` writes the archive and `restore` reads it back."""
