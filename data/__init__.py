"""Persistence for nurture-tui through sqlite-utils: schema, queries, demo data.

Callers get `core` objects back, never rows; SQL does the set work, `core` decides.
"""
