#!/usr/bin/env bash
# Peak memory and wall time of every command on one large graph.
#
#   scripts/memory.sh [GRAPH] [--slow]
#
# GRAPH defaults to target/bench/graph-100000-1000000.json (made by
# scripts/compare.sh, or by scripts/gen_graph.py 100000 1000000 --seed 1).
# Each command runs once as a whole process under GNU time; its output goes
# to a pipe counted by `wc -c` (no disk); files it must write go to
# target/bench/out/ and are counted there. --slow adds `blocs` and `diff 2000 2020` (minutes each
# at 1,000,000 relations). Prints a Markdown table: command, seconds, peak
# resident memory in MiB, bytes written. Not part of the tests.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

graph=target/bench/graph-100000-1000000.json
slow=0
for arg in "$@"; do
  case "$arg" in
    --slow) slow=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) graph=$arg ;;
  esac
done
[ -f "$graph" ] || { echo "no graph at $graph: run scripts/compare.sh first, or give one" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/relgraph
out=target/bench/out
mkdir -p "$out"
hub=$(cat "$graph.hub" 2>/dev/null || echo c0000001)

commands=(
  "validate"
  "stats"
  "entities --format csv"
  "partners $hub --format csv"
  "path $hub c0000500"
  "rank --metric pagerank --top 10"
  "rank --metric degree --top 10"
  "relations --format csv"
  "relations --type war --format csv"
  "timeline --format csv"
  "timeline --from 2000 --to 2005 --format csv"
  "balance --format csv"
  "dot --out $out/memory.dot"
  "export --format graphml --out $out/memory.graphml"
  "export --format csv --out $out/memory-csv"
  "verify --format csv"
)
if [ "$slow" = 1 ]; then
  commands+=("blocs --format csv" "diff 2000 2020 --format csv")
fi

echo "Graph: $graph ($(du -m "$graph" | cut -f1) MB), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| command | time | peak memory | written |"
echo "|---|---|---|---|"
for command in "${commands[@]}"; do
  # shellcheck disable=SC2086 # each command is words on purpose
  written=$( { /usr/bin/time -f '%e %M' -o "$out/time.txt" "$bin" --graph "$graph" $command 2>/dev/null || true; } | wc -c)
  read -r seconds kib <"$out/time.txt"
  if [[ "$command" == *"--out "* ]]; then
    written=$(du -sb "${command##*--out }" | cut -f1)
  fi
  echo "| \`$command\` | $seconds s | $((kib / 1024)) MiB | $written bytes |"
done
rm -rf "$out/memory.dot" "$out/memory.graphml" "$out/memory-csv" "$out/time.txt"
