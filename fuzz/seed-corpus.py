#!/usr/bin/env python3
"""Seeds the fuzz corpora from the golden vectors (tests/vectors/*.json)."""
import glob, hashlib, json, os

here = os.path.dirname(os.path.abspath(__file__))
# The operations in OPERATIONS order (src/io/ops.rs), so that a seed's first byte picks its op.
import re
mod = open(os.path.join(here, "..", "src", "io", "ops.rs")).read()
block = mod.split("operations! {", 1)[1]
ops = re.findall(r'^    "([A-Za-z]+)":', block, re.M)
for target in ("calculate", "calculate_text"):
    os.makedirs(os.path.join(here, "corpus", target), exist_ok=True)
for path in sorted(glob.glob(os.path.join(here, "..", "tests", "vectors", "*.json"))):
    for v in json.load(open(path)):
        req = v["request"]
        full = json.dumps(req, ensure_ascii=False).encode()
        rest = dict(req)
        op = rest.pop("op", "")
        pick = ops.index(op) if op in ops else 0
        text = bytes([pick]) + json.dumps(rest, ensure_ascii=False).encode()
        for target, data in (("calculate", full), ("calculate_text", text)):
            name = hashlib.sha1(data).hexdigest()[:16]
            open(os.path.join(here, "corpus", target, name), "wb").write(data)
