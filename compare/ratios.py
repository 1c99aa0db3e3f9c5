#!/usr/bin/env python3
"""Turns criterion's estimates of the last `cargo bench --bench parse` run in
compare/ into the performance tables (markdown): the machine, the date, the
command, and ratios of medians measured in the same run. Writes RESULTS.md
beside this script (or --out) and prints it.

    cd compare && cargo bench --bench parse && python3 ratios.py

Ratios: peer / aws-query-xml (above 1: aws-query-xml is faster); for the
floor, aws-query-xml / quick-xml's bare event loop; for input paths, the
path / the whole buffer.
"""
import argparse
import datetime
import json
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
COMMAND = "cd compare && cargo bench --bench parse && python3 ratios.py --readme"
OURS = "aws-query-xml"
RUN_WINDOW = 3 * 3600  # seconds: a full run takes under an hour on 2 cores


def load(root):
    """{(group, function, value): (median ns, bytes, mtime)} from criterion's output."""
    out = {}
    for bench in root.glob("*/**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = bench.with_name("estimates.json")
        if not est.exists():
            continue
        median = json.loads(est.read_text())["median"]["point_estimate"]
        size = (meta.get("throughput") or {}).get("Bytes")
        key = (meta["group_id"], meta.get("function_id"), meta.get("value_str"))
        out[key] = (median, size, est.stat().st_mtime)
    return out


def machine():
    model, cores = "unknown CPU", 0
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and model == "unknown CPU":
                model = line.split(":", 1)[1].strip()
            if line.startswith("processor"):
                cores += 1
    except OSError:
        pass
    return f"{model}, {cores or os.cpu_count()} cores"


def rustc():
    try:
        return subprocess.run(["rustc", "-V"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def fmt_size(n):
    if n is None:
        return "?"
    if n >= 1 << 20:
        return f"{n / (1 << 20):.2f} MiB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.1f} KiB"
    return f"{n} B"


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "—"


def inputs_of(data, group):
    """The group's inputs, smallest first, with their sizes."""
    sizes = {}
    for (g, _, value), (_, size, _) in data.items():
        if g == group:
            sizes[value] = size or 0
    return sorted(sizes, key=lambda v: (sizes[v], v)), sizes


def median(data, group, function, value):
    hit = data.get((group, function, value))
    return hit[0] if hit else None


def table(data, group, peers, floor=None):
    """One row per input: our median, throughput, then each ratio."""
    names, sizes = inputs_of(data, group)
    head = ["input", "size", f"{OURS} median", "MiB/s"]
    if floor:
        head.append(f"ours ÷ {floor}")
    head += [f"{p} ÷ ours" for p in peers]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in names:
        ours = median(data, group, OURS, name)
        mibs = f"{sizes[name] / (ours / 1e9) / (1 << 20):.0f}" if ours and sizes[name] else "—"
        cells = [f"`{name}`", fmt_size(sizes[name]), fmt_time(ours) if ours else "—", mibs]
        if floor:
            cells.append(ratio(ours, median(data, group, floor, name)))
        cells += [ratio(median(data, group, p, name), ours) for p in peers]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def stream_table(data):
    names, sizes = inputs_of(data, "stream")
    head = ["input", "mode", "whole buffer", "`Bytes` ÷ whole", "8 KiB chunks ÷ whole", "16 KiB chunks ÷ whole"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in names:
        for mode, whole_path in (("envelope", "`Options::parse`, `skip_result(true)`"), ("typed", "`from_slice`")):
            whole = median(data, "stream", f"{mode}-whole", name)
            cells = [f"`{name}`", mode, f"{fmt_time(whole)} ({whole_path})" if whole else "—"]
            for path in ("bytes", "chunks-8KiB", "chunks-16KiB"):
                cells.append(ratio(median(data, "stream", f"{mode}-{path}", name), whole))
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    lo, hi = min(values), max(values)
    return f"{lo:.2f}" if f"{lo:.2f}" == f"{hi:.2f}" else f"{lo:.2f}–{hi:.2f}"


def summary(data):
    """One row per comparison: the range of the ratio over the inputs."""
    def ratios(group, num, den):
        names, _ = inputs_of(data, group)
        out = []
        for name in names:
            a, b = median(data, group, num, name), median(data, group, den, name)
            out.append(a / b if a is not None and b else None)
        return out

    rows = [
        ("envelope (`parse`)", "ours ÷ quick-xml's bare event loop", ratios("envelope", OURS, "quick-xml-events")),
        ("envelope (`parse`)", "roxmltree ÷ ours", ratios("envelope", "roxmltree", OURS)),
        ("typed (`from_slice`)", "`quick_xml::de` ÷ ours", ratios("typed", "quick-xml-serde", OURS)),
        ("typed (`from_slice`)", "aws-smithy-xml ÷ ours", ratios("typed", "aws-smithy-xml", OURS)),
        ("result tree", "roxmltree ÷ ours", ratios("result", "roxmltree", OURS)),
    ]
    names, _ = inputs_of(data, "stream")
    for mode in ("envelope", "typed"):
        vals = []
        for name in names:
            whole = median(data, "stream", f"{mode}-whole", name)
            for path in ("chunks-8KiB", "chunks-16KiB"):
                c = median(data, "stream", f"{mode}-{path}", name)
                vals.append(c / whole if c is not None and whole else None)
        rows.append((f"chunked 8/16 KiB, {mode}", "chunked ÷ whole buffer", vals))
    out = ["| work | ratio | over the inputs |", "|---|---|---|"]
    out += [f"| {w} | {r} | {spread(v)} |" for w, r, v in rows]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", HERE / "target"))
    parser.add_argument("--criterion", type=pathlib.Path, default=target / "criterion",
                        help="criterion's output folder (default: %(default)s)")
    parser.add_argument("--out", type=pathlib.Path, default=HERE / "RESULTS.md",
                        help="where to write the tables (default: %(default)s)")
    parser.add_argument("--readme", action="store_true",
                        help="also put the tables into ../README.md, between its performance markers")
    parser.add_argument("--command", default=COMMAND,
                        help="the command the run was made with, as printed (default: %(default)r)")
    args = parser.parse_args()

    data = load(args.criterion) if args.criterion.is_dir() else {}
    if not data:
        sys.exit(f"no criterion estimates under {args.criterion}: run `cargo bench --bench parse` in compare/ first")
    # One run: estimates left by an older run (a benchmark since renamed, or
    # a filtered run's untouched ones) are left out, and said so.
    newest = max(t for _, _, t in data.values())
    stale = sorted("/".join(map(str, k)) for k, (_, _, t) in data.items() if t < newest - RUN_WINDOW)
    if stale:
        print(f"left out, older than the last run by over {RUN_WINDOW // 3600} h: {', '.join(stale)}", file=sys.stderr)
    data = {k: v for k, v in data.items() if v[2] >= newest - RUN_WINDOW}
    oldest = min(t for _, _, t in data.values())
    span = datetime.datetime.fromtimestamp(oldest, datetime.timezone.utc), datetime.datetime.fromtimestamp(
        newest, datetime.timezone.utc)

    text = f"""# aws-query-xml against its peers

Generated by `compare/ratios.py` from criterion's estimates; not edited by hand.

- machine: {machine()}
- date of the run: {span[0]:%Y-%m-%d %H:%M} to {span[1]:%H:%M} UTC
- toolchain: {rustc()}
- command: `{args.command}`

Medians of one run, every implementation measured in the same run on the
same bytes. **peer ÷ ours**: above 1, aws-query-xml is faster. **ours ÷
floor**: how many times the time of quick-xml's bare event loop (every event
read, nothing looked at) ours takes. **path ÷ whole**: the cost of that input
path against the whole buffer (1 is free). A shared machine moves single
medians by 10-30%: read the ratios to about ±0.2.

## (a) envelope: request id and every error (`parse`)

{table(data, "envelope", ["roxmltree"], floor="quick-xml-events")}

## (b) typed: `from_slice` into the result structs; the errors of an error body

{table(data, "typed", ["quick-xml-serde", "aws-smithy-xml"])}

## (c) result tree: `Options::build_result(true).parse` then `Response::result`, every text visited

{table(data, "result", ["roxmltree"])}

## (d) input paths, aws-query-xml alone: `Bytes` and chunks against the whole buffer

{stream_table(data)}
"""
    args.out.write_text(text)
    print(text, end="")
    if args.readme:
        readme = HERE.parent / "README.md"
        start, end = "<!-- performance: generated by compare/ratios.py --readme -->", "<!-- performance: end -->"
        old = readme.read_text()
        if start not in old or end not in old:
            sys.exit(f"{readme}: no performance markers")
        # a summary: the tables themselves are in RESULTS.md
        body = (f"One run on {machine()}, {span[1]:%Y-%m-%d}, with `{args.command}`; "
                "medians of the same run, each row the range over the inputs; "
                "[compare/RESULTS.md](compare/RESULTS.md) has every input.\n\n" + summary(data))
        new = old[: old.index(start) + len(start)] + "\n" + body + "\n" + old[old.index(end):]
        readme.write_text(new)


if __name__ == "__main__":
    main()
