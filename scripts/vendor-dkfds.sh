#!/usr/bin/env bash
# Vendors the Danish public design system (npm package `dkfds`) into the server's
# static folder, so that a running samplan needs no npm. Run again to upgrade:
#   scripts/vendor-dkfds.sh [VERSION]
set -euo pipefail
version="${1:-11.2.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/crates/samplan/static/dkfds"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "dkfds@$version" >/dev/null && tar xzf dkfds-*.tgz)
dist="$work/package/dist"
rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js" "$dest/img" "$dest/fonts/IBMPlexSans/complete"
cp "$dist/css/dkfds.min.css" "$dest/css/"
cp "$dist/js/dkfds.min.js" "$dest/js/"
cp "$dist/img/all-svg-icons.svg" "$dest/img/"
# The CSS loads single icons (e.g. the chevron of a select) from img/svg-icons/.
cp -r "$dist/img/svg-icons" "$dest/img/"
# Modern browsers take the woff2 files; the older formats the CSS also lists are left out.
cp -r "$dist/fonts/IBMPlexSans/complete/woff2" "$dest/fonts/IBMPlexSans/complete/"
cp "$dist/LICENSE.md" "$dest/LICENSE.md"
echo "dkfds $version" > "$dest/VERSION"
echo "vendored dkfds $version into ${dest#"$root/"}"
