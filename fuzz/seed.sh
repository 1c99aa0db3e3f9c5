#!/bin/sh
# Seeds fuzz/corpus/<target>/ with every fixtures/**/*.xml, and with those
# fixtures rendered back in every envelope style (not committed:
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
# Rendered bodies: every fixture's expected JSON written back by the CLI's
# `render` in every envelope style (those that can carry it; the others
# refuse, and are skipped) and a few formattings, so that the corpus holds
# every style in every shape the writer knows (SOAP 1.1 and 1.2, prefixes,
# CDATA, CRLF, the 2007 and EC2 forms, item and flattened lists).
cargo build --quiet --features cli --manifest-path "$here/../Cargo.toml"
cli="$here/../target/debug/aws-query-xml"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
find "$fixtures" -name '*.expected.json' ! -name '*.keep.*' ! -name '*.trim.*' | sort |
while read -r f; do
    name=$(printf '%s' "${f#"$fixtures"/}" | tr '/' '_')
    name=${name%.expected.json}
    for style in own action_response error_response response_errors action_error_response soap_fault error exception; do
        v=0
        for variant in "" "--pretty --crlf --declaration" "--cdata --soap 1.2 --namespace urn:x --prefix p" \
            "--form 2007 --arrays flattened --pretty" "--form ec2 --arrays item --soap 1.1"; do
            v=$((v + 1))
            if [ "$style" = own ]; then set -- ; else set -- --style "$style"; fi
            # shellcheck disable=SC2086 # the variant's words are options
            if "$cli" render "$@" $variant "$f" > "$tmp" 2>/dev/null; then
                for target in parse stream reader typed; do
                    cp "$tmp" "$here/corpus/$target/rendered-$style-$v-$name.xml"
                done
            fi
        done
    done
done
for target in parse stream reader options stream_options typed http; do
    printf '%s: %s files\n' "$target" "$(ls "$here/corpus/$target" | wc -l)"
done
