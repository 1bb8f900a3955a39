#!/usr/bin/env bash
# Soak run: N documents generated from the corpus in one `licscan extract`
# call. Reports wall time, peak RSS, and checks that the output has N lines,
# each valid JSON, in input order. Run it at two sizes to see that peak RSS
# stays flat instead of growing with the number of documents:
#   scripts/soak.sh 2000 && scripts/soak.sh 20000
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
JOBS=${2:-2}
cargo build --release --quiet
work=$(mktemp -d /tmp/licscan-soak.XXXXXX)
trap 'rm -rf "$work"' EXIT
dir=$work/docs
# each document is a corpus agreement with its number appended, so every file differs
mapfile -t sources < <(ls corpus/*.txt)
for ((i = 0; i < N; i++)); do
  src=${sources[$((i % ${#sources[@]}))]}
  sub=$dir/$((i / 1000))
  [ -d "$sub" ] || mkdir -p "$sub"
  { cat "$src"; printf '\nDocument number %d.\n' "$i"; } > "$sub/doc-$(printf '%06d' "$i").txt"
done
out=$work/records.jsonl
/usr/bin/time -f 'wall %e s, user %U s, peak RSS %M KB' ./target/release/licscan extract --quiet --jobs "$JOBS" -o "$out" "$dir" 2> "$work/time.txt" || true
python3 - "$out" "$N" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
paths = []
with open(path, encoding="utf-8") as f:
    for line in f:
        paths.append(json.loads(line)["document"]["path"])
assert len(paths) == n, f"{len(paths)} records for {n} documents"
assert paths == sorted(paths), "records are not in input order"
print(f"{n} documents -> {len(paths)} valid JSON lines, in input order")
PY
echo "N=$N jobs=$JOBS: $(cat "$work/time.txt")"
