#!/usr/bin/env bash
# Speed and memory of `relgraph import gdelt` on a synthetic GDELT 2.0
# export (not part of the tests).
#
#   scripts/gdelt_bench.sh [ROWS] [DIR] [--gzip]
#
# ROWS defaults to 10000000 and DIR to /tmp; --gzip also imports the file
# compressed with gzip -1.
#
# Generates ROWS rows with scripts/gdelt_synth.py (seed 1) into DIR (about
# 390 bytes a row: 3.9 GB for 10 million), builds the release binary, imports
# the file under GNU time (wall time and peak memory), then deletes what it
# wrote. The file was just written, so it is read from the page cache.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-10000000}
dir=${2:-/tmp}
gzipped=0
[ "${3:-}" = --gzip ] && gzipped=1
bin=target/release/relgraph
data="$dir/gdelt-synth-$rows.CSV"
out="$dir/gdelt-synth-$rows.json"
trap 'rm -f "$data" "$data.gz" "$out"' EXIT

need_kb=$(( rows * 400 / 1024 * (gzipped + 1) ))
free_kb=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
echo "free space in $dir: $(( free_kb / 1024 )) MB; needed: about $(( need_kb / 1024 )) MB"
if (( free_kb < need_kb )); then
  echo "not enough space in $dir: give another folder, or fewer rows" >&2
  exit 1
fi

cargo build --release --quiet
echo "== generating $rows rows (scripts/gdelt_synth.py, seed 1)"
/usr/bin/time -f "   generated in %e s" python3 scripts/gdelt_synth.py --rows "$rows" --out "$data"
echo "   $(stat -c %s "$data") bytes in $data"

echo
echo "== relgraph import gdelt (plain)"
/usr/bin/time -f "   wall %e s, user %U s, system %S s, peak memory %M KB" \
  "$bin" import gdelt "$data" --out "$out"
echo "   wrote $(stat -c %s "$out") bytes"

if [ "$gzipped" = 1 ]; then
  echo
  echo "== relgraph import gdelt (gzip -1)"
  gzip -1 -c "$data" >"$data.gz"
  echo "   $(stat -c %s "$data.gz") bytes in $data.gz"
  /usr/bin/time -f "   wall %e s, user %U s, system %S s, peak memory %M KB" \
    "$bin" import gdelt "$data.gz" --out "$out"
fi
