"""Translation memories: a SQLite store of French–English segments, fuzzy and semantic lookups."""
