#!/usr/bin/env bash
# Throughput benchmark of the release binary on fixed inputs.
#   scripts/bench.sh [TXT_DIR] [PDF_DIR] [RUNS]
# Defaults: ../shared/cuad-dev/txt, ../shared/cuad-dev/pdf, 5 runs.
# Prints, for --jobs 1 and --jobs 2, the median wall time over RUNS runs,
# MB/s (text) or pages/s (PDF), and the peak RSS of the whole run (main
# process; PDF workers are separate processes, measured via their max).
# Numbers from one machine are comparable only within one run of this script.
set -euo pipefail
cd "$(dirname "$0")/.."
TXT=${1:-../shared/cuad-dev/txt}
PDF=${2:-../shared/cuad-dev/pdf}
RUNS=${3:-5}
cargo build --release --quiet
cargo build --release --quiet --example pdf_baseline
BIN=./target/release/licscan
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

bench() { # label dir jobs unit
  local label=$1 dir=$2 jobs=$3 unit=$4 times=() rss=() out
  local bytes pages
  for _ in $(seq "$RUNS"); do
    out=$( { $TIME -f '%e %M' $BIN extract --quiet --jobs "$jobs" "$dir" > /tmp/licscan-bench.jsonl; } 2>&1 | tail -1 || true)
    times+=("${out% *}"); rss+=("${out#* }")
  done
  bytes=$(python3 -c 'import json,sys; print(sum(json.loads(l)["document"]["bytes"] for l in open("/tmp/licscan-bench.jsonl")))')
  pages=$(python3 -c 'import json,sys; print(sum(json.loads(l)["document"]["pages"] for l in open("/tmp/licscan-bench.jsonl")))')
  errors=$(grep -c '"status":"error"' /tmp/licscan-bench.jsonl || true)
  local t; t=$(printf '%s\n' "${times[@]}" | median)
  local m; m=$(printf '%s\n' "${rss[@]}" | sort -g | tail -1)
  if [ "$unit" = MB ]; then
    printf '%-5s jobs=%s  median %6.2f s  %8.1f MB/s   peak RSS %6.1f MB  (%s runs: %s)  errors %s\n' \
      "$label" "$jobs" "$t" "$(echo "$bytes / 1000000 / $t" | bc -l)" "$(echo "$m / 1024" | bc -l)" "$RUNS" "${times[*]}" "$errors"
  else
    printf '%-5s jobs=%s  median %6.2f s  %8.1f pages/s  peak RSS %6.1f MB  (%s runs: %s)  pages %s  errors %s\n' \
      "$label" "$jobs" "$t" "$(echo "$pages / $t" | bc -l)" "$(echo "$m / 1024" | bc -l)" "$RUNS" "${times[*]}" "$pages" "$errors"
  fi
}

echo "licscan $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(nproc) cores, $(date -u +%F)"
bench text "$TXT" 1 MB
bench text "$TXT" 2 MB
if [ -d "$PDF" ]; then
  bench pdf "$PDF" 1 pages
  bench pdf "$PDF" 2 pages
  # pdf-extract alone, in one process, page by page: what the PDF runs are compared with
  base=()
  for _ in $(seq "$RUNS"); do
    base+=("$(./target/release/examples/pdf_baseline "$PDF" | awk '{print $(NF-3)}')")
  done
  printf 'pdf-extract alone (in-process, one core): median %.2f s  (%s runs: %s)\n' "$(printf '%s\n' "${base[@]}" | median)" "$RUNS" "${base[*]}"
fi
