#!/usr/bin/env bash
# Build a Debian package of the bundle: build/netjournal_VERSION_ARCH.deb.
#
#     build/make_deb.sh            # builds the bundle first if build/dist/netjournal is not there
#     build/make_deb.sh --rebuild  # always rebuild the bundle (and run its self-test)
#
# Layout: the bundle in /opt/netjournal, a launcher /usr/bin/netjournal, and in /usr/share the
# desktop entry, AppStream metainfo, the journal MIME type, hicolor icons and the licences
# (/usr/share/doc/netjournal/copyright). No maintainer scripts: Debian's own triggers refresh the
# desktop, MIME and icon caches when packages add or remove files there.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
bundle=build/dist/netjournal
if [ "${1:-}" = --rebuild ] || [ ! -x "$bundle/netjournal" ]; then
  build/make_bundle.sh
fi
version=$("$python" -c "import netjournal; print(netjournal.__version__)")
arch=$(dpkg --print-architecture)
app_id=org.netjournal.netjournal
root=build/deb/root
deb=build/netjournal_${version}_${arch}.deb

rm -rf "$root"
umask 022
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/metainfo" \
  "$root/usr/share/mime/packages" "$root/usr/share/icons" "$root/usr/share/doc/netjournal"
cp -a "$bundle" "$root/opt/netjournal"
cat >"$root/usr/bin/netjournal" <<'LAUNCHER'
#!/bin/sh
# netjournal is installed in /opt/netjournal (a self-contained bundle).
exec /opt/netjournal/netjournal "$@"
LAUNCHER
chmod 0755 "$root/usr/bin/netjournal"
install -m 0644 "build/desktop/$app_id.desktop" "$root/usr/share/applications/"
install -m 0644 "build/desktop/$app_id.metainfo.xml" "$root/usr/share/metainfo/"
install -m 0644 "build/desktop/$app_id.mime.xml" "$root/usr/share/mime/packages/$app_id.xml"
"$python" build/render_icons.py "$root/usr/share/icons"
install -m 0644 "$bundle/_internal/netjournal/resources/licences.txt" "$root/usr/share/doc/netjournal/copyright"
find "$root" -type d -exec chmod 0755 {} +

installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
# What the bundled Qt needs from the system (the same list as .ci/run's and the README's), and fonts.
cat >"$root/DEBIAN/control" <<CONTROL
Package: netjournal
Version: $version
Architecture: $arch
Maintainer: The netjournal developers <netjournal@localhost>
Installed-Size: $installed_kb
Section: misc
Priority: optional
Depends: libc6 (>= 2.34), libgl1, libegl1, libxkbcommon0, libglib2.0-0, libfontconfig1, fonts-dejavu-core | fonts-dejavu, libdbus-1-3, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0
Recommends: libwayland-client0, libwayland-cursor0, libwayland-egl1
Suggests: gnome-keyring | kwalletmanager
Description: offline, encrypted journal of professional relationships
 netjournal keeps, for each person you know, what actually moved between you:
 the introductions, referrals, advice and support, given and received, with the
 touchpoints in between, the promises still open and your own reflections. It
 shows who is overdue for a word and where value flows mostly one way.
 .
 Everything lives in one SQLCipher-encrypted file under your passphrase; nothing
 is sent anywhere. This package holds a self-contained build (Python, Qt and the
 rest) in /opt/netjournal.
CONTROL

dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "package: $deb, $(du -k "$deb" | cut -f1) KB (installed: $((installed_kb / 1024)) MB)"
