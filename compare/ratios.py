#!/usr/bin/env python3
"""Prints aws-query-xml's time as a ratio of each peer's, from criterion's
estimates of the last `cargo bench` run (target/criterion/)."""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent / "target" / "criterion"
for group in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "report"):
    times = {}
    for est in group.glob("*/*/new/estimates.json"):
        impl, case = est.parts[-4], est.parts[-3]
        times.setdefault(case, {})[impl] = json.loads(est.read_text())["median"]["point_estimate"]
    print(f"\n## {group.name}\n\n| input | aws-query-xml | peer | peer time / ours |\n|---|---|---|---|")
    for case, impls in sorted(times.items()):
        ours = impls.get("aws-query-xml")
        for peer, t in sorted(impls.items()):
            if peer != "aws-query-xml" and ours:
                print(f"| {case} | {ours / 1e3:.1f} µs | {peer} {t / 1e3:.1f} µs | {t / ours:.2f} |")

# chunked input against the whole buffer, same body, same run
stream = root / "stream" / "aws-query-xml"
if stream.is_dir():
    t = {p.name: json.loads((p / "new" / "estimates.json").read_text())["median"]["point_estimate"]
         for p in stream.iterdir() if (p / "new" / "estimates.json").exists()}
    print("\n## stream (1 MiB SQS ReceiveMessage)\n\n| mode | chunks | time | whole-buffer time / chunked time |\n|---|---|---|---|")
    for mode in ("result", "envelope-only"):
        whole = t.get(f"whole-{mode}")
        for kib in (8, 16):
            c = t.get(f"chunks-{kib}KiB-{mode}")
            if whole and c:
                print(f"| {mode} | {kib} KiB | {c / 1e3:.0f} µs | {whole / c:.2f} |")
