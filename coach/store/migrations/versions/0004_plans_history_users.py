"""v4 adds weekly plans, relationship history and user accounts: new tables only.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("owner", "week", name="uq_plan_week"),
        if_not_exists=True,
    )
    op.create_index("ix_plans_owner", "plans", ["owner"], if_not_exists=True)
    op.create_table(
        "relationship_changes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("peer_id", sa.String(length=32), nullable=False),
        sa.Column("old", sa.String(length=20), nullable=False),
        sa.Column("new", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["peer_id"], ["peers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    for column in ("owner", "peer_id"):
        op.create_index(
            f"ix_relationship_changes_{column}",
            "relationship_changes",
            [column],
            if_not_exists=True,
        )
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
        if_not_exists=True,
    )


def downgrade() -> None:
    for table in ("users", "relationship_changes", "plans"):
        op.drop_table(table)
