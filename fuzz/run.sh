#!/bin/sh
# Runs one fuzz target for SECONDS (default 180) on one core, with the
# dictionary, from fuzz/ (libFuzzer's fuzz-0.log lands in fuzz/logs/).
# Usage: fuzz/run.sh TARGET [SECONDS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=$1
seconds=${2:-180}
[ -d "$here/corpus/$target" ] || "$here/seed.sh"
mkdir -p "$here/logs/$target"
cd "$here/logs/$target"
RUSTC_BOOTSTRAP=1 CARGO_BUILD_JOBS=1 cargo fuzz run --fuzz-dir "$here" "$target" "$here/corpus/$target" -- \
    -dict="$here/xml.dict" -max_total_time="$seconds" -jobs=1 -print_final_stats=1
