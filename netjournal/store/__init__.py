"""The encrypted store: one SQLCipher file per journal, its schema and its models.

Deliberately empty: importing one part (the lock, the errors, a keyed
connection) must not load peewee and the rest, so a command can start deriving
a key while it loads them (``keyed``).
"""
