# The translate-toolkit side of bench/xliff.ts: Debian's translate-toolkit (lxml underneath) parsing an
# XLIFF 1.2 file and writing it back with every translatable unit's target changed, the same work Loupe's
# import and export do. Run with /usr/bin/python3 (Debian's packages live there). It answers one JSON
# line per "round" read on stdin (wall-clock and CPU milliseconds), so that bench/xliff.ts can interleave
# these rounds with Loupe's.
#
#   usage: python3 xliff-toolkit.py FILE.xlf TARGETS.json
#   TARGETS.json: the new target of each translatable trans-unit, in document order.
import json
import sys
import time

import lxml.etree
import translate.__version__
from translate.storage import factory


def main():
    path, targets_path = sys.argv[1], sys.argv[2]
    with open(targets_path, encoding="utf-8") as f:
        targets = json.load(f)
    print(json.dumps({"ready": True, "translateToolkit": translate.__version__.sver, "lxml": ".".join(map(str, lxml.etree.LXML_VERSION[:3])), "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION))}), flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            break
        t0, c0 = time.perf_counter(), time.process_time()
        store = factory.getobject(path)
        t1, c1 = time.perf_counter(), time.process_time()
        translatable = [u for u in store.units if u.istranslatable()]
        if len(translatable) != len(targets):
            raise SystemExit(f"translate-toolkit found {len(translatable)} translatable units, the file has {len(targets)}")
        t2, c2 = time.perf_counter(), time.process_time()
        for unit, target in zip(translatable, targets):
            unit.target = target
        data = bytes(store)
        t3, c3 = time.perf_counter(), time.process_time()
        ms = lambda a, b: (b - a) * 1000
        print(json.dumps({"importMs": ms(t0, t1), "importCpuMs": ms(c0, c1), "exportMs": ms(t2, t3), "exportCpuMs": ms(c2, c3), "units": len(store.units), "bytes": len(data)}), flush=True)


main()
