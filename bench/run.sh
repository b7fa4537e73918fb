#!/usr/bin/env bash
# Benchmark gongkai against Hugo 0.111 and a plain `cp -r` on the same corpus.
#
#   bench/run.sh [N ...]          default: 1000 10000 100000
#
# Environment:
#   RUNS=5            timed runs per tool and N (median is reported)
#   SEED=1            corpus seed
#   TOOLS="gongkai hugo cp"   which tools to time (a subset is fine)
#   HUGO_TIMEOUT=600  seconds before a Hugo run is abandoned (then Hugo is skipped for that N)
#   GONGKAI_TIMEOUT=1800
#   BENCH_DIR=DIR     work directory (default: a new mktemp dir, removed at exit)
#   KEEP=1            keep the work directory (corpora and the rebuild output)
#   FINDINGS=1        findings-heavy corpus (corpus --findings): about 11 `gongkai check`
#                     findings a project, as on real sites; the report's heading says so
#   EVALUATIONS=PCT   a 绩效自评 beside PCT% of the projects (corpus --evaluations;
#                     default 0, the corpus of earlier measurements); with
#                     FINDINGS=1 the report's heading names it
#   DOWNLOADS=0       build without the open-data downloads ([open_data] downloads = false):
#                     the same work as the Hugo peer site, which writes pages only
#   GONGKAI=PATH      time this gongkai binary instead of building target/release/gongkai
#                     (to compare two commits on one corpus)
#
# The Markdown report goes to stdout; progress goes to stderr.
set -Eeuo pipefail
export LC_ALL=C

RUNS=${RUNS:-5}
SEED=${SEED:-1}
TOOLS=${TOOLS:-gongkai hugo cp}
HUGO_TIMEOUT=${HUGO_TIMEOUT:-600}
GONGKAI_TIMEOUT=${GONGKAI_TIMEOUT:-1800}
KEEP=${KEEP:-0}
FINDINGS=${FINDINGS:-0}
DOWNLOADS=${DOWNLOADS:-1}
EVALUATIONS=${EVALUATIONS:-0}

if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 100000); fi
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench: not a project count: $n" >&2; exit 2; }
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench: RUNS must be a positive integer" >&2; exit 2; }
[[ $FINDINGS =~ ^[01]$ ]] || { echo "bench: FINDINGS must be 0 or 1" >&2; exit 2; }
[[ $DOWNLOADS =~ ^[01]$ ]] || { echo "bench: DOWNLOADS must be 0 or 1" >&2; exit 2; }
[[ $EVALUATIONS =~ ^([0-9]|[1-9][0-9]|100)$ ]] || { echo "bench: EVALUATIONS must be 0 to 100" >&2; exit 2; }
corpus_flags=()
report_kind=""
if [ "$FINDINGS" = 1 ]; then corpus_flags=(--findings); report_kind=" (findings-heavy corpus)"; fi
if [ "$EVALUATIONS" != 0 ]; then
  corpus_flags+=(--evaluations "$EVALUATIONS")
  report_kind="$report_kind, 绩效自评 beside $EVALUATIONS% of the projects"
fi
if [ "$DOWNLOADS" = 0 ]; then report_kind="$report_kind, pages only (downloads off)"; fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
gongkai=${GONGKAI:-$target/release/gongkai}
corpus=$target/release/examples/corpus

log() { printf '%s\n' "$*" >&2; }
trap 'log "bench: command failed at line $LINENO: $BASH_COMMAND"' ERR
die() { log "bench: $*"; exit 1; }
wants() { [[ " $TOOLS " == *" $1 "* ]]; }

[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install -y time)"
if wants hugo && ! command -v hugo >/dev/null; then
  die "hugo not found (apt-get install -y hugo), or run with TOOLS='gongkai cp'"
fi

if [ -n "${BENCH_DIR:-}" ]; then
  work=$BENCH_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-bench.XXXXXX")
fi
cleanup() {
  if [ "$KEEP" = 1 ]; then log "bench: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ build
log "bench: building the corpus generator and gongkai (release)"
if ! (cd "$repo" && cargo build --release --quiet --example corpus) >&2; then
  # The generator uses only std: when the crate does not compile, build it alone.
  log "bench: cargo build --example corpus failed; compiling examples/corpus/main.rs with rustc alone"
  mkdir -p "$target/release/examples"
  (cd "$repo" && CARGO_MANIFEST_DIR=$repo rustc --edition 2024 -C opt-level=3 \
    -o "$corpus" examples/corpus/main.rs) >&2 || die "cannot build the corpus generator"
fi
if wants gongkai && [ -z "${GONGKAI:-}" ]; then
  (cd "$repo" && cargo build --release --quiet --bin gongkai) >&2 \
    || die "cargo build --bin gongkai failed"
fi
[ -x "$gongkai" ] || die "not an executable: $gongkai"

# ------------------------------------------------------------------ helpers

# measure NAME CMD...: run CMD under /usr/bin/time with stdout/stderr in
# $work/NAME.{out,err}. Sets $secs (wall clock, ms resolution, from
# $EPOCHREALTIME) and $kib (peak RSS). Returns CMD's exit status.
measure() {
  local name=$1; shift
  local t0 t1 status=0
  # Flush the previous run's writes (and deletions) so they are not billed to this one.
  sync
  t0=$EPOCHREALTIME
  /usr/bin/time -o "$work/$name.time" -f '%e %M' "$@" \
    >"$work/$name.out" 2>"$work/$name.err" || status=$?
  t1=$EPOCHREALTIME
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  kib=$(tail -n 1 "$work/$name.time" | awk '{ print $2 }')
  return "$status"
}

# Median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { if (NR == 0) exit 1; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
maximum() { printf '%s\n' "$@" | sort -g | tail -n 1; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

gongkai_failed() {
  log "bench: gongkai build failed (exit $1): $2"
  log "---- stderr ----"
  cat "$work/$3.err" >&2 || true
  exit 1
}

# gongkai_build NAME OUT: one gongkai build of $site into OUT, measured.
gongkai_build() {
  local status=0
  measure "$1" timeout "$GONGKAI_TIMEOUT" "$gongkai" build --root "$site" -o "$2" || status=$?
  [ "$status" = 0 ] || gongkai_failed "$status" "gongkai build --root $site -o $2" "$1"
}

# ------------------------------------------------------------------ runs
# Every run writes into its own new directory, and nothing is deleted until the
# script exits. On a journal-less ext4 (like the 2-core dev VM), creating files
# soon after deleting many is several times slower: the allocator skips inodes
# freed in the last minute or so. Deleting between runs would bill that to
# whichever tool runs next.
mkdir -p "$work/out"
need_kib=0
for n in "${sizes[@]}"; do need_kib=$((need_kib + n * (RUNS * 28 + 12))); done
free_kib=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
if [ "$free_kib" -lt "$need_kib" ]; then
  log "bench: warning: about $((need_kib / 1048576)) GiB needed in $work, $((free_kib / 1048576)) GiB free"
fi
rows=()
rebuild_rows=()
declare -A gk_median=()

for n in "${sizes[@]}"; do
  site=$work/site-$n
  hsite=$work/hugo-$n
  mkdir -p "$work/out/$n"
  log "bench: N=$n: generating corpus"
  "$corpus" --projects "$n" --seed "$SEED" "${corpus_flags[@]}" --out "$site" --hugo "$hsite" --force >&2 \
    || die "corpus generation failed for N=$n"
  files_in=$(find "$site/content" -type f | wc -l)
  if [ "$DOWNLOADS" = 0 ]; then
    printf '\n[open_data]\ndownloads = false\n' >>"$site/site.toml"
  fi

  g_t=(); g_m=(); h_t=(); h_m=(); c_t=(); c_m=()
  hugo_status=""
  wants hugo || hugo_status="not run"

  for ((r = 1; r <= RUNS; r++)); do
    log "bench: N=$n: run $r/$RUNS"
    if wants gongkai; then
      gongkai_build "gongkai-$n-$r" "$work/out/$n/gongkai-$r"
      g_t+=("$secs"); g_m+=("$kib")
    fi
    if [ -z "$hugo_status" ]; then
      status=0
      measure "hugo-$n-$r" timeout "$HUGO_TIMEOUT" \
        hugo --source "$hsite" --destination "$work/out/$n/hugo-$r" --quiet || status=$?
      if [ "$status" = 0 ]; then
        h_t+=("$secs"); h_m+=("$kib")
      elif [ "$status" = 124 ]; then
        hugo_status="timed out (> ${HUGO_TIMEOUT} s)"
      else
        hugo_status="failed (exit $status)"
        log "bench: hugo failed at N=$n; stderr:"
        tail -n 20 "$work/hugo-$n-$r.err" >&2 || true
      fi
      if [ -n "$hugo_status" ]; then
        log "bench: N=$n: hugo $hugo_status; skipping Hugo for this N"
        h_t=(); h_m=()
      fi
    fi
    if wants cp; then
      measure "cp-$n-$r" cp -r "$site/content" "$work/out/$n/cp-$r" || die "cp -r failed"
      c_t+=("$secs"); c_m+=("$kib")
    fi
  done

  g_s=–; g_mib=–; h_s=–; h_mib=–; c_s=–; c_mib=–; gh=–; gc=–
  if [ ${#g_t[@]} -gt 0 ]; then
    g_s=$(median "${g_t[@]}"); g_mib=$(mib "$(maximum "${g_m[@]}")")
    gk_median[$n]=$g_s
  fi
  if [ ${#h_t[@]} -gt 0 ]; then
    h_s=$(median "${h_t[@]}"); h_mib=$(mib "$(maximum "${h_m[@]}")")
  elif [ -n "$hugo_status" ]; then
    h_s="skipped: $hugo_status"
  fi
  if [ ${#c_t[@]} -gt 0 ]; then
    c_s=$(median "${c_t[@]}"); c_mib=$(mib "$(maximum "${c_m[@]}")")
  fi
  if [ ${#g_t[@]} -gt 0 ] && [ ${#h_t[@]} -gt 0 ]; then gh=$(ratio "$g_s" "$h_s"); fi
  if [ ${#g_t[@]} -gt 0 ] && [ ${#c_t[@]} -gt 0 ]; then gc=$(ratio "$g_s" "$c_s"); fi
  rows+=("| $(thousands "$n") | $(thousands "$files_in") | $g_s | $h_s | $c_s | $gh | $gc | $g_mib | $h_mib | $c_mib |")

  # No-change and one-project rebuilds into the same output directory.
  if wants gongkai; then
    log "bench: N=$n: rebuild checks"
    out=$work/out/$n/rebuild
    gongkai_build "rebuild0-$n" "$out"
    files_out=$(find "$out" -type f | wc -l)
    # The marker is older than anything written after the sleep, even with
    # coarse filesystem timestamps.
    touch "$work/marker"; sleep 1
    gongkai_build "rebuild1-$n" "$out"
    same_s=$secs; same_mib=$(mib "$kib")
    same_changed=$(find "$out" -type f -newer "$work/marker" | wc -l)

    # Rename one project: its page, its department page and the home page
    # should be the only files rewritten.
    # (awk, not head: with pipefail, head closing the pipe early fails the script.)
    project=$(find "$site/content" -name 'p*.yaml' | sort | awk 'NR == 1')
    sed -i 's/^name: "\(.*\)"$/name: "\1（修订）"/' "$project"
    touch "$work/marker"; sleep 1
    gongkai_build "rebuild2-$n" "$out"
    edit_s=$secs
    edit_changed=$(find "$out" -type f -newer "$work/marker" | wc -l)
    rebuild_rows+=("| $(thousands "$n") | $(thousands "$files_out") | $same_s | $same_changed | $same_mib | $edit_s | $edit_changed |")
  fi
done

# ------------------------------------------------------------------ report
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "no commit")
if [ -n "$(git -C "$repo" status --porcelain 2>/dev/null)" ]; then commit="$commit (uncommitted changes)"; fi
[ -n "${GONGKAI:-}" ] && commit="$GONGKAI (not built from this checkout)"
hugo_v=$(command -v hugo >/dev/null && hugo version 2>/dev/null | awk 'NR == 1' || echo "not installed")

echo "## gongkai benchmark$report_kind"
echo
echo "- Machine: $(nproc) CPU(s), ${cpu:-unknown CPU}, $mem RAM, $(uname -sr)"
echo "- gongkai: commit $commit"
echo "- Hugo: $hugo_v"
repro_env=""; corpus_note=""
if [ "$FINDINGS" = 1 ]; then
  repro_env="FINDINGS=1 "
  corpus_note=", findings-heavy (\`--findings\`: about 11 \`gongkai check\` findings a project)"
fi
echo "- Corpus: \`examples/corpus/main.rs\`, seed $SEED$corpus_note; $RUNS alternating runs per tool; medians of wall time; peak RSS is the largest over the runs"
[ "$DOWNLOADS" = 0 ] && repro_env="${repro_env}DOWNLOADS=0 "
[ "$EVALUATIONS" != 0 ] && repro_env="${repro_env}EVALUATIONS=$EVALUATIONS "
echo "- Reproduce: \`${repro_env}RUNS=$RUNS SEED=$SEED bench/run.sh ${sizes[*]}\`"
echo
echo "### Full build into an empty directory"
echo
echo "| N projects | input files | gongkai (s) | Hugo (s) | \`cp -r\` (s) | gongkai/Hugo | gongkai/cp | gongkai peak RSS (MiB) | Hugo peak RSS (MiB) | cp peak RSS (MiB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
small=""; large=""
small=${gk_median[10000]:-}
large=${gk_median[100000]:-}
if [ -n "$small" ] && [ -n "$large" ]; then
  echo
  echo "gongkai build time, 10,000 → 100,000 projects: ×$(ratio "$large" "$small") (linear is ×10)."
fi
if [ ${#rebuild_rows[@]} -gt 0 ]; then
  echo
  echo "### gongkai rebuild into the same directory"
  echo
  echo "| N projects | output files | no-change rebuild (s) | files rewritten (target 0) | no-change peak RSS (MiB) | one-project rename rebuild (s) | files rewritten |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rebuild_rows[@]}"
fi
