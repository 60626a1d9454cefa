#!/usr/bin/env python3
"""Sums a PyTorch profiler Chrome trace (bench/TrainingProfile writes one): operators by self time (a call's
duration less its children's on the same thread), then convolutions by input and weight shape.
Usage: trace-summary.py TRACE.json [TOP]"""
import collections
import json
import sys

CONVOLUTIONS = {"aten::mkldnn_convolution", "aten::convolution_backward", "aten::_slow_conv2d_forward",
                "aten::_slow_conv2d_backward"}

events = json.load(open(sys.argv[1]))
events = events["traceEvents"] if isinstance(events, dict) else events
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
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

conv = collections.Counter()
conv_calls = collections.Counter()
for e in events:
    if e.get("ph") == "X" and e.get("name") in CONVOLUTIONS and e.get("shape"):
        shapes = e["shape"]
        backward = "backward" in e["name"]
        x, w = (shapes[1], shapes[2]) if e["name"] == "aten::convolution_backward" else (shapes[0], shapes[1])
        key = ("backward" if backward else "forward", str(x), str(w))
        conv[key] += e["dur"]
        conv_calls[key] += 1
if conv:
    print(f"\nconvolutions by input and weight shape ({sum(conv.values()) / 1e6:.3f} s)")
    for key, t in conv.most_common(top):
        print(f"{t / 1e3:10.1f} ms {conv_calls[key]:5d}  {key[0]:8s} input {key[1]} weight {key[2]}")
