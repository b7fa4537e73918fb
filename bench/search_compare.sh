#!/usr/bin/env bash
# Compare Pagefind with gongkai's own search index on the same built pages
# (issue 13): recall on the search fixture, index size, query payload and
# time, build cost and file:// behaviour.
#
#   bench/search_compare.sh [N]     N = projects in the large corpus (default 10000, 0 = skip)
#
# Environment:
#   PAGEFIND=pagefind    a Pagefind 1.6+ CLI built with the `extended` feature
#   GONGKAI=, CORPUS=    the gongkai binary and the corpus example (default:
#                        target/release/, built with cargo when missing)
#   CHROMIUM=/usr/bin/chromium
#   RUNS=3               timed builds per engine on the portal fixture (median)
#   BIG_RUNS=2           timed builds per engine on the large corpus (median)
#   TERMS="康复 残联 维权 助学 防火 养老"   terms whose every result is checked on the corpus
#   KEEP=1               keep the work directory
#
# Two Pagefind bundles are built over each site:
#   pagefind       as-is: the theme has no data-pagefind-* attributes, so
#                  Pagefind indexes the <body> of every page (year,
#                  department and home pages included) and has no filters;
#   pagefind-main  tuned: a copy of the site where each project page's
#                  <main> carries data-pagefind-body and two inline filters
#                  (year, department), i.e. what a theme written for
#                  Pagefind would emit. Only project pages are indexed.
# The Markdown report goes to stdout; progress goes to stderr.
set -Eeuo pipefail
export LC_ALL=C.UTF-8

N=${1:-10000}
RUNS=${RUNS:-3}
BIG_RUNS=${BIG_RUNS:-2}
KEEP=${KEEP:-0}
TERMS=${TERMS:-康复 残联 维权 助学 防火 养老}
PAGEFIND=${PAGEFIND:-pagefind}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
NICE=(nice -n 10)

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
GONGKAI=${GONGKAI:-$target/release/gongkai}
CORPUS=${CORPUS:-$target/release/examples/corpus}

log() { printf '%s\n' "$*" >&2; }
die() { log "search_compare: $*"; exit 1; }
trap 'log "search_compare: command failed at line $LINENO: $BASH_COMMAND"' ERR

command -v "$PAGEFIND" >/dev/null || die "no Pagefind CLI (set PAGEFIND=/path/to/pagefind)"
"$PAGEFIND" --version >&2
[ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install -y time)"
[ -d "$repo/tests/audit/node_modules/playwright-core" ] || die "run npm ci in tests/audit first"
if [ ! -x "$GONGKAI" ] || { [ "$N" != 0 ] && [ ! -x "$CORPUS" ]; }; then
  log "search_compare: building gongkai and the corpus example (release)"
  (cd "$repo" && "${NICE[@]}" cargo build --release --quiet --bin gongkai --example corpus) >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/search-compare.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then log "search_compare: kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

# Wall time and CPU time (user + system, all threads) of a command, in
# seconds, as `WALL,CPU`. The CPU time is the steadier figure when other
# work shares the cores: wall time then mostly measures the neighbours.
seconds() {
  sync
  local start=$EPOCHREALTIME
  /usr/bin/time -o "$work/last.time" -f '%U %S' "$@" >/dev/null 2>"$work/last.err" ||
    { cat "$work/last.err" >&2; die "failed: $*"; }
  local end=$EPOCHREALTIME
  awk -v a="$start" -v b="$end" '{ printf "%.3f,%.2f", b - a, $1 + $2 }' "$work/last.time"
}
wall() { local v; for v in "$@"; do echo "${v%,*}"; done; }
cpu() { local v; for v in "$@"; do echo "${v#*,}"; done; }
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bytes() { du -sb "$@" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.0f KB", b / 1024 }'; }
files() { find "$@" -type f | wc -l; }

# The portal fixture of tests/testsuite/search.rs: the example site and the
# provinces, years and stress departments in one content/ folder, served
# under /portal/.
portal() {
  local site=$1
  mkdir -p "$site/content"
  { echo 'base_path = "/portal/"'; cat "$repo/site.toml"; } >"$site/site.toml"
  cp -r "$repo/content/." "$site/content/"
  for fixture in provinces years stress; do
    for dir in "$repo/tests/fixtures/$fixture/content/"*; do
      [ "$(basename "$dir")" = pages ] || cp -r "$dir" "$site/content/"
    done
  done
}

# A copy of `site` with search switched off.
search_off() {
  cp -r "$1" "$2"
  printf '\n[search]\nenabled = false\n' >>"$2/site.toml"
}

# The tuned copy of a built site: hard links, with the project pages
# rewritten (perl -i writes new files, so the original stays as it is).
tune() {
  cp -al "$1" "$2"
  rm -rf "$2/pagefind" "$2/pagefind-main"
  find "$2" -regextype posix-extended -regex '.*/[0-9]{4}/[0-9]{6}/[^/]+/index\.html' -print0 |
    xargs -0 perl -pi -e 'my ($y, $d) = $ARGV =~ m{/(\d{4})/(\d{6})/[^/]+/index\.html$};
      s{<main ([^>]*)>}{<main data-pagefind-body $1><span data-pagefind-filter="year:$y" hidden></span><span data-pagefind-filter="department:$d" hidden></span>}'
}

# Builds `site` RUNS times with search on and off, and Pagefind over the
# search-on output RUNS times (as-is) plus once tuned. Prints the figures
# of one site as `key value` lines into $work/NAME.figures.
measure() {
  local name=$1 site=$2 runs=$3
  local on=() off=() pf=() tuned
  search_off "$site" "$site-off"
  for i in $(seq "$runs"); do
    log "search_compare: $name: gongkai build $i/$runs (search on, then off)"
    on+=("$(seconds "${NICE[@]}" "$GONGKAI" build --root "$site" -o "$work/$name-on-$i")")
    off+=("$(seconds "${NICE[@]}" "$GONGKAI" build --root "$site-off" -o "$work/$name-off-$i")")
  done
  local out=$work/$name-on-1
  for i in $(seq "$runs"); do
    log "search_compare: $name: pagefind $i/$runs"
    pf+=("$(seconds "${NICE[@]}" "$PAGEFIND" --site "$out" --keep-index-url --output-path "$work/$name-pf-$i")")
  done
  mv "$work/$name-pf-1" "$out/pagefind"
  log "search_compare: $name: pagefind, tuned"
  tune "$out" "$work/$name-tuned"
  tuned=$(seconds "${NICE[@]}" "$PAGEFIND" --site "$work/$name-tuned" --keep-index-url --output-path "$out/pagefind-main")
  rm -rf "$work/$name-tuned"
  local ui=("$out"/pagefind/pagefind-*ui* "$out"/pagefind/pagefind-highlight.js)
  local texts
  texts=$(find "$out" -name search.js -not -path "$out/static/*" -not -path "$out/search/*")
  {
    echo "runs $runs"
    echo "pages $(find "$out" -name index.html -not -path '*/pagefind*' | wc -l)"
    echo "on $(wall "${on[@]}" | median)"
    echo "off $(wall "${off[@]}" | median)"
    echo "pf $(wall "${pf[@]}" | median)"
    echo "pf_tuned $(wall "$tuned")"
    echo "on_cpu $(cpu "${on[@]}" | median)"
    echo "off_cpu $(cpu "${off[@]}" | median)"
    echo "pf_cpu $(cpu "${pf[@]}" | median)"
    echo "pf_tuned_cpu $(cpu "$tuned")"
    # shellcheck disable=SC2086 # one path per line, no spaces in them
    echo "g_bytes $(bytes "$out/search" $texts)"
    echo "g_files $(($(files "$out/search") + $(echo "$texts" | wc -l)))"
    echo "g_runtime $(bytes "$out/static/search.js")"
    echo "pf_bytes $(bytes "$out/pagefind")"
    echo "pf_ui $(bytes "${ui[@]}")"
    echo "pf_files $(files "$out/pagefind")"
    echo "pft_bytes $(bytes "$out/pagefind-main")"
    echo "pft_files $(files "$out/pagefind-main")"
  } >"$work/$name.figures"
}

fig() { awk -v k="$2" '$1 == k { print $2 }' "$work/$1.figures"; }

report_sizes() {
  local name=$1 label=$2 kind suffix
  echo
  echo "### $label ($(fig "$name" pages) HTML pages)"
  echo
  echo "| | gongkai index | Pagefind as-is | Pagefind tuned |"
  echo "|---|---:|---:|---:|"
  echo "| index on disk | $(kb "$(fig "$name" g_bytes)") + $(kb "$(fig "$name" g_runtime)") search.js | $(kb "$(fig "$name" pf_bytes)") (of which $(kb "$(fig "$name" pf_ui)") optional UI) | $(kb "$(fig "$name" pft_bytes)") |"
  echo "| index files | $(fig "$name" g_files) | $(fig "$name" pf_files) | $(fig "$name" pft_files) |"
  for kind in wall cpu; do
    suffix=
    [ $kind = cpu ] && suffix=_cpu
    awk -v kind=$kind -v on="$(fig "$name" on$suffix)" -v off="$(fig "$name" off$suffix)" \
      -v pf="$(fig "$name" pf$suffix)" -v pft="$(fig "$name" pf_tuned$suffix)" 'BEGIN {
      printf "| build cost, %s time | %+.2f s (build %.2f s with search on, %.2f s off: %+.0f%%) | +%.2f s after the build (+%.0f%%) | +%.2f s after the build (+%.0f%%) |\n",
        kind, on - off, on, off, 100 * (on - off) / off, pf, 100 * pf / off, pft, 100 * pft / off }'
  done
  echo
  echo "Medians of $(fig "$name" runs) runs (tuned Pagefind: one run); CPU time is user + system over all threads; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
}

# ------------------------------------------------------------------ portal
log "search_compare: portal fixture"
portal "$work/portal"
measure portal "$work/portal" "$RUNS"
site=$work/portal-on-1

echo "## Search engines: gongkai's index and Pagefind"
echo
echo "$("$PAGEFIND" --version) (extended), $(basename "$CHROMIUM") $("$CHROMIUM" --version 2>/dev/null | awk '{ print $2 }'), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)."
echo
echo "### Recall: tests/fixtures/search/queries.json on the portal fixture"
echo
node "$repo/bench/search_compare.mjs" recall --site "$site" --queries "$repo/tests/fixtures/search/queries.json" \
  --pagefind pagefind --pagefind pagefind-main
report_sizes portal "Size and build cost: portal fixture"
echo
echo "### One cold query on the portal fixture (bytes after the page has loaded)"
echo
echo "| engine | query | results | requests | bytes | time to 10 results |"
echo "|---|---|---:|---:|---:|---:|"
node "$repo/bench/search_compare.mjs" cold --site "$site" --pagefind pagefind --pagefind pagefind-main 康复 残疾人维权工作经费 | sed 's/^cold //'
echo
echo "### From file://"
echo
echo '```'
node "$repo/bench/search_compare.mjs" file --site "$site" --pagefind pagefind --pagefind pagefind-main
echo '```'

# ------------------------------------------------------------------ corpus
if [ "$N" != 0 ]; then
  log "search_compare: corpus of $N projects"
  "$CORPUS" --projects "$N" --seed 1 --out "$work/big" >&2
  # Only the first build of each kind is needed past this point.
  measure big "$work/big" "$BIG_RUNS"
  for i in $(seq 2 "$BIG_RUNS"); do rm -rf "$work/big-on-$i" "$work/big-off-$i" "$work/big-pf-$i"; done
  for i in $(seq 2 "$RUNS"); do rm -rf "$work/portal-on-$i" "$work/portal-off-$i" "$work/portal-pf-$i"; done
  report_sizes big "Size and build cost: $N projects (corpus seed 1)"
  echo
  echo "### One cold query on $N projects"
  echo
  echo "| engine | query | results | requests | bytes | time to 10 results |"
  echo "|---|---|---:|---:|---:|---:|"
  node "$repo/bench/search_compare.mjs" cold --site "$work/big-on-1" --pagefind pagefind --pagefind pagefind-main \
    康复 培训 自然灾害救助运行维护经费 | sed 's/^cold //'
  echo
  echo "### Every result of two-character terms on $N projects"
  echo
  echo "Expected: the projects whose name, department, goals, indicator names or details contain the term (bench/search_terms.py, the oracle of the recall fixture). Each cell: expected projects found / project pages among the first 3,000 results (all results)."
  echo
  # shellcheck disable=SC2086 # TERMS is a list of words
  python3 "$repo/bench/search_terms.py" "$work/big" $TERMS >"$work/terms.json"
  node "$repo/bench/search_compare.mjs" recall --limit 3000 --site "$work/big-on-1" --queries "$work/terms.json" \
    --pagefind pagefind --pagefind pagefind-main
fi
