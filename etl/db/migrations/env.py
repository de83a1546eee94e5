"""Alembic environment: runs on the connection handed over by etl.db.migrate (never a URL)."""

from alembic import context

from etl.db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite alters tables by copying them; batch mode makes later migrations portable.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
