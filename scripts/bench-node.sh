#!/usr/bin/env bash
# The whole-node load figures of issue 6 (BENCHMARKS.md, "Whole node under load"), by the method
# used to measure other implementations on this machine: the node alone on core 0, the generator
# (`loci bench load`) alone on core 1, 3 s of warm-up then 5 s measured per step, a fresh node per
# run, RUNS runs per step. Each run's JSON goes to OUT/<step>-<run>.json (with the node's GC and
# memory figures from its API, --node-api); the last lines print one median row per step.
#
# Steps (STEPS selects some, space-separated; ms-request-, ms-ecm-, mr-ecm- and mr-kernel- take any rate, e.g. mr-ecm-30k):
#   ms-request-50k    map-server, native Map-Requests at 50,000/s, proxy replies (p99 target)
#   ms-request-100k   the same at 100,000/s (loss target)
#   ms-request-125k   above the target, to see the margin
#   ms-ecm-100k       Map-Requests in an ECM at 100,000/s
#   ms-register-50k   Map-Registers, HMAC-SHA-256, all with want-map-notify, at 50,000/s
#   mr-ecm-50k        map-resolver with a warm DDT referral cache (root, map-server and resolver in
#                     the node; the map-server proxy-replies), ECM Map-Requests at 50,000/s
#   mr-kernel-50k     the same with "local_delivery": false: the resolver's hops to the root and the
#                     map-server of its own node go through the loopback interface instead of in-process
#   ms-small-100k     100 registered prefixes, 100,000/s (the base of the 1M comparison)
#   ms-1m-100k        1,000,000 registered prefixes (the dataset's IPv4 table, /16s split into
#                     /24s), 100,000/s
#   ms-gen0-60s       60 s at 50,000/s: the node's Gen0 collections during the run
#
# Usage: RUNS=3 OUT=bench/results/load scripts/bench-node.sh
# Needs taskset (util-linux), python3 (the median table) and the dataset for ms-1m (fetched with npm
# into $LOCI_CACHE or ~/.cache/loci on first use). Takes about 12 minutes for every step x 3.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

runs=${RUNS:-3}
out=${OUT:-bench/results/load}
steps=${STEPS:-ms-request-50k ms-request-100k ms-request-125k ms-ecm-100k ms-register-50k mr-ecm-50k mr-kernel-50k ms-small-100k ms-1m-100k ms-gen0-60s}
api=127.0.0.1:9242
mkdir -p "$out"
work=$(mktemp -d)
node_pid=
cleanup() {
    [[ -n $node_pid ]] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/Loci/Loci.csproj -c Release --nologo -v quiet
loci=(dotnet src/Loci/bin/Release/net10.0/loci.dll)

# One site owning all space, both keys of the generator; the API for --node-api.
cat >"$work/ms.json" <<EOF
{ "map_server": { "bind": ["127.0.0.1:4342"], "eid_space": ["0.0.0.0/0", "::/0"],
    "sites": [ { "name": "bench", "prefixes": ["0.0.0.0/0", "::/0"], "accept_more_specifics": true,
      "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "bench-key" },
                { "key_id": 1, "algorithm": "sha1", "password": "bench-key" } ] } ] },
  "api": "$api" }
EOF

# DDT root (127.0.0.10) delegating 10/8 to the map-server (127.0.0.20); the resolver (127.0.0.30) asks the root.
cat >"$work/mr.json" <<EOF
{ "map_server": { "bind": ["127.0.0.20:4342"], "eid_space": ["10.0.0.0/8"],
    "sites": [ { "name": "bench", "prefixes": ["10.0.0.0/8"], "accept_more_specifics": true,
      "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "bench-key" } ] } ] },
  "ddt": { "bind": ["127.0.0.10:4342"], "authoritative": ["0.0.0.0/0"],
    "delegations": [ { "prefix": "10.0.0.0/8", "kind": "map-server", "rlocs": ["127.0.0.20"] } ] },
  "map_resolver": { "bind": ["127.0.0.30:4342"], "ddt_roots": ["127.0.0.10"], "request_timeout": "1s" },
  "api": "$api" }
EOF

# The same node with in-process delivery between its roles turned off.
sed 's/^{ "map_server"/{ "local_delivery": false, "map_server"/' "$work/mr.json" >"$work/mr-kernel.json"

start_node() {
    taskset -c 0 "${loci[@]}" run --config "$1" --log-level warning &
    node_pid=$!
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/${api%:*}/${api#*:}") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "bench-node: the node did not open its API on $api" >&2
    exit 1
}

stop_node() {
    kill "$node_pid"
    wait "$node_pid" 2>/dev/null || true
    node_pid=
    sleep 1 # let the other core's and the kernel's leftovers settle
}

load() {
    # 3 s of warm-up: both processes' JIT tiering settles in the first seconds, and with 1 s the
    # generator's sender was still preempted for a few ms at the start of the measured phase.
    taskset -c 1 "${loci[@]}" bench load --quiet --warmup 3s --node-api "$api" "$@"
}

ten_k=(--eid-prefix 10.0.0.0/8 --prefix-length 24 --prefixes 10000)

run_step() {
    local step=$1 json=$2
    case $step in
    ms-request-*)
        start_node "$work/ms.json"
        load --target 127.0.0.1 --mode request --rate "${step##*-}" "${ten_k[@]}" --register-first 10000 --key bench-key --json "$json" ;;
    ms-ecm-*)
        start_node "$work/ms.json"
        load --target 127.0.0.1 --mode ecm --rate "${step##*-}" "${ten_k[@]}" --register-first 10000 --key bench-key --json "$json" ;;
    ms-register-50k)
        start_node "$work/ms.json"
        load --target 127.0.0.1 --mode register --rate 50k "${ten_k[@]}" --key bench-key --alg sha256 --notify-fraction 1 --proxy-reply --json "$json" ;;
    mr-ecm-* | mr-kernel-*)
        if [[ $step == mr-kernel-* ]]; then start_node "$work/mr-kernel.json"; else start_node "$work/mr.json"; fi
        # Register the 10,000 prefixes with proxy-reply at the map-server, then ask the resolver;
        # the warm-up fills the referral cache (one DDT walk per prefix).
        load --target 127.0.0.20 --mode register --rate 10k --duration 1s --warmup 0s "${ten_k[@]}" --key bench-key --notify-fraction 0 --proxy-reply --json "$work/mr-register.json" >/dev/null
        load --target 127.0.0.30 --mode ecm --rate "${step##*-}" "${ten_k[@]}" --json "$json" ;;
    ms-small-100k)
        start_node "$work/ms.json"
        load --target 127.0.0.1 --mode request --rate 100k --eid-prefix 10.0.0.0/8 --prefix-length 24 --prefixes 100 --register-first 100 --key bench-key --json "$json" ;;
    ms-1m-100k)
        start_node "$work/ms.json"
        # 1,000,000 registrations at 50,000/s (20 s), then requests over the same prefixes.
        load --target 127.0.0.1 --mode register --rate 50k --duration 20s --warmup 0s --dataset --fragment --prefixes 1000000 --key bench-key --notify-fraction 0 --proxy-reply --json "$work/1m-register.json" >/dev/null
        load --target 127.0.0.1 --mode request --rate 100k --dataset --fragment --prefixes 1000000 --json "$json" ;;
    ms-gen0-60s)
        start_node "$work/ms.json"
        load --target 127.0.0.1 --mode request --rate 50k --duration 60s "${ten_k[@]}" --register-first 10000 --key bench-key --json "$json" ;;
    *)
        echo "bench-node: unknown step $step" >&2
        exit 2 ;;
    esac
    stop_node
}

for step in $steps; do
    for run in $(seq "$runs"); do
        echo "== $step run $run" >&2
        run_step "$step" "$out/$step-$run.json"
    done
done

python3 - "$out" $steps <<'EOF'
import json, statistics, sys, glob, os
out, steps = sys.argv[1], sys.argv[2:]
print("| step | runs | offered /s | answered /s | loss % | p50 µs | p99 µs | p99.9 µs | valid | node Gen0/Gen1/Gen2 | node alloc B/msg | node working set MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|")
for step in steps:
    runs = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(out, f"{step}-*.json")))]
    if not runs:
        continue
    med = lambda f: statistics.median(f(r) for r in runs)
    node = [r.get("node", {}) for r in runs]
    gc = "/".join(str(statistics.median(n.get("gc_collections", {}).get(g, -1) for n in node)) for g in ("gen0", "gen1", "gen2"))
    print(f"| {step} | {len(runs)} | {med(lambda r: r['offered_rate']):,.0f} | {med(lambda r: r['answered_rate']):,.0f} | "
          f"{med(lambda r: r['loss_percent']):.3f} | {med(lambda r: r['latency_us']['p50']):,.1f} | {med(lambda r: r['latency_us']['p99']):,.1f} | "
          f"{med(lambda r: r['latency_us']['p99_9']):,.1f} | {sum(r['valid'] for r in runs)}/{len(runs)} | {gc} | "
          f"{statistics.median(n.get('allocated_bytes_per_message', -1) for n in node):,.1f} | "
          f"{statistics.median(n.get('working_set_bytes', 0) for n in node) / 1e6:,.0f} |")
EOF
