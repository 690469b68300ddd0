#!/usr/bin/env python3
"""Summarizes a JFR recording's CPU samples (jdk.ExecutionSample) as text for bench/profile-backlog.md.
Usage: bench/jfr-top.py <recording.jfr> [top-n] [from-HH:MM:SS to-HH:MM:SS]
(the window, in the recording's clock as `jfr print` shows it, keeps only the drain: backlog.sh prints it)
Prints the hottest self frames, the hottest frames anywhere on the stack (inclusive), the share of
samples under named suspects (JSON-P provider look-up, class loading, H2, SHA-256, JSON writing), and
the split by thread pool."""
import collections, re, subprocess, sys

rec, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25
window = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else None
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", rec],
                     capture_output=True, text=True, check=True).stdout
samples = []
for block in out.split("jdk.ExecutionSample")[1:]:
    at = re.search(r'startTime = (\d\d:\d\d:\d\d)', block)
    if window and at and not (window[0] <= at.group(1) <= window[1]):
        continue
    thread = re.search(r'sampledThread = "([^"]*)"', block)
    frames = re.findall(r'^\s+([\w$.<>/]+)\(.*?\)\s+line:', block, re.M)
    samples.append((thread.group(1) if thread else "?", frames))
n = len(samples)
print(f"{n} execution samples")
self_c, incl_c = collections.Counter(), collections.Counter()
for _, frames in samples:
    if frames:
        self_c[frames[0]] += 1
    for f in set(frames):
        incl_c[f] += 1
print(f"\n## top {top} self frames")
for f, c in self_c.most_common(top):
    print(f"{100*c/n:5.1f}%  {f}")
print(f"\n## top {top} inclusive frames (project and library, not java.* / jdk.* / sun.*)")
for f, c in [x for x in incl_c.most_common(400) if not re.match(r'(java|javax|jdk|sun)\.', x[0])][:top]:
    print(f"{100*c/n:5.1f}%  {f}")
suspects = {
    "JSON-P provider look-up (JsonProvider.provider)": r"jakarta\.json\.spi\.JsonProvider\.provider",
    "class/resource loading (ZipFile.getEntry, URLClassPath, loadClass)": r"(ZipFile\.getEntry|URLClassPath|ClassLoader\.loadClass|JarFile\.isMultiRelease)",
    "H2 engine (org.h2)": r"^org\.h2\.",
    "H2 IN conditions (ConditionIn)": r"org\.h2\.expression\.condition\.ConditionIn",
    "EclipseLink": r"^org\.eclipse\.persistence\.",
    "SHA-256 (MessageDigest / SHA2)": r"(sun\.security\.provider\.SHA2|DigestBase)",
    "JSON writing (parsson generator)": r"org\.eclipse\.parsson\.JsonGeneratorImpl",
    "project code (dev.changewire)": r"^dev\.changewire\.",
}
print("\n## suspects (share of samples with such a frame anywhere on the stack)")
for name, pat in suspects.items():
    c = sum(1 for _, fr in samples if any(re.search(pat, f) for f in fr))
    print(f"{100*c/n:5.1f}%  {name}")
pools = collections.Counter(re.sub(r"[-_ ]?\d+$", "", t) for t, _ in samples)
print("\n## threads")
for t, c in pools.most_common(8):
    print(f"{100*c/n:5.1f}%  {t}")
print("\n## database time (org.h2 / EclipseLink on the stack) by the nearest project frame")
db = collections.Counter()
for _, fr in samples:
    if any(re.match(r"org\.(h2|eclipse\.persistence)\.", f) for f in fr):
        db[next((f for f in fr if f.startswith("dev.changewire.")), "(no project frame)")] += 1
for f, c in db.most_common(12):
    print(f"{100*c/n:5.1f}%  {f}")
print("\n## all samples by the nearest project frame")
near = collections.Counter(next((f for f in fr if f.startswith("dev.changewire.")), "(no project frame)") for _, fr in samples)
for f, c in near.most_common(15):
    print(f"{100*c/n:5.1f}%  {f}")
