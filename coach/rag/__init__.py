"""Guidance and notes as retrievable sources: cards, indexing, retrieval and prompt files."""
