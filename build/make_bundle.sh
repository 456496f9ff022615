#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle from netjournal.spec, then run the bundle's own
# --self-test, and say how big it is and how long the build took.
#
#     build/make_bundle.sh              # needs .venv with the build extra: pip install -e ".[build]"
#     PYTHON=/path/to/python build/make_bundle.sh
#
# Output: build/dist/netjournal/ (netjournal, the executable, and _internal/). Exit status 1
# when the build or any self-test check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
dist=build/dist
work=build/pyinstaller
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  echo "make_bundle: PyInstaller is not installed for $python (pip install -e \".[build]\")" >&2
  exit 1
fi
if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null; then
  echo "make_bundle: PyInstaller needs objdump on Linux (apt-get install binutils)" >&2
  exit 1
fi

SECONDS=0
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" netjournal.spec
seconds=$SECONDS

bundle="$dist/netjournal"
megabytes=$(du -sm "$bundle" | cut -f1)
files=$(find "$bundle" -type f | wc -l)
echo "bundle: $bundle, $megabytes MB in $files files, built in $seconds s"

# The self-test works in a temporary folder of its own and never opens the user's journal;
# offscreen, so it needs no display. A script's passphrase has no business here.
echo "self-test of the bundle:"
env -u NETJOURNAL_PASSPHRASE QT_QPA_PLATFORM=offscreen "$bundle/netjournal" --self-test
