"""v6 records whether each note is in the vector store. Notes made before are marked not
indexed, so the next start checks them all once (cheap for those already there).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "indexed" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("notes")}:
        op.add_column(
            "notes",
            sa.Column("indexed", sa.Boolean(), server_default=sa.false(), nullable=False),
        )


def downgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("indexed")
