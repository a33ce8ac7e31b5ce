"""What a draft says, read once for every rule: its paragraphs analysed (glossary matches, symbols,
dates with their years, sentences), then its facts (meetings, documents, agenda items, bodies and
acronyms), each mention with its span, linked into entities. Checks compare what linked mentions
say; they never read the text for facts on their own."""
