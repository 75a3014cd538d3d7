"""v3 lets saved meeting notes carry a source key, so saving twice adds nothing.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "source_key" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("notes")}:
        op.add_column("notes", sa.Column("source_key", sa.String(length=64), nullable=True))
    op.create_index("ix_notes_source_key", "notes", ["source_key"], if_not_exists=True)


def downgrade() -> None:
    op.drop_index("ix_notes_source_key", table_name="notes")
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("source_key")
