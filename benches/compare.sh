#!/usr/bin/env bash
# Interleaved wall times (median of N runs) and peak RSS of two reckon builds and of ripgrep with
# one thread and a date regex, on the bench corpus (../shared/tools/make_bench_corpus.sh):
#   benches/compare.sh BASE_BINARY NEW_BINARY [N]
# The machine is shared: compare within one run, not across runs.
B=/tmp/reckon-bench
BASE=$1; NEW=$2; N=${3:-5}
RE='\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? [0-9]{1,2}(, [0-9]{4})?\b'
run() { /usr/bin/time -f '%e %M' "$@" > /dev/null 2>> /tmp/bench.err; tail -1 /tmp/bench.err; }
for target in ${TARGETS:-single/10mb.txt 100mb}; do
  bytes=$(du -sb --apparent-size $B/$target | cut -f1)
  for k in $(seq $N); do
    echo "$target rg $(run rg -j1 -c -e "$RE" -r '' $B/$target)"
    echo "$target base-extract $(run $BASE extract --format json $B/$target)"
    echo "$target new-extract $(run $NEW extract --format json $B/$target)"
    echo "$target base-check $(run $BASE check --isolated --threads 1 --format json $B/$target)"
    echo "$target new-check $(run $NEW check --isolated --threads 1 --format json $B/$target)"
  done | sort | python3 -c "
import sys,statistics,collections
d=collections.defaultdict(list)
for l in sys.stdin:
    t,name,s,m=l.split(); d[name].append((float(s),int(m)))
for name,v in sorted(d.items()):
    med=statistics.median(x[0] for x in v); mem=max(x[1] for x in v)/1024
    print(f'$target {name:14s} median {med:.3f} s  {$bytes/1e6/med:.2f} MB/s  peak {mem:.1f} MiB  (runs: {\" \".join(f\"{x[0]:.2f}\" for x in v)})')
"
done
