#!/bin/sh
# Seeds fuzz/corpus/<target>/ with every fixtures/**/*.xml (not committed:
# fuzz/corpus/ is in fuzz/.gitignore). Run from anywhere; safe to rerun.
# The `options` and `stream_options` targets read their first byte (and
# second, for stream_options) as settings: their seeds get one (two) setting
# byte(s) in front, so the body itself stays a whole fixture.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../fixtures"
for target in parse stream reader options stream_options typed; do
    mkdir -p "$here/corpus/$target"
done
find "$fixtures" -name '*.xml' | sort | while read -r f; do
    name=$(printf '%s' "${f#"$fixtures"/}" | tr '/' '_')
    for target in parse stream reader typed; do
        cp "$f" "$here/corpus/$target/$name"
    done
    # settings bytes: 0x01 = keep whitespace with small limits, 0x00 = auto
    for b in 00 01 2a; do
        { printf "\\$(printf '%03o' "0x$b")"; cat "$f"; } > "$here/corpus/options/$b-$name"
        { printf "\\$(printf '%03o' "0x$b")\\003"; cat "$f"; } > "$here/corpus/stream_options/$b-$name"
    done
done
for target in parse stream reader options stream_options typed; do
    printf '%s: %s files\n' "$target" "$(ls "$here/corpus/$target" | wc -l)"
done
