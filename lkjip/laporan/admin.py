"""The LKjIP models are deliberately not in the Django admin.

Every state change of a report (narratives, workflow steps, the signed archive) goes through
`lkjip.laporan.services`, which checks the role, records the history and keeps the archive
unchangeable; the report page (`laporan:lihat`) shows the transitions, reviews and archived revisions
to everyone who may read the OPD. An admin form would be a second, unchecked way to change them.
"""
