#!/usr/bin/env bash
# Speed and memory on large synthetic graphs (not part of the tests).
#
#   scripts/bench.sh [RELATIONS]      default 1000000 (100,000 entities)
#
# Generates the graph once with ../shared/tools/gen_graph.py (seed 1) into
# target/bench/, builds the release binary, then reports for each command the
# wall time (hyperfine, 5 runs, when installed) and the peak memory (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."

relations=${1:-1000000}
entities=$(( relations / 10 ))
graph="target/bench/graph-${entities}-${relations}.json"
generator="../shared/tools/gen_graph.py"

mkdir -p target/bench
if [ ! -f "$graph" ]; then
  python3 "$generator" --entities "$entities" --relations "$relations" --seed 1 --out "$graph"
fi
cargo build --release --quiet
bin=target/release/relgraph
echo "graph: $graph ($(du -h "$graph" | cut -f1), $relations relations, $entities entities)"

commands=(
  "validate"
  "partners c0000000 --format json"
  "dot --ego c0000042"
  "relations --involving c0000007 --format csv"
)
for command in "${commands[@]}"; do
  echo
  echo "== relgraph $command"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 5 --output=null "$bin --graph $graph $command" | grep -E "Time|Range"
  fi
  # shellcheck disable=SC2086
  /usr/bin/time -f "   wall %e s, peak memory %M KB" "$bin" --graph "$graph" $command >/dev/null
done
