"""tmcheck: a French–English translation-memory and consistency checker for UN documents."""

__version__ = "0.1.0"
