"""v5 makes idempotent saves exactly-once: repeated (owner, source key) rows left by
concurrent saves are merged, then a unique index on each keyed table forbids new ones.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

from coach.store.source_keys import KEYED_TABLES, enforce_unique_source_keys, index_name

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    enforce_unique_source_keys(op.get_bind())


def downgrade() -> None:
    for table in KEYED_TABLES:
        op.drop_index(index_name(table), table_name=table)
