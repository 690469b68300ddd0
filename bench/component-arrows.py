#!/usr/bin/env python3
"""Counts the arrows between Changewire's components in main code, from imports and inline
fully-qualified names, and lists those that run against the component order (docs/architecture.md).
Run from the repository root: python3 bench/component-arrows.py [-v]"""
import os, re, sys

ORDER = {  # rank: a component may use components of a lower or equal rank only
    'platform': 0, 'tenancy': 1, 'instances': 2, 'events': 3,
    'hubs': 4, 'notifications': 4, 'polling': 5, 'elements.constantcontact': 6,
}
SANDBOX_MAY_USE = {'platform'}
ROOT = 'src/main/java/dev/changewire'
PKG = re.compile(r'dev\.changewire\.((?:elements\.)?[a-z]+)\.(?:boundary|control|entity)\.([A-Z]\w*)')
FQN = re.compile(r'(?<![\w.])(?:java|javax|jakarta|org|dev)\.[a-z][\w]*(?:\.[a-z][\w]*)*\.[A-Z]\w*')

def component(path):
    rel = os.path.relpath(path, ROOT).split(os.sep)
    return rel[0] + '.' + rel[1] if rel[0] == 'elements' else rel[0]

def against(src, dst):
    if src == dst:
        return False
    if src == 'sandbox':
        return dst not in SANDBOX_MAY_USE
    if dst == 'sandbox':
        return True
    return ORDER.get(dst, 99) > ORDER.get(src, 99) or (ORDER.get(dst) == ORDER.get(src))

back, pairs, fqns = [], set(), []
for d, _, files in os.walk(ROOT):
    for f in files:
        if not f.endswith('.java'):
            continue
        p = os.path.join(d, f)
        src = component(p)
        for n, line in enumerate(open(p, encoding='utf-8'), 1):
            s = line.strip()
            if s.startswith('package '):
                continue
            code = re.sub(r'"(?:\\.|[^"\\])*"', '""', s)
            if not s.startswith('import ') and not s.startswith('//') and not s.startswith('*'):
                for m in FQN.finditer(code):
                    fqns.append(f'{p}:{n}: {m.group(0)}')
            for m in PKG.finditer(code):
                dst = m.group(1)
                if dst in ('platform', 'tenancy', 'instances', 'events', 'hubs', 'notifications',
                           'polling', 'sandbox') or dst.startswith('elements.'):
                    if dst != src:
                        pairs.add((src, dst))
                    if against(src, dst):
                        back.append(f'{src} -> {dst}: {os.path.relpath(p, ROOT)}:{n} {m.group(0)}')
mutual = sorted({tuple(sorted(p)) for p in pairs if (p[1], p[0]) in pairs})
print(f'arrows against the order: {len(back)}')
print(f'pairs importing each other: {len(mutual)} {mutual}')
print(f'inline fully-qualified names in main code: {len(fqns)}')
if '-v' in sys.argv:
    print('\n'.join(back)); print('\n'.join(fqns))
