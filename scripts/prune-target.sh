#!/usr/bin/env bash
# Keeps a build cache that later runs reuse from growing with every run: removes the
# incremental-compilation state and, of each test or binary executable in
# debug/deps (`name-<16 hex>`), every copy but the newest — earlier builds' copies
# are never run again, and each is over 100 MB. Libraries are left alone, so
# nothing still up to date is rebuilt.
#   scripts/prune-target.sh TARGET_DIR
set -euo pipefail
target="${1:?usage: scripts/prune-target.sh TARGET_DIR}"
rm -rf "$target"/debug/incremental "$target"/release/incremental
deps="$target/debug/deps"
[ -d "$deps" ] || exit 0
find "$deps" -maxdepth 1 -type f -perm -u+x -regextype posix-extended -regex '.*/[A-Za-z0-9_]+-[0-9a-f]{16}' -printf '%T@ %p\n' \
  | sort -rn \
  | awk '{ n = $2; sub(/.*\//, "", n); sub(/-[0-9a-f]+$/, "", n); if (seen[n]++) print $2 }' \
  | xargs -r rm -f
