#!/usr/bin/env bash
# Install the .deb on this machine, use it as a person would, remove it, and check what is left.
#
#     build/test_deb.sh             # builds the package first (build/make_deb.sh --rebuild)
#     build/test_deb.sh PACKAGE.deb # tests that package
#
# Needs root (dpkg -i), and for the window Xvfb, openbox, xdotool and ImageMagick's import:
#     apt-get install xvfb xauth openbox xdotool imagemagick desktop-file-utils appstream
# Steps: dpkg -i; netjournal --version and --self-test from /usr/bin; the installed desktop entry
# and metainfo validated, the MIME type registered; a journal made with the installed command,
# opened from the command line as a file manager would (netjournal FILE) in a real X server, unlocked
# by typing, screenshot (docs/screenshots/installed-window.png); a second launch hands over to the
# window; Ctrl+Q; dpkg --purge; then nothing of the package is left and the user's data is.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ "$(id -u)" -ne 0 ]; then echo "test_deb: needs root (dpkg -i)" >&2; exit 1; fi
if [ $# -ge 1 ]; then deb=$1; else build/make_deb.sh --rebuild; deb=$(ls -t build/netjournal_*.deb | head -1); fi
for tool in Xvfb openbox xdotool import desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || { echo "test_deb: $tool is missing (see the comment at the top)" >&2; exit 1; }
done
if dpkg-query -W netjournal >/dev/null 2>&1; then
  echo "test_deb: netjournal is already installed; remove it first (dpkg --purge netjournal)" >&2
  exit 1
fi

step() { printf '\n== %s\n' "$*"; }
fail() { echo "test_deb: FAILED: $*" >&2; exit 1; }
watched=(/opt /usr/bin /usr/share/applications /usr/share/metainfo /usr/share/mime/packages /usr/share/icons/hicolor /usr/share/doc /etc)
snapshot() { find "${watched[@]}" -xdev 2>/dev/null | grep -v -e '/icon-theme.cache$' -e '/mimeinfo.cache$' | sort; }

scratch=$(mktemp -d /tmp/netjournal-deb-test.XXXXXX)
xvfb_pid="" openbox_pid="" window_pid=""
cleanup() {
  for pid in $window_pid $openbox_pid $xvfb_pid; do kill "$pid" 2>/dev/null || true; done
  dpkg-query -W netjournal >/dev/null 2>&1 && dpkg --purge netjournal >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT
snapshot >"$scratch/before.txt"

# A user of our own: the journal, settings and backups go in this home, as they would in a real one.
export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/runtime"
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME NETJOURNAL_PASSPHRASE QT_QPA_PLATFORM
mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"

step "install: dpkg -i $deb ($(du -k "$deb" | cut -f1) KB)"
dpkg -i "$deb"
echo "files installed: $(dpkg -L netjournal | wc -l); /usr/bin/netjournal -> $(command -v netjournal)"
[ "$(command -v netjournal)" = /usr/bin/netjournal ] || fail "netjournal is not on PATH from /usr/bin"

step "run: netjournal --version"
netjournal --version

step "run: netjournal --self-test"
QT_QPA_PLATFORM=offscreen netjournal --self-test

step "desktop integration as installed"
desktop-file-validate /usr/share/applications/org.netjournal.netjournal.desktop && echo "desktop-file-validate: clean"
appstreamcli validate --no-net /usr/share/metainfo/org.netjournal.netjournal.metainfo.xml
grep -q 'application/x-netjournal:\*\.netjournal' /usr/share/mime/globs2 || fail "*.netjournal is not in the MIME database"
echo "MIME: $(grep 'application/x-netjournal' /usr/share/mime/globs2)"
grep -q 'application/x-netjournal=org.netjournal.netjournal.desktop' /usr/share/applications/mimeinfo.cache \
  || fail "the desktop database does not offer netjournal for journals"
echo "desktop database: journals open with $(grep 'application/x-netjournal' /usr/share/applications/mimeinfo.cache)"

step "a journal made with the installed command"
passphrase="installed package test $(date +%s)"
journal="$HOME/Documents/work.netjournal"
mkdir -p "$HOME/Documents"
NETJOURNAL_PASSPHRASE=$passphrase QT_QPA_PLATFORM=offscreen netjournal demo "$journal" --size small

step "window: netjournal $journal under Xvfb"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$scratch/openbox.log" 2>&1 &
openbox_pid=$!
netjournal "$journal" >"$scratch/window.log" 2>&1 &
window_pid=$!
window=$(xdotool search --sync --limit 1 --name 'netjournal — work.netjournal')
echo "window up: $(xdotool getwindowname "$window")"
xdotool windowactivate --sync "$window" 2>/dev/null || true
xdotool type --delay 5 --window "$window" "$passphrase"
xdotool key --window "$window" Return
for _ in $(seq 300); do
  name=$(xdotool getwindowname "$window")
  [[ "$name" != *"(locked)"* ]] && break
  sleep 0.1
done
[[ "$name" != *"(locked)"* ]] || fail "the journal did not unlock (window: $name)"
echo "unlocked: $name"
sleep 1  # the timeline and charts finish painting; nothing to wait on from outside the process
import -window root "$repo/docs/screenshots/installed-window.png"
echo "screenshot: docs/screenshots/installed-window.png"

step "a second launch goes to the running window"
timeout 30 netjournal "$journal"
echo "second launch exit status: $?"
kill -0 "$window_pid" || fail "the first window went away"

step "quit: Ctrl+Q"
# Through the X server's input (XTEST) to the focused window, as a person's keys arrive.
xdotool search --name 'netjournal — work.netjournal' windowactivate --sync 2>/dev/null || true
xdotool key ctrl+q
for _ in $(seq 100); do kill -0 "$window_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$window_pid" 2>/dev/null; then fail "the window did not quit"; fi
wait "$window_pid" && echo "the window quit, exit status 0"
window_pid=""
[ -s "$scratch/window.log" ] && { echo "window's output:"; cat "$scratch/window.log"; }

step "remove: dpkg --purge netjournal"
dpkg --purge netjournal
snapshot >"$scratch/after.txt"
if ! diff "$scratch/before.txt" "$scratch/after.txt"; then fail "the files above changed between before install and after purge"; fi
echo "left behind in ${watched[*]}: nothing"
for path in /opt/netjournal /usr/bin/netjournal /usr/share/applications/org.netjournal.netjournal.desktop; do
  [ ! -e "$path" ] || fail "$path is still there"
done
! grep -q netjournal /usr/share/mime/globs2 || fail "the MIME type is still registered"
echo "user's data kept:"
(cd "$HOME" && find . -type f | sort)
[ -f "$journal" ] || fail "the user's journal went with the package"
echo
echo "test_deb: passed"
