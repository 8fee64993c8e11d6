#!/usr/bin/env bash
# relgraph against python-igraph, on the same tasks, as whole processes.
#
#   scripts/compare.sh [--quick]
#
# 1. Generates seeded graphs with scripts/gen_graph.py (seed 1) into
#    target/bench/, reusing them when present: 10,000 entities / 50,000
#    relations ("medium") and 100,000 / 1,000,000 ("large", about 239 MB).
#    --quick uses 1,000 / 5,000 and 10,000 / 100,000 instead.
# 2. Builds relgraph (cargo build --release).
# 3. Creates target/bench/venv and installs python-igraph and networkx from
#    PyPI (reused when present).
# 4. For each task runs relgraph and scripts/compare_reference.py (igraph)
#    five times each, in turn (relgraph, igraph, relgraph, ...), so that a
#    slow moment of a shared machine falls on both, with a pause of a
#    quarter second after each run (see the note at $pause): wall time is the median,
#    memory the largest peak resident set (GNU time %M) of the five; every
#    run's time is listed too. Each run is a whole process: start, read the
#    JSON file, build the graph, compute, print.
#    Tasks: validate, partners, rank pagerank, the same two warm (through
#    --cache, written by one run first, against igraph's cold time), dot
#    (large graph), rank
#    betweenness (medium graph), and relgraph's exports (graphml, gexf, csv,
#    cypher; large graph) against relgraph's own validate.
# 5. Checks that the answers agree where that is cheap (partners relation
#    count, top-10 ids of pagerank and betweenness), and prints the machine,
#    then the whole table in Markdown, ready for the README.
#
# Outputs of the runs go to target/bench/out/ (large ones are deleted after
# their task). Not part of the tests; takes about a quarter of an hour at
# full size.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
quick=0
case "${1:-}" in
  "") ;;
  --quick) quick=1 ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac
if [ "$quick" = 1 ]; then
  medium_size=(1000 5000)
  large_size=(10000 100000)
else
  medium_size=(10000 50000)
  large_size=(100000 1000000)
fi

bench=target/bench
out="$bench/out"
venv="$bench/venv"
bin=target/release/relgraph
reference=scripts/compare_reference.py
runs=5
# Seconds after each run. Short on purpose: this machine hands memory a
# process freed back to its host about 2 s later, and memory a process
# then asks for comes back slowly (measured: a warm partners took 0.14 to
# 0.16 s with this pause, 0.25 to 0.30 s with a pause of 2 s), while a
# relgraph run right after an igraph run took about as long with no pause
# as with one of 2 s (0.72 to 0.74 s against 0.75 to 0.78 s).
pause=0.25
rm -rf "$out" # outputs of an earlier run
mkdir -p "$out"

# --- machine -----------------------------------------------------------------
echo "# relgraph vs python-igraph$([ "$quick" = 1 ] && echo " (--quick)")"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores available"
echo "- memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
load_start=$(cut -d' ' -f1 /proc/loadavg)
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- 1. graphs -----------------------------------------------------------------
# generate ENTITIES RELATIONS: prints the path of the graph, generated if missing.
generate() {
  local path="$bench/graph-$1-$2.json"
  if [ ! -f "$path" ]; then
    python3 scripts/gen_graph.py --entities "$1" --relations "$2" --seed 1 --out "$path.tmp"
    mv "$path.tmp" "$path"
  fi
  echo "$path"
}
medium=$(generate "${medium_size[@]}")
large=$(generate "${large_size[@]}")
tiny=$(generate 1000 5000) # for the NetworkX cross-check only

# --- 2. relgraph ---------------------------------------------------------------
cargo build --release --quiet

# --- 3. Python reference -----------------------------------------------------
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import igraph, networkx' 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check python-igraph networkx
fi
python="$venv/bin/python"

echo "- relgraph: $("$bin" --version), python $("$python" -c 'import sys; print(sys.version.split()[0])')," \
  "python-igraph $("$python" -c 'import igraph; print(igraph.__version__)')," \
  "networkx $("$python" -c 'import networkx; print(networkx.__version__)')"
echo "- graphs (scripts/gen_graph.py --seed 1): large $(basename "$large") ($(du -m "$large" | cut -f1) MB)," \
  "medium $(basename "$medium")"
echo "- each cell: median wall time of $runs runs, largest peak RSS of the $runs (GNU time %M)"
echo

# --- 4. measurements ---------------------------------------------------------
# Each name's wall times (seconds, space-separated), largest peak memory (KB)
# and whether a run failed.
declare -A times_of peak_of failed_of
run_names=()

# run_once NAME COMMAND...: runs COMMAND once, stdout to $out/NAME.stdout,
# stderr to $out/NAME.stderr, and records its wall time and peak memory. If
# $clean is set, that path is deleted first. A failed run marks NAME failed.
run_once() {
  local name=$1
  shift
  local start end kb
  [ -n "${times_of[$name]+set}" ] || run_names+=("$name")
  times_of[$name]+=""
  [ -n "${failed_of[$name]:-}" ] && return 0
  [ -n "${clean:-}" ] && rm -rf "$clean"
  start=$EPOCHREALTIME
  if ! /usr/bin/time -f %M -o "$out/$name.mem" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"; then
    failed_of[$name]=1
    echo "  $name failed: $* (see $out/$name.stderr)" >&2
    tail -n 3 "$out/$name.stderr" | sed 's/^/    /' >&2
    return 0
  fi
  end=$EPOCHREALTIME
  times_of[$name]+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') "
  kb=$(tail -n 1 "$out/$name.mem")
  if ((kb > ${peak_of[$name]:-0})); then peak_of[$name]=$kb; fi
  sleep "$pause"
}

# summarize NAME: sets seconds and mib (median wall time, largest peak
# memory) and ok=1, or ok=0 and "n/a" if a run failed.
summarize() {
  local name=$1
  if [ -n "${failed_of[$name]:-}" ]; then
    ok=0 seconds="n/a" mib="n/a"
    return 0
  fi
  ok=1
  # shellcheck disable=SC2086 # the times are words
  seconds=$(printf '%s\n' ${times_of[$name]} | sort -g | sed -n "$(((runs + 1) / 2))p")
  mib=$(awk -v k="${peak_of[$name]}" 'BEGIN { printf "%.0f", k / 1024 }')
}

# measure NAME COMMAND...: runs COMMAND $runs times, then summarize NAME.
measure() {
  local name=$1 i
  shift
  for ((i = 0; i < runs; i++)); do
    run_once "$name" "$@"
  done
  summarize "$name"
}

rows=()
warnings=()
notes=()
header="| task | relgraph s | relgraph MiB | igraph s | igraph MiB | ratio (relgraph/igraph) | target ratio |"
rule="| --- | ---: | ---: | ---: | ---: | ---: | --- |"
row() {
  rows+=("$1")
  echo "$1"
}

# versus SLUG TASK TARGET -- RELGRAPH... -- REFERENCE...: one row, relgraph
# against igraph. The outputs are left in $out/relgraph-SLUG.stdout and
# $out/igraph-SLUG.stdout; sets r_s, r_mib, r_ok: relgraph's measures.
versus() {
  local slug=$1 task=$2 target=$3
  shift 4
  local relgraph_cmd=() reference_cmd=()
  while [ "$1" != -- ]; do
    relgraph_cmd+=("$1")
    shift
  done
  shift
  reference_cmd=("$@")
  # Turn about, so that both see the same moments of a shared machine.
  local i
  for ((i = 0; i < runs; i++)); do
    run_once "relgraph-$slug" "${relgraph_cmd[@]}"
    run_once "igraph-$slug" "${reference_cmd[@]}"
  done
  summarize "relgraph-$slug"
  r_s=$seconds r_mib=$mib r_ok=$ok
  summarize "igraph-$slug"
  local i_s=$seconds i_mib=$mib i_ok=$ok
  igraph_s=$i_s igraph_ok=$i_ok
  local ratio="n/a (failed)" verdict=""
  if [ "$r_ok" = 1 ] && [ "$i_ok" = 1 ]; then
    ratio=$(awk -v r="$r_s" -v i="$i_s" 'BEGIN { printf "%.3f", (i > 0 ? r / i : 0) }')
    verdict=$(awk -v x="$ratio" -v t="$target" 'BEGIN { print (x <= t ? "met" : "missed") }')
    verdict=": $verdict"
  fi
  row "| $task | $r_s | $r_mib | $i_s | $i_mib | $ratio | ≤ $target$verdict |"
}

# warm SLUG TASK TARGET -- RELGRAPH...: RELGRAPH (a command given --cache)
# run once to write the cache, then measured, against igraph's cold time of
# the row before (igraph_s); its answer must be the cold answer, in
# $out/relgraph-SLUG.stdout.
warm() {
  local slug=$1 task=$2 target=$3
  shift 4
  local cold_s=$igraph_s cold_ok=$igraph_ok
  "$@" >/dev/null 2>&1 || true
  measure "relgraph-$slug-warm" "$@"
  local ratio="n/a (failed)" verdict=""
  if [ "$ok" = 1 ] && [ "$cold_ok" = 1 ]; then
    ratio=$(awk -v r="$seconds" -v i="$cold_s" 'BEGIN { printf "%.3f", (i > 0 ? r / i : 0) }')
    verdict=": $(awk -v x="$ratio" -v t="$target" 'BEGIN { print (x <= t ? "met" : "missed") }')"
  fi
  row "| $task | $seconds | $mib | $cold_s (cold) | — | $ratio | ≤ $target$verdict |"
  if cmp -s "$out/relgraph-$slug-warm.stdout" "$out/relgraph-$slug.stdout"; then
    notes+=("$slug with --cache: the same answer as without, byte for byte")
  else
    warnings+=("$slug with --cache: the answer differs from the answer without it")
  fi
}

# ids_of FILE: the id column of a `rank` table, relgraph's or the reference's.
ids_of() {
  if grep -q '┆' "$1"; then
    awk -F'┆' '/^│/ { gsub(/ /, "", $2); print $2 }' "$1" | tail -n +2
  else
    awk -F'\t' 'NR > 1 { print $2 }' "$1"
  fi
}

# same_top NAME RELGRAPH_OUT REFERENCE_OUT: warns when the top ids differ.
same_top() {
  local a b
  a=$(ids_of "$2" | sort | tr '\n' ' ')
  b=$(ids_of "$3" | sort | tr '\n' ' ')
  if [ -z "$a" ] || [ -z "$b" ]; then
    return 0 # a failed run: already reported
  elif [ "$a" != "$b" ]; then
    warnings+=("$1: top-10 ids differ (relgraph: $(ids_of "$2" | tr '\n' ' '); igraph: $(ids_of "$3" | tr '\n' ' ')); equal scores may be cut differently at the 10th place")
  elif [ "$(ids_of "$2")" != "$(ids_of "$3")" ]; then
    notes+=("$1: same top-10 ids, in another order (equal scores?)")
  else
    notes+=("$1: same top-10 ids in the same order")
  fi
}

# relation_count FILE: relations listed in a `partners --format json` answer.
relation_count() {
  python3 -c 'import json, sys; print(sum(len(p["relations"]) for p in json.load(open(sys.argv[1]))["partners"]))' "$1" 2>/dev/null ||
    echo "?"
}

hub_file="$large.hub"
if [ ! -s "$hub_file" ]; then
  "$python" "$reference" hub "$large" >"$hub_file.tmp"
  mv "$hub_file.tmp" "$hub_file"
fi
hub=$(cat "$hub_file")
# label RELATIONS: 1M, 50k...
label() {
  if (($1 % 1000000 == 0)); then echo "$(($1 / 1000000))M"; else echo "$(($1 / 1000))k"; fi
}
large_label=$(label "${large_size[1]}")
medium_label=$(label "${medium_size[1]}")
echo "biggest hub of $(basename "$large"): $hub"
echo
echo "$header"
echo "$rule"

versus validate "validate, $large_label" 0.15 -- \
  "$bin" --graph "$large" validate -- \
  "$python" "$reference" validate "$large"
validate_s=$r_s validate_mib=$r_mib validate_ok=$r_ok

versus partners "partners $hub --type trade --type alliance, $large_label" 0.10 -- \
  "$bin" --graph "$large" partners "$hub" --type trade --type alliance --format json -- \
  "$python" "$reference" partners "$large" "$hub" trade alliance
partners_igraph_s=$igraph_s partners_igraph_ok=$igraph_ok
r_count=$(relation_count "$out/relgraph-partners.stdout")
i_count=$(relation_count "$out/igraph-partners.stdout")
if [ "$r_count" != "$i_count" ]; then
  warnings+=("partners: relgraph lists $r_count relations of $hub, igraph $i_count")
elif cmp -s "$out/relgraph-partners.stdout" "$out/igraph-partners.stdout"; then
  notes+=("partners: $r_count relations of $hub on both sides, byte-identical JSON")
else
  notes+=("partners: $r_count relations of $hub on both sides (the JSON differs in order or form)")
fi

versus pagerank "rank --metric pagerank --top 10, $large_label" 0.12 -- \
  "$bin" --graph "$large" rank --metric pagerank --top 10 -- \
  "$python" "$reference" pagerank "$large" 10
same_top pagerank "$out/relgraph-pagerank.stdout" "$out/igraph-pagerank.stdout"
pagerank_igraph_s=$igraph_s pagerank_igraph_ok=$igraph_ok

# Warm: through --cache, against igraph's cold time.
cache_dir="$bench/cache"
rm -rf "$cache_dir"
export RELGRAPH_CACHE_DIR="$cache_dir"
igraph_s=$partners_igraph_s igraph_ok=$partners_igraph_ok
warm partners "partners, warm (--cache), $large_label" 0.05 -- \
  "$bin" --cache --graph "$large" partners "$hub" --type trade --type alliance --format json
igraph_s=$pagerank_igraph_s igraph_ok=$pagerank_igraph_ok
warm pagerank "rank --metric pagerank, warm (--cache), $large_label" 0.05 -- \
  "$bin" --cache --graph "$large" rank --metric pagerank --top 10
rm -rf "$cache_dir"

versus dot "dot --out FILE, $large_label" 0.25 -- \
  "$bin" --graph "$large" dot --out "$out/relgraph.dot" -- \
  "$python" "$reference" dot "$large" "$out/igraph.dot"
if [ "$r_ok" = 1 ] && [ "$validate_ok" = 1 ]; then
  extra=$(awk -v d="$r_mib" -v v="$validate_mib" 'BEGIN { printf "%+.0f", d - v }')
  verdict=$(awk -v m="$extra" 'BEGIN { print (m * 1.048576 <= 100 ? "met" : "missed") }')
  notes+=("dot: peak $r_mib MiB, $extra MiB beside validate's (target ≤ +100 MB: $verdict)")
fi
notes+=("dot: relgraph wrote $(du -m "$out/relgraph.dot" 2>/dev/null | cut -f1 || echo '?') MB, igraph $(du -m "$out/igraph.dot" 2>/dev/null | cut -f1 || echo '?') MB (igraph: one edge per relation, ids and labels only)")
rm -f "$out/relgraph.dot" "$out/igraph.dot"

versus betweenness "rank --metric betweenness --top 10, $medium_label" 0.3 -- \
  "$bin" --graph "$medium" rank --metric betweenness --top 10 -- \
  "$python" "$reference" betweenness "$medium" 10
same_top betweenness "$out/relgraph-betweenness.stdout" "$out/igraph-betweenness.stdout"

# NetworkX cross-check of the reference itself (pure Python: small graph only).
"$python" "$reference" networkx-betweenness "$tiny" 10 >"$out/networkx-betweenness.stdout"
"$python" "$reference" betweenness "$tiny" 10 >"$out/igraph-betweenness-tiny.stdout"
if ! cmp -s "$out/networkx-betweenness.stdout" "$out/igraph-betweenness-tiny.stdout"; then
  warnings+=("betweenness on $(basename "$tiny"): igraph's top 10 differs from NetworkX's")
else
  notes+=("betweenness on $(basename "$tiny"): igraph's top 10 equals NetworkX's (ids and scores to 6 decimals)")
fi

# Exports (relgraph only): against relgraph's own validate on the same graph.
for format in graphml gexf csv cypher; do
  target_file="$out/export.$format"
  clean=$target_file
  measure "export-$format" "$bin" --graph "$large" export --format "$format" --out "$target_file"
  clean=""
  rm -rf "$target_file"
  task="export --format $format, $large_label"
  if [ "$ok" = 1 ] && [ "$validate_ok" = 1 ]; then
    times=$(awk -v e="$seconds" -v v="$validate_s" 'BEGIN { printf "%.2f", e / v }')
    extra=$(awk -v e="$mib" -v v="$validate_mib" 'BEGIN { printf "%+.0f", e - v }')
    verdict=$(awk -v t="$times" -v m="$extra" 'BEGIN { print (t <= 1.5 && m * 1.048576 <= 100 ? "met" : "missed") }')
    row "| $task | $seconds | $mib | — | — | ${times}× validate, $extra MiB | ≤ 1.5× validate, ≤ +100 MB: $verdict |"
  else
    row "| $task | n/a (failed) | n/a (failed) | — | — | n/a (failed) | ≤ 1.5× validate, ≤ +100 MB |"
  fi
done

# --- 5. the table --------------------------------------------------------------
echo
if [ "${#warnings[@]}" -gt 0 ]; then
  echo "## Warnings"
  echo
  for w in "${warnings[@]}"; do
    echo "- WARNING: $w"
  done
  echo
fi
echo "## Every run (wall seconds, in the order run)"
echo
for name in "${run_names[@]}"; do
  echo "- $name: ${times_of[$name]:-failed}"
done
echo
echo "## Checks"
echo
for n in "${notes[@]+"${notes[@]}"}"; do
  echo "- $n"
done
echo
echo "## Table"
echo
echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores," \
  "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(date -u '+%Y-%m-%d')." \
  "Large graph: ${large_size[0]} entities / ${large_size[1]} relations; medium: ${medium_size[0]} / ${medium_size[1]}" \
  "(scripts/gen_graph.py --seed 1). Median of $runs runs, whole processes, relgraph's and igraph's taken in turn; igraph is python-igraph" \
  "$("$python" -c 'import igraph; print(igraph.__version__)') reading the JSON file with Python's json module." \
  "Load average at start: $load_start, at end: $(cut -d' ' -f1 /proc/loadavg).$([ "$quick" = 1 ] && echo " --quick: small graphs, where start-up dominates; the targets are for the full size.")"
echo
echo "$header"
echo "$rule"
printf '%s\n' "${rows[@]}"
for w in "${warnings[@]+"${warnings[@]}"}"; do
  echo "| WARNING | $w | | | | | |"
done
