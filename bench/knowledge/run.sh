#!/usr/bin/env bash
# Knowledge search benchmark: 10 000 generated Danish method descriptions in one
# in-memory index; samplan's search (Danish analysis, facets, snippets) and a raw
# tantivy query on the same index, in the same run, with latency percentiles and the
# ratio. Arguments go to the bench program: --docs N --queries N --seed N.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
cargo run --quiet --release -p knowledge_search --example bench -- "$@"
