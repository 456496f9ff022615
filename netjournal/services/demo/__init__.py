"""A seeded, deterministic generator of believable journals, for demos and benchmarks.

``populate_demo`` fills an empty journal with fifteen years of people,
exchanges, touchpoints, open loops, reflections and circumstances ending at
``today``.  The same seed and ``today`` always give byte-identical content:
every choice comes from one ``random.Random(seed)`` and every timestamp is
derived from an entry's date, never from the clock.

The rows are written with bulk inserts in one transaction rather than through
the per-entry services (far too slow for 100,000 rows), but they obey every
rule those services validate: introductions name two different people, a
community only on contributions without a person, reciprocation links point
to an opposite-direction exchange of the same day or earlier, nothing is dated
after ``today``.  A few situations are planted on purpose near ``today`` so
that today's reflection prompts have evidence (see
``entries.plant_evidence``).

The generator is split by concept:

- ``builder``: sizes, the order of generation, and the bulk insert;
- ``world``: the state of one run (random stream, calendar, cast, rows);
- ``people``: organisations, people and their circumstances;
- ``details``: the people's contact details (a random stream of their own);
- ``entries``: exchanges, touchpoints, open loops, reflections, reciprocation;
- ``text``: the word lists and templates (``resources/demo_words.json``) and
  the filling of template slots.
"""

from netjournal.services.demo.builder import (
    DEMO_SIZES,
    DEMO_VERSION,
    DemoSize,
    DemoStats,
    create_demo_journal,
    populate_demo,
)

__all__ = ["DEMO_SIZES", "DEMO_VERSION", "DemoSize", "DemoStats", "create_demo_journal", "populate_demo"]
