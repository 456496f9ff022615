"""Every benchmark, printed as tables of figures beside their targets.

    python benchmarks/run.py            # core and window
    python benchmarks/run.py core       # one part

The large demo journal is built once and cached in benchmarks/.cache/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_core
import bench_window
from common import print_table


def main(parts: list[str]) -> int:
    wanted = parts or ["core", "window"]
    if "core" in wanted:
        print_table("Core (large demo journal: 2,000 people, 100,000 exchanges and touchpoints)", bench_core.main())
    if "window" in wanted:
        print_table("Window (large demo journal, offscreen, 3 process runs)", bench_window.main())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
