#!/usr/bin/env python3
"""The house rules of src/ that the compiler does not check (issue 13).

- No import cycle between the crate's top-level modules: every `crate::`
  path in code (comments and `#[cfg(test)]` modules aside) is an edge,
  including names used through the crate root's re-exports.
- No file in src/ over 600 lines, the code table's file aside.

Prints the modules bottom up (each after everything it imports) and exits 1
when a rule is broken.
"""

import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
MAX_LINES = 600
# the one file allowed to be longer: the table of error codes
TABLE_ASIDE = {"codes.rs"}


def code_only(text):
    """The text without comment lines and without a trailing test module."""
    text = re.sub(r"#\[cfg\(test\)\]\s*mod \w+\s*\{.*", "", text, flags=re.S)
    return "\n".join(l for l in text.split("\n") if not l.strip().startswith("//"))


def main():
    lib = open(os.path.join(SRC, "lib.rs")).read()
    reexported = {}
    for module, names in re.findall(r"pub use (\w+)::\{?([^;]*?)\}?;", lib):
        for name in names.split(","):
            if name.strip():
                reexported[name.strip()] = module

    edges, broken = {}, []
    for folder, _, files in os.walk(SRC):
        for f in sorted(files):
            path = os.path.join(folder, f)
            rel = os.path.relpath(path, SRC)
            if not f.endswith(".rs") or rel.startswith("bin"):
                continue
            text = open(path).read()
            lines = text.count("\n")
            if lines > MAX_LINES and rel not in TABLE_ASIDE:
                broken.append(f"{rel}: {lines} lines (at most {MAX_LINES})")
            if rel == "lib.rs" or f.endswith("_tests.rs"):
                continue
            module = rel.split(os.sep)[0].removesuffix(".rs")
            code = code_only(text)
            deps = set(re.findall(r"crate::([a-z_]\w*)", code))
            for group in re.findall(r"crate::\{([^}]*)\}", code):
                deps |= {reexported[n] for n in re.findall(r"\w+", group) if n in reexported}
            deps |= {reexported[n] for n in re.findall(r"crate::([A-Z]\w*)", code) if n in reexported}
            edges.setdefault(module, set()).update(deps - {module})

    modules = set(edges)
    order, done = [], set()
    remaining = {m: {d for d in edges[m] if d in modules} for m in modules}
    while remaining:
        ready = sorted(m for m, deps in remaining.items() if deps <= done)
        if not ready:
            # drop what only sits above the cycle: no module left imports it
            stuck = dict(remaining)
            while True:
                above = [m for m in stuck if not any(m in d for d in stuck.values())]
                if not above:
                    break
                for m in above:
                    del stuck[m]
            cycle = ", ".join(f"{m} -> {sorted(d & set(stuck))}" for m, d in sorted(stuck.items()))
            broken.append(f"import cycle among: {cycle}")
            break
        for m in ready:
            order.append(m)
            done.add(m)
            del remaining[m]
    print("modules, bottom up:", " ".join(order))
    for b in broken:
        print("BROKEN:", b, file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
