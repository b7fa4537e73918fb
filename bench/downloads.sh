#!/usr/bin/env bash
# What the open-data downloads cost (issues 12 and 22): full builds of the
# same corpus with `[open_data] downloads = true` (the default) and
# `false`, alternating, the ratio of the median wall times, and the bytes
# the downloads take beside the pages (issue 22: at most as many).
#
#   bench/downloads.sh [N]        default: 10000
#
# Environment: RUNS=3 (runs per setting), SEED=1, BENCH_DIR, KEEP=1, as in
# bench/run.sh; FINDINGS=1 for the findings-heavy corpus (corpus
# --findings); GONGKAI=PATH to time that binary instead of building
# target/release/gongkai (to compare two commits on one corpus). The
# Markdown report goes to stdout; progress to stderr.
set -Eeuo pipefail
export LC_ALL=C

n=${1:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
KEEP=${KEEP:-0}
FINDINGS=${FINDINGS:-0}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench: not a project count: $n" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench: RUNS must be a positive integer" >&2; exit 2; }
[[ $FINDINGS =~ ^[01]$ ]] || { echo "bench: FINDINGS must be 0 or 1" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (apt-get install -y time)" >&2; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
if [ -n "${BENCH_DIR:-}" ]; then work=$BENCH_DIR; mkdir -p "$work"
else work=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-downloads.XXXXXX"); fi
cleanup() { if [ "$KEEP" = 1 ]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT

corpus_flags=()
corpus_kind=""
if [ "$FINDINGS" = 1 ]; then corpus_flags=(--findings); corpus_kind=", findings-heavy (\`--findings\`)"; fi
gongkai=${GONGKAI:-$target/release/gongkai}
if [ -n "${GONGKAI:-}" ]; then
  echo "bench: building the corpus generator (release); timing $GONGKAI" >&2
  (cd "$repo" && cargo build --release --quiet --example corpus) >&2
else
  echo "bench: building gongkai and the corpus generator (release)" >&2
  (cd "$repo" && cargo build --release --quiet --bin gongkai --example corpus) >&2
fi

"$target/release/examples/corpus" --projects "$n" --seed "$SEED" "${corpus_flags[@]}" --out "$work/on" --force >&2
rm -rf "$work/off"
cp -r "$work/on" "$work/off"
printf '\n[open_data]\ndownloads = false\n' >>"$work/off/site.toml"

# run SETTING I: one build into a new directory (outputs are only deleted
# at exit; see bench/README.md on journal-less ext4). Prints "wall user sys".
run() {
  local t0 t1
  sync
  t0=$EPOCHREALTIME
  /usr/bin/time -o "$work/$1-$2.time" -f '%U %S' \
    "$gongkai" build --root "$work/$1" -o "$work/out-$1-$2" \
    >"$work/$1-$2.out" 2>"$work/$1-$2.err" \
    || { echo "bench: build failed ($1):" >&2; cat "$work/$1-$2.err" >&2; exit 1; }
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" -v f="$work/$1-$2.time" \
    'BEGIN { getline t < f; split(t, u, " "); printf "%.3f %.2f %.2f\n", b - a, u[1], u[2] }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# bytes DIR FIND-ARGS…: the apparent size of the files matched, in bytes.
bytes() { local dir=$1; shift; find "$dir" -type f "$@" -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
is_download=(\( -name '*.csv' -o -name '*.xlsx' -o -name '*.zip' -o -name '*.json' \))

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -a on_w on_u on_s off_w off_u off_s
for ((r = 1; r <= RUNS; r++)); do
  echo "bench: run $r/$RUNS" >&2
  read -r w u s < <(run off "$r"); off_w+=("$w"); off_u+=("$u"); off_s+=("$s")
  read -r w u s < <(run on "$r"); on_w+=("$w"); on_u+=("$u"); on_s+=("$s")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
files_on=$(find "$work/out-on-1" -type f | wc -l)
files_off=$(find "$work/out-off-1" -type f | wc -l)
mib_on=$(du -sm "$work/out-on-1" | cut -f1)
mib_off=$(du -sm "$work/out-off-1" | cut -f1)
# The built site's downloads (every CSV, workbook, zip and JSON file) and
# its pages (everything else: HTML, the search index, the style sheet).
down_bytes=$(bytes "$work/out-on-1" "${is_download[@]}")
page_bytes=$(bytes "$work/out-on-1" -not "${is_download[@]}")

w_on=$(median "${on_w[@]}"); w_off=$(median "${off_w[@]}")
echo "## Download cost, $n projects"
echo
echo "- Machine: $(nproc) CPU(s), load average $load_before before, $load_after after"
echo "- gongkai: ${GONGKAI:-commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')}; seed $SEED$corpus_kind; $RUNS alternating runs; medians"
echo
echo "| downloads | wall (s) | user (s) | sys (s) | files | MiB | wall of each run |"
echo "|---|---:|---:|---:|---:|---:|---|"
echo "| false | $w_off | $(median "${off_u[@]}") | $(median "${off_s[@]}") | $files_off | $mib_off | ${off_w[*]} |"
echo "| true | $w_on | $(median "${on_u[@]}") | $(median "${on_s[@]}") | $files_on | $mib_on | ${on_w[*]} |"
echo
awk -v a="$w_on" -v b="$w_off" 'BEGIN { printf "Wall-time ratio, downloads on / off: %.2f (issue 12: at most 1.20)\n", a / b }'
echo
awk -v d="$down_bytes" -v p="$page_bytes" 'BEGIN {
  printf "Bytes with downloads on: pages %.1f MB, downloads %.1f MB; downloads / pages: %.2f (issue 22: at most 1)\n", p / 1e6, d / 1e6, d / p }'
echo
echo "| download files | files | MB |"
echo "|---|---:|---:|"
for pattern in '*.xlsx' '*.csv' '*.json' '*.zip'; do
  echo "| \`$pattern\` | $(find "$work/out-on-1" -type f -name "$pattern" | wc -l) | $(bytes "$work/out-on-1" -name "$pattern" | awk '{ printf "%.1f", $1 / 1e6 }') |"
done
