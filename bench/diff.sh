#!/usr/bin/env bash
# Time `gongkai diff A B` on two versions (folders) of a generated site.
#
#   bench/diff.sh [N]            default N=10000 projects
#
# Environment:
#   RUNS=5         timed runs (the median and every run are printed)
#   SEED=1         corpus seed
#   EDITS=50       projects edited in B (amount, one target, one goal);
#                  one more project is deleted and one added
#   GONGKAI=PATH   time this binary instead of building target/release/gongkai
#   KEEP=1         keep the work directory
#
# The goal (issue 25): under 1 s wall time for N=10000. Both sides are
# loaded, parsed in parallel and checked, and the report is rendered;
# the report goes to /dev/null.
set -Eeuo pipefail
export LC_ALL=C.UTF-8

n=${1:-10000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
EDITS=${EDITS:-50}
KEEP=${KEEP:-0}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench: not a project count: $n" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
gongkai=${GONGKAI:-$target/release/gongkai}
corpus=$target/release/examples/corpus

log() { printf '%s\n' "$*" >&2; }
if [ -z "${GONGKAI:-}" ]; then
  log "bench: building gongkai and the corpus generator (release)"
  (cd "$repo" && cargo build --release --quiet --bin gongkai --example corpus) >&2
else
  (cd "$repo" && cargo build --release --quiet --example corpus) >&2
fi

work=$(mktemp -d)
if [ "$KEEP" = 1 ]; then log "bench: work directory $work"; else trap 'rm -rf "$work"' EXIT; fi

log "bench: generating $n projects"
"$corpus" --projects "$n" --seed "$SEED" --out "$work/a" --force >&2
cp -r "$work/a" "$work/b"

# B: edit EDITS projects (amount, the first percentage target, the first
# goal), delete one and add one, as a pull request might.
mapfile -t files < <(cd "$work/b" && find content -name '*.yaml' ! -name '_department.yaml' | sort)
step=$(( ${#files[@]} / (EDITS + 2) ))
[ "$step" -ge 1 ] || step=1
for ((i = 0; i < EDITS && i * step < ${#files[@]}; i++)); do
  f=$work/b/${files[i * step]}
  sed -i -E 's/^amount: "/amount: "1/' "$f"
  sed -i -E '0,/(value: "?[^"]*)90%/s//\195%/' "$f"
  sed -i -E '0,/^  - "/s//  - "修订/' "$f"
done
last=${files[${#files[@]} - 1]}
cp "$work/b/$last" "$work/b/${last%.yaml}-new.yaml"
rm "$work/b/${files[1]}"

times=()
for ((r = 1; r <= RUNS; r++)); do
  start=$(date +%s.%N)
  set +e
  "$gongkai" diff "$work/a" "$work/b" >/dev/null
  code=$?
  set -e
  end=$(date +%s.%N)
  [ "$code" = 1 ] || { log "bench: gongkai diff exited $code (expected 1: changes)"; exit 1; }
  t=$(echo "$end - $start" | bc)
  times+=("$t")
  log "bench: run $r: ${t}s"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
summary=$("$gongkai" diff "$work/a" "$work/b" --format json | grep -E '"(added|removed|changed|substantive|errata)":' | tr -d ' \n')
echo "gongkai diff, $n projects, $EDITS edited + 1 added + 1 removed ($summary), $(nproc) cores: median ${median}s over $RUNS runs (${times[*]})"
