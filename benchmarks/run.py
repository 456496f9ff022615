"""Every benchmark, printed as tables of figures beside their targets.

    python benchmarks/run.py            # core, overhead, window, import and sync
    python benchmarks/run.py core       # one part (or several: core overhead)

Each part measures its own yardstick (SQLCipher's key derivation at 256,000
iterations) first, and gives every figure in ms and in yardsticks.
The large demo journal is built once and cached in benchmarks/.cache/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_core
import bench_import
import bench_overhead
import bench_sync
import bench_window
from common import print_table

PARTS = {
    "core": bench_core,
    "overhead": bench_overhead,
    "window": bench_window,
    "import": bench_import,
    "sync": bench_sync,
}


def main(parts: list[str]) -> int:
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        print(f"unknown part(s): {', '.join(unknown)}; choose from {', '.join(PARTS)}", file=sys.stderr)
        return 2
    wanted = parts or list(PARTS)
    for name, part in PARTS.items():
        if name in wanted:
            print_table(part.TITLE, *part.main())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
