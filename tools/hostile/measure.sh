#!/bin/sh
# Measures the floors of issue 13 (hostile and damaged input) with a
# built dedupe: wall time and peak resident memory (GNU time's %M, in
# KiB) of each run, and output sizes. From the module root:
#
#   sh tools/hostile/measure.sh [DIR]      # inputs written to DIR (default /tmp/hostile-in)
#
# DEDUPE=path measures another build (such as the one before a change).
#
# Last measured 2026-12-05 (README, "Hostile input"), peak RSS by
# default: one 64 MiB document 989 MiB (batch), 1,168 (index add), 969
# (index query); compare of two 16 MB documents 449-464 MiB (main: 1,861,
# 1,862, 1,981 and 3,275 MiB in the same session). compare holds the
# runtime to its pair's estimate, so --max-memory 600MB no longer
# refuses it.
set -u
dir=${1:-/tmp/hostile-in}
exe=${DEDUPE:-/tmp/hostile-dedupe}
if [ -z "${DEDUPE:-}" ]; then go build -o "$exe" ./examples/dedupe || exit 1; fi
[ -f "$dir/bomb.zip" ] || go run ./tools/hostile "$dir" || exit 1
db=$(mktemp -d)

# run LABEL ARGS...: one run, timed; output to $db/out.
run() {
	label=$1; shift
	/usr/bin/time -f "%e %M %x" -o "$db/time" "$exe" "$@" > "$db/out" 2> "$db/err"
	read -r secs kib status <<EOT
$(tail -n 1 "$db/time")
EOT
	printf '%-44s %7.2f s  %6d MiB  exit %s  output %s bytes\n' "$label" "$secs" $((kib / 1024)) "$status" "$(wc -c < "$db/out")"
}

run "batch, one 64 MiB document" --format json "$dir/big.txt"
run "  --max-memory 1536MiB" --format json --max-memory 1536MiB "$dir/big.txt"
run "index add, one 64 MiB document" index add --db "$db/big.db" "$dir/big.txt"
rm -f "$db/big.db"
run "  --max-memory 1536MiB" index add --db "$db/big.db" --max-memory 1536MiB "$dir/big.txt"
run "index query of it, by its own ID" index query --db "$db/big.db" --format json "$dir/big.txt"
run "  --max-memory 1536MiB" index query --db "$db/big.db" --format json --max-memory 1536MiB "$dir/big.txt"
run "compare, two 16 MB documents" compare --format json "$dir/a16.txt" "$dir/b16.txt"
run "  --max-memory 600MB" compare --format json --max-memory 600MB "$dir/a16.txt" "$dir/b16.txt"
for n in 2000 5000 20000; do
	run "batch, $n identical documents" --format json "$dir/copies-$n.zip"
done
run "batch, 2000 identical, text report" "$dir/copies-2000.zip"
run "batch, 256 MiB of line breaks (261 KB zip)" "$dir/blank.zip"
run "batch, 15 GiB zip bomb (97 KB)" --format json "$dir/bomb.zip"
run "index add, the zip bomb" index add --db "$db/bomb.db" "$dir/bomb.zip"
rm -rf "$db"
