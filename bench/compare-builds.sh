#!/usr/bin/env bash
# A/B of one message-path case between builds: how the "What moved the figures" table in
# bench/README.md was measured. Each build is a compiled tree (a dist/ folder inside the
# project, so that node_modules resolves), e.g. a copy of dist/ made before a change:
#
#   npm run build && cp -r dist dist-before      # then make the change
#   # or a past commit, built into the project (what "<build of X>" in bench/README.md means):
#   git worktree add -f wt-x X && ln -s ../node_modules wt-x/node_modules
#   (cd wt-x && ../node_modules/.bin/tsc -p tsconfig.build.json --outDir ../dist-x) && git worktree remove --force wt-x
#   npm run build && bash bench/compare-builds.sh sqlite 5 dist-before dist
#
# Runs the case (bench/case.js: 50 patients, 264 untimed + 264 timed messages each, as
# `npm run bench` does, 1k stored conversations) N times per build, alternating builds, and
# prints each build's median CPU µs per message (the steadier figure on a shared machine) and
# median msg/s, each with the lowest and highest run. (Until 2026-12-06 the warm-up was 24
# messages; the README's rows measured then say so.)
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?usage: compare-builds.sh sqlite|memory N build [build ...]}
runs=${2:?usage: compare-builds.sh sqlite|memory N build [build ...]}
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
first=$1
node "$first/bench/case.js" "{\"kind\":\"populate\",\"dataDir\":\"$work/stored\",\"count\":1000,\"messages\":4}" >/dev/null
for _ in $(seq "$runs"); do
  for build in "$@"; do
    data="$work/run"
    rm -rf "$data" && mkdir -p "$data"
    [ "$store" = sqlite ] && cp -r "$work/stored/." "$data/"
    node "$build/bench/case.js" "{\"kind\":\"ours\",\"store\":\"$store\",\"dataDir\":\"$data\",\"stored\":1000,\"patients\":50,\"messagesPerPatient\":264,\"warmup\":264}" \
      | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const r=JSON.parse(s);console.log(r.cpuMicrosPerMessage.toFixed(1),Math.round(r.messagesPerSecond))})' \
      >> "$work/$(echo "$build" | tr / _).txt"
  done
done
for build in "$@"; do
  f="$work/$(echo "$build" | tr / _).txt"
  cpu=$(cut -d' ' -f1 "$f" | sort -n | awk '{v[NR]=$1} END {printf "median %s µs CPU/msg (runs %s to %s)", v[int((NR+1)/2)], v[1], v[NR]}')
  rate=$(cut -d' ' -f2 "$f" | sort -n | awk '{v[NR]=$1} END {printf "median %s msg/s (runs %s to %s)", v[int((NR+1)/2)], v[1], v[NR]}')
  echo "$build: $cpu; $rate"
done
