#!/usr/bin/env bash
# The cost and the reach of search on a generated corpus (issue 13).
#
#   bench/search.sh [N]        default: 10000 projects
#
# Environment: RUNS=3 (alternating builds per variant), SEED=1,
# CHROMIUM=/usr/bin/chromium. Needs tests/audit/node_modules (npm ci).
#
# Prints, as Markdown:
#   * the median wall and user CPU time and peak RSS of `gongkai build`
#     with `[search] enabled` off and on, pages only and with downloads,
#     and the ratio on/off (the goal: search adds at most 25 %);
#   * the index's size and file count;
#   * for a few queries typed into a project page's header box in headless
#     Chromium over HTTP: the bytes the query loaded (goal: at most 300 KB)
#     and the time from the last keystroke to the results (goal: under
#     300 ms for the first query).
# The corpus and outputs live in a temporary folder, removed at exit.
set -Eeuo pipefail
export LC_ALL=C
N=${1:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
(cd "$repo" && cargo build --release --quiet --bin gongkai --example corpus)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$target/release/examples/corpus" --projects "$N" --seed "$SEED" --out "$work/site" >/dev/null
base=$(cat "$work/site/site.toml")
variant() { # name downloads search
  printf '%s\n[open_data]\ndownloads = %s\n[search]\nenabled = %s\n' "$base" "$2" "$3" >"$work/$1.toml"
}
variant pages-off false false
variant pages-on false true
variant full-off true false
variant full-on true true
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A wall user rss
for run in $(seq "$RUNS"); do
  for v in pages-off pages-on full-off full-on; do
    cp "$work/$v.toml" "$work/site/site.toml"
    rm -rf "$work/out-$v"
    /usr/bin/time -f '%e %U %M' -o "$work/time" "$target/release/gongkai" build --root "$work/site" -o "$work/out-$v" >/dev/null 2>&1
    read -r w u m <"$work/time"
    wall[$v]+="$w "; user[$v]+="$u "; rss[$v]+="$m "
  done
done
stat() { tr ' ' '\n' <<<"${1% }" | median; }
echo "## Search on $N projects ($RUNS alternating runs, $(nproc) cores)"
echo
echo "| build | wall s | user s | peak RSS MiB |"
echo "|---|---|---|---|"
for v in pages-off pages-on full-off full-on; do
  printf '| %s | %s | %s | %.0f |\n' "$v" "$(stat "${wall[$v]}")" "$(stat "${user[$v]}")" "$(echo "$(stat "${rss[$v]}") / 1024" | bc -l)"
done
ratio() { echo "scale=3; $(stat "${wall[$1]}") / $(stat "${wall[$2]}")" | bc; }
echo
echo "Search on/off, wall: pages only $(ratio pages-on pages-off), full build $(ratio full-on full-off)."
index_bytes=$(du -cb "$work/out-full-on/search" $(find "$work/out-full-on" -name search.js -path '*/*/*/*/search.js') | tail -1 | cut -f1)
index_files=$(( $(ls "$work/out-full-on/search" | wc -l) + $(find "$work/out-full-on" -mindepth 4 -name search.js | wc -l) ))
echo "Index: $((index_bytes / 1024)) KB in $index_files files (largest shard $(($(ls -S -l "$work/out-full-on/search" | awk 'NR==2 {print $5}') / 1024)) KB)."
echo
node "$repo/tests/audit/search.mjs" --site "$work/out-full-on" --chromium "$CHROMIUM" \
  --bench 农家书屋 非物质文化遗产 旅游宣传 "2023 文化" 满意度 自然灾害救助运行维护经费 \
  | sed 's/^bench: /- /'
