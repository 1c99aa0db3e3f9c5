#!/bin/sh
# Seeds fuzz/corpus/<target>/ with every fixtures/**/*.xml (not committed:
# fuzz/corpus/ is in fuzz/.gitignore). Run from anywhere; safe to rerun.
# The `options` and `stream_options` targets read their first byte (and
# second, for stream_options) as settings, and `http` its first two as the
# status: their seeds get those bytes in front, so the body itself stays a
# whole fixture.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../fixtures"
for target in parse stream reader options stream_options typed http; do
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
    # status bytes: 100 + the big-endian number: 200, 404, 503
    for s in '000 144' '001 060' '001 223'; do
        set -- $s
        { printf "\\$1\\$2"; cat "$f"; } > "$here/corpus/http/$1$2-$name"
    done
done
for target in parse stream reader options stream_options typed http; do
    printf '%s: %s files\n' "$target" "$(ls "$here/corpus/$target" | wc -l)"
done
