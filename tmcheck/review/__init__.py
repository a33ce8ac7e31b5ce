"""Editors' review: decisions about findings kept beside the draft, the terminal and web reviews."""
