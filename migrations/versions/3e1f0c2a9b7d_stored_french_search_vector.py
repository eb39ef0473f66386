"""PostgreSQL: the French search vector stored with each action, indexed

Revision ID: 3e1f0c2a9b7d
Revises: 7cd9a1a831a9
Create Date: 2026-12-06 14:20:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3e1f0c2a9b7d'
down_revision = '7cd9a1a831a9'
branch_labels = None
depends_on = None


def upgrade():
    # Searching analysed every action's text again (the index was on an expression the
    # planner left aside); the vector is now a stored column (see plan.actions.search).
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_actions_search")
    op.execute(
        "ALTER TABLE actions ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('french', search_text)) STORED"
    )
    op.execute("CREATE INDEX ix_actions_search ON actions USING gin (search_vector)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_actions_search")
    op.execute("ALTER TABLE actions DROP COLUMN IF EXISTS search_vector")
    op.execute(
        "CREATE INDEX ix_actions_search ON actions "
        "USING gin (to_tsvector('french', search_text))"
    )
