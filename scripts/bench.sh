#!/usr/bin/env bash
# Speed and memory on large synthetic graphs (not part of the tests).
#
#   scripts/bench.sh [RELATIONS]      default 1000000 (100,000 entities)
#
# Generates graphs once with ../shared/tools/gen_graph.py (seed 1) into
# target/bench/, builds the release binary, then reports for each command the
# wall time (hyperfine, 5 runs, when installed) and the peak memory (GNU time):
# loading, queries, PageRank and every export format on RELATIONS relations, and betweenness and
# closeness on 10,000 entities / 50,000 relations, and `report` on 1,000
# entities / 5,000 relations (once).
set -euo pipefail
cd "$(dirname "$0")/.."

relations=${1:-1000000}
generator="../shared/tools/gen_graph.py"
bin=target/release/relgraph

# generate ENTITIES RELATIONS: prints the path of the generated graph.
generate() {
  local path="target/bench/graph-$1-$2.json"
  mkdir -p target/bench
  [ -f "$path" ] || python3 "$generator" --entities "$1" --relations "$2" --seed 1 --out "$path"
  echo "$path"
}

# measure GRAPH COMMAND...: time and peak memory of one relgraph command.
measure() {
  local graph=$1
  shift
  echo
  echo "== relgraph $* ($(basename "$graph"))"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 5 --output=null "$bin --graph $graph $*" | grep -E "Time|Range"
  fi
  /usr/bin/time -f "   wall %e s, peak memory %M KB" "$bin" --graph "$graph" "$@" >/dev/null
}

cargo build --release --quiet
large=$(generate $(( relations / 10 )) "$relations")
medium=$(generate 10000 50000)
echo "graphs: $large ($(du -h "$large" | cut -f1)), $medium"

measure "$large" validate
measure "$large" partners c0000000 --format json
measure "$large" dot --ego c0000042
measure "$large" relations --involving c0000007 --format csv
measure "$large" rank --metric pagerank --top 10
for format in json graphml gexf cypher; do
  measure "$large" export --format "$format" --out "target/bench/export.$format"
done
measure "$large" export --format csv --out target/bench/export-csv
rm -rf target/bench/export.* target/bench/export-csv
measure "$medium" rank --metric betweenness --top 10
measure "$medium" rank --metric closeness --top 10

# The report draws one diagram per entity and per relation type: measured
# once (no hyperfine) on 1,000 entities / 5,000 relations.
reported=$(generate 1000 5000)
echo
echo "== relgraph report ($(basename "$reported")), one run"
/usr/bin/time -f "   wall %e s, peak memory %M KB" \
  "$bin" --graph "$reported" report --out-dir target/bench/report >/dev/null
du -sh target/bench/report | sed 's/^/   folder /'
