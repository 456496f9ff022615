"""Reading contacts out of other programs' files: vCard, LinkedIn and generic CSV.

Parsers turn a file into plain ``ImportedContact`` records (no database, no
Qt); ``services.contact_import`` matches them against the journal's people
and writes them.  A file that cannot be read raises ``ImportFileError`` with
a sentence naming the file and, where it applies, the line or card.
"""
