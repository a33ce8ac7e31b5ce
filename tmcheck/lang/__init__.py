"""French and English knowledge: dates, ordinals, language detection, normalisation."""
