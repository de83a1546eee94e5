"""The store: engine, migrations, schema and one module per table family.

Most tables hold workouts and what belongs to them (owners, batches, sources, tracks, model runs,
corrections, life events). Two families are the bot's own state, kept here because they share the
engine, the migrations and the transactions: :mod:`.briefings` (schedules, consents, the
once-per-day post record) and :mod:`.claims` (once-only Slack events and files). Nothing in the
ETL reads them.
"""
