"""The coach command line."""
