#!/usr/bin/env python3
"""Sums a PyTorch profiler Chrome trace by operator: self time (its duration less its children's on the same
thread), calls, and share of the total. Usage: trace-summary.py TRACE.json [TOP]"""
import collections, json, sys

events = json.load(open(sys.argv[1]))
events = events["traceEvents"] if isinstance(events, dict) else events
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
by_thread = collections.defaultdict(list)
for e in events:
    if e.get("ph") == "X" and "dur" in e:
        by_thread[e.get("tid")].append(e)
self_time = collections.Counter()
calls = collections.Counter()
for evs in by_thread.values():
    evs.sort(key=lambda e: (e["ts"], -e["dur"]))
    stack = []
    for e in evs:
        while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
            stack.pop()
        if stack:
            self_time[stack[-1]["name"]] -= e["dur"]
        self_time[e["name"]] += e["dur"]
        calls[e["name"]] += 1
        stack.append(e)
total = sum(self_time.values())
print(f"{total / 1e6:.3f} s of operator time, {sum(calls.values())} calls")
for name, t in self_time.most_common(top):
    print(f"{t / 1e3:10.1f} ms {100 * t / total:5.1f} % {calls[name]:7d}  {name}")
