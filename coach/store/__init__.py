"""The relational store: tables, schema migrations and owner-scoped queries."""
