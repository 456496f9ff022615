"""Entry script for the PyInstaller bundle (netjournal.spec): the same entry point as the console script."""

import sys

from netjournal.__main__ import main

sys.exit(main())
