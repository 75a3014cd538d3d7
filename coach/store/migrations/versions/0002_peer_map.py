"""v2 adds the peer map (peers, interactions, favours, feedback, follow-ups): new tables
only, so v1 notes and conversations are kept as they are.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = (
    "follow_ups",
    "feedback_requests",
    "favours",
    "interaction_peers",
    "interactions",
    "peers",
)


def _keyed(table: str, *columns: sa.Column) -> None:
    """A peer-map table with an owner and a source key (unique per owner from v5)."""
    op.create_table(
        table,
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        *columns,
        sa.Column("source_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(f"ix_{table}_owner", table, ["owner"], if_not_exists=True)
    op.create_index(f"ix_{table}_source_key", table, ["source_key"], if_not_exists=True)
    if any(c.name == "peer_id" for c in columns):
        op.create_index(f"ix_{table}_peer_id", table, ["peer_id"], if_not_exists=True)


def _peer_id(nullable: bool = False) -> sa.Column:
    return sa.Column(
        "peer_id",
        sa.String(length=32),
        sa.ForeignKey("peers.id", ondelete="CASCADE"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "peers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("team", sa.String(length=100), nullable=False),
        sa.Column("team_key", sa.String(length=100), nullable=False),
        sa.Column("relates", sa.String(length=200), nullable=False),
        sa.Column("importance", sa.Integer(), nullable=False),
        sa.Column("relationship", sa.String(length=20), nullable=False),
        sa.Column("focus", sa.Boolean(), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=False),
        sa.Column("tags", sa.String(length=300), nullable=False),
        sa.Column("last_contact", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("owner", "name_key", "team_key", name="uq_peer_identity"),
        if_not_exists=True,
    )
    op.create_index("ix_peers_name_key", "peers", ["name_key"], if_not_exists=True)
    op.create_index("ix_peers_owner", "peers", ["owner"], if_not_exists=True)
    _keyed(
        "interactions",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("note_id", sa.String(length=32), nullable=True),
    )
    op.create_table(
        "interaction_peers",
        sa.Column("interaction_id", sa.String(length=32), nullable=False),
        sa.Column("peer_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["interaction_id"], ["interactions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["peer_id"], ["peers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("interaction_id", "peer_id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_interaction_peers_peer_id", "interaction_peers", ["peer_id"], if_not_exists=True
    )
    _keyed(
        "favours",
        _peer_id(),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
    )
    _keyed(
        "feedback_requests",
        _peer_id(),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("depth", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("draft", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    _keyed(
        "follow_ups",
        _peer_id(nullable=True),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
