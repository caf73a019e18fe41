#!/usr/bin/env bash
# How `reckon check` scales with the size of a news tree and the number of
# threads, against ripgrep's one-thread date regex timed in the same run:
#   benches/scale.sh BINARY [ROOT]
# ROOT holds 10mb/ and 100mb/ from ../shared/tools/make_bench_corpus.sh
# (default /tmp/reckon-bench); 1gb/ is made here once, from ten copies of
# 100mb/ under new names (hard links, so it costs no disk). The machine is
# shared: compare the rows of one run, not across runs.
set -euo pipefail
BIN=$1
ROOT=${2:-/tmp/reckon-bench}
RE='\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? [0-9]{1,2}(, [0-9]{4})?\b'
if [ ! -d "$ROOT/1gb" ]; then
    for k in 0 1 2 3 4 5 6 7 8 9; do
        mkdir -p "$ROOT/1gb/copy$k"
        cp -al "$ROOT/100mb/." "$ROOT/1gb/copy$k/"
    done
fi
# One row: what, seconds, MB/s, peak MiB.
row() {
    local label=$1 bytes=$2; shift 2
    local t
    t=$(mktemp)
    /usr/bin/time -o "$t" -f '%e %M' "$@" > /dev/null 2>&1 || true
    python3 - "$label" "$bytes" $(tail -1 "$t") <<'PY'
import sys
label, size, secs, kib = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"{label:28s} {secs:8.2f} s {size / 1e6 / max(secs, 1e-9):8.2f} MB/s {kib / 1024:9.1f} MiB")
PY
    rm -f "$t"
}
for size in 10mb 100mb 1gb; do
    dir="$ROOT/$size"
    bytes=$(find "$dir" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
    files=$(find "$dir" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
    echo "== $size: $files files, $bytes bytes"
    row "$size rg -j1 date regex" "$bytes" rg -j1 -c -e "$RE" -r '' "$dir"
    row "$size check --threads 1" "$bytes" "$BIN" check --isolated --threads 1 --format json "$dir"
    row "$size check --threads 2" "$bytes" "$BIN" check --isolated --threads 2 --format json "$dir"
done
