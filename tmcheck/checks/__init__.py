"""The checks, one module per family. A check never prints and never reads files."""
