"""Pure computations over the journal: no Qt, no database."""
