# sqlcipher3's dbapi2 re-exports its compiled module with a star import that a
# type checker cannot read; it mirrors the standard library's sqlite3, whose
# names are re-declared here for the few this project uses.
from sqlite3 import Connection as Connection
from sqlite3 import DatabaseError as DatabaseError
from sqlite3 import Error as Error
from sqlite3 import OperationalError as OperationalError
from sqlite3 import connect as connect
