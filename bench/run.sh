#!/usr/bin/env bash
# Runs every mailflow benchmark in one go on this machine and writes the figures to one folder:
#   1. JMH: line reading, the parser, the classifier and parse + correlate + classify (one thread)
#   2. mailflow parse --summary against pflogsumm on the same generated file, one after the other
#   3. Kafka's own produce + consume rate, the full pipeline (ship -> streams -> stats and alerts),
#      freshness and alert latency, all on one embedded broker in one JVM
# Every result is a "RESULT name value unit" line in results.txt; nothing here asserts a figure.
# Needs JDK 17+, Maven and, for step 2, pflogsumm (Debian: apt-get install pflogsumm).
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/run.sh [options]
  --out DIR            folder for results and logs (default: /tmp/mailflow-bench-<date>)
  --work DIR           folder for generated maillog files (default: /tmp/mailflow-bench-data)
  --summary-mb MB      size of the file for parse --summary and pflogsumm (default: 1024)
  --stream-lines N     lines for the Kafka and pipeline throughput runs (default: 1000000)
  --latency-seconds S  length of each freshness and alert-latency load (default: 120)
  --jmh-warmup N       JMH warm-up iterations of 5 s (default: 3)
  --jmh-iterations N   JMH measured iterations of 5 s (default: 5)
  --skip-build         use the jars already built in app/target and bench/target
  --skip-jmh           leave out step 1
  --skip-summary       leave out step 2
  --skip-streaming     leave out step 3
  --no-profile         leave out the flight-recorder runs that break the time down by stage
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="/tmp/mailflow-bench-$(date -u +%Y%m%dT%H%M%SZ)"
work="/tmp/mailflow-bench-data"
summary_mb=1024
stream_lines=1000000
latency_seconds=120
jmh_warmup=3
jmh_iterations=5
build=1
run_jmh=1
run_summary=1
run_streaming=1
profile=1

while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --summary-mb) summary_mb="$2"; shift 2 ;;
        --stream-lines) stream_lines="$2"; shift 2 ;;
        --latency-seconds) latency_seconds="$2"; shift 2 ;;
        --jmh-warmup) jmh_warmup="$2"; shift 2 ;;
        --jmh-iterations) jmh_iterations="$2"; shift 2 ;;
        --skip-build) build=0; shift ;;
        --skip-jmh) run_jmh=0; shift ;;
        --skip-summary) run_summary=0; shift ;;
        --skip-streaming) run_streaming=0; shift ;;
        --no-profile) profile=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

mkdir -p "$out" "$work"
results="$out/results.txt"
: > "$results"
bench_cp="$root/bench/target/classes:$root/bench/target/lib/*"
app_jar="$root/app/target/mailflow.jar"

log() {
    echo "[$(date -u +%H:%M:%S)] $*" >&2
}

# Records the load average before each step: other work on the machine skews every figure.
record_load() {
    local load
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "LOAD $1 $load" >> "$results"
    log "load average before $1: $load"
}

bench() {
    java -Xmx2g -cp "$bench_cp" io.mailflow.bench.BenchMain "$@"
}

# Runs a command under /usr/bin/time and records wall, CPU and peak memory as results named $1.
timed() {
    local name="$1" stdout_file="$2"
    shift 2
    local timing="$out/$name.time"
    /usr/bin/time -o "$timing" -f "%e %U %S %M" "$@" > "$stdout_file" 2> "$out/$name.stderr"
    read -r wall user sys rss_kb < "$timing"
    {
        echo "RESULT $name.wall $wall s"
        echo "RESULT $name.cpu $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') s"
        echo "RESULT $name.max_rss $((rss_kb / 1024)) MiB"
    } >> "$results"
}

machine_info() {
    {
        echo "MACHINE date $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "MACHINE nproc $(nproc)"
        echo "MACHINE cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
        echo "MACHINE memory $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
        echo "MACHINE java $(java -version 2>&1 | head -1)"
        echo "MACHINE kernel $(uname -r)"
        if command -v pflogsumm > /dev/null; then
            echo "MACHINE pflogsumm $(dpkg-query -W -f '${Version}' pflogsumm 2>/dev/null || echo unknown)"
        fi
        echo "MACHINE commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    } >> "$results"
}

machine_info
log "results go to $out"

if [ "$build" = 1 ]; then
    log "building app and bench (mvn package, tests skipped; log in $out/build.log)"
    # Package only: nothing is installed into the local Maven repository.
    mvn -B -f "$root/pom.xml" -pl app,bench -am -DskipTests package > "$out/build.log" 2>&1
fi

if [ "$run_jmh" = 1 ]; then
    record_load jmh
    log "JMH: ${jmh_warmup} warm-up and ${jmh_iterations} measured iterations of 5 s per benchmark"
    java -cp "$bench_cp" org.openjdk.jmh.Main -f 1 -wi "$jmh_warmup" -w 5s -i "$jmh_iterations" -r 5s \
        -jvmArgs "-Xmx1g" -rf json -rff "$out/jmh.json" 'io.mailflow.bench.jmh' > "$out/jmh.txt" 2>&1
    # JMH's table: Benchmark Mode Cnt Score Error Units.
    awk '$2 == "thrpt" { printf "RESULT jmh.%s %s ops/s\n", $1, $4; printf "RESULT jmh.%s.error %s ops/s\n", $1, $6 }' \
        "$out/jmh.txt" >> "$results"
fi

if [ "$run_summary" = 1 ]; then
    if ! command -v pflogsumm > /dev/null; then
        echo "run.sh: pflogsumm not found; install it (Debian: apt-get install pflogsumm) or pass --skip-summary" >&2
        exit 1
    fi
    # About 165 bytes per generated line.
    summary_lines=$((summary_mb * 1024 * 1024 / 165))
    summary_file="$work/summary-${summary_lines}.log"
    if [ ! -f "$summary_file" ]; then
        log "generating $summary_lines lines (~${summary_mb} MB) into $summary_file"
        bench generate --lines "$summary_lines" --out "$summary_file" > "$out/generate-summary.txt"
    fi
    echo "RESULT summary.file_lines $(wc -l < "$summary_file") lines" >> "$results"
    echo "RESULT summary.file_bytes $(stat -c %s "$summary_file") bytes" >> "$results"
    cat "$summary_file" > /dev/null

    record_load pflogsumm
    log "pflogsumm on $summary_file"
    timed pflogsumm "$out/pflogsumm.out" pflogsumm "$summary_file"

    record_load mailflow_summary
    log "mailflow parse --summary on $summary_file"
    timed mailflow_summary "$out/mailflow-summary.out" java -jar "$app_jar" parse --summary "$summary_file"

    if [ "$profile" = 1 ]; then
        record_load mailflow_summary_profile
        log "mailflow parse --summary again, with the flight recorder, for the stage breakdown"
        java -XX:StartFlightRecording=filename="$out/parse-summary.jfr",settings=profile \
            -jar "$app_jar" parse --summary "$summary_file" > /dev/null 2> "$out/mailflow-summary-profile.stderr"
        bench jfr-summary --name summary.profile "$out/parse-summary.jfr" >> "$results"
    fi
fi

if [ "$run_streaming" = 1 ]; then
    record_load streaming
    log "Kafka baseline, full pipeline, freshness and alert latency on $stream_lines lines"
    bench streaming --lines "$stream_lines" --work "$work/streaming" --app-jar "$app_jar" \
        --latency-seconds "$latency_seconds" $([ "$profile" = 1 ] || echo --no-profile) \
        >> "$results" 2> "$out/streaming.stderr"
    # The child processes' logs stay with the results.
    cp "$work/streaming/"*.log "$out/" 2>/dev/null || true
fi

record_load end
bench report "$results" > "$out/summary.md"
log "done: $out/summary.md"
cat "$out/summary.md"
