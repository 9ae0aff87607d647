#!/usr/bin/env python3
"""Drops the stale ids a differential run reported from docs/transparency.md and recounts its category table.

Usage: bin/unstale-transparency.py [surefire report files...]
With no arguments it reads tests/target/surefire-reports/*Differential*Test.txt: only reports of runs of the code
as it is now, so pass the files of the last run when an older report of another class is still there. A stale id is one the suite lists
as `stale: <id>` (listed in the doc, no longer different). Rows left with no ids and sections left with no rows are
removed; the "Differences by category and language" table is recounted from the sections. The totals table above it
(probes and differences per language) is left to the editor: its probe counts come from the run.
"""
import glob
import re
import sys

DOC = 'docs/transparency.md'
PREFIX = {'js/': 1, 'py/': 2, 'java/': 3, 'lib/': 4}


def stale_ids(files):
    ids = set()
    for f in files:
        for line in open(f, encoding='utf-8'):
            m = re.match(r'\s*stale: (\S+)', line)
            if m:
                ids.add(m.group(1))
    return ids


def main():
    files = sys.argv[1:] or glob.glob('tests/target/surefire-reports/*Differential*Test.txt')
    stale = stale_ids(files)
    import os, time
    for f in files:
        print('read', f, time.strftime('%H:%M:%S', time.localtime(os.path.getmtime(f))))
    lines = open(DOC, encoding='utf-8').read().split('\n')
    begin, end = lines.index('<!-- differences:begin -->'), lines.index('<!-- differences:end -->')
    body = lines[begin + 1:end]

    out, removed = [], 0
    for line in body:
        if line.startswith('| `'):
            cells = line.split(' | ')
            ids = re.findall(r'`([^`]+)`', cells[0])
            kept = [i for i in ids if i not in stale]
            removed += len(ids) - len(kept)
            if not kept:
                continue
            if len(kept) != len(ids):
                line = '| ' + ' '.join('`' + i + '`' for i in kept) + ' | ' + ' | '.join(cells[1:])
        out.append(line)

    # Sections (### name, prose, table) that lost every row go.
    sections, current = [], []
    for line in out:
        if line.startswith('### ') and current:
            sections.append(current)
            current = []
        current.append(line)
    if current:
        sections.append(current)
    kept_sections = [s for s in sections if not s[0].startswith('### ') or any(l.startswith('| `') for l in s)]
    body = [l for s in kept_sections for l in s]

    counts = {}
    for s in kept_sections:
        if not s[0].startswith('### '):
            continue
        name = s[0][4:].strip()
        row = counts.setdefault(name, [0, 0, 0, 0])
        for l in s:
            if l.startswith('| `'):
                for i in re.findall(r'`([^`]+)`', l.split(' | ')[0]):
                    for p, col in PREFIX.items():
                        if i.startswith(p):
                            row[col - 1] += 1

    lines = lines[:begin + 1] + body + lines[end:]
    # Recount the category table: rows "| <category> | js | py | java | lib |" whose category is a section name.
    head = lines.index('| Category | JS | Python | Java | Libraries |')
    i = head + 2
    table = []
    while i < len(lines) and lines[i].startswith('|'):
        name = lines[i].split(' | ')[0][2:]
        if name in counts:
            table.append('| ' + name + ' | ' + ' | '.join(str(n) for n in counts.pop(name)) + ' |')
        i += 1
    for name, row in counts.items():
        table.append('| ' + name + ' | ' + ' | '.join(str(n) for n in row) + ' |')
    lines = lines[:head + 2] + table + lines[i:]
    open(DOC, 'w', encoding='utf-8').write('\n'.join(lines))
    totals = [sum(r.split(' | ')[c] and int(r.strip('| ').split(' | ')[c]) for r in table) for c in range(1, 5)]
    print(f'{removed} stale ids removed ({len(stale)} reported); differences now JS {totals[0]}, Python {totals[1]}, '
          f'Java {totals[2]}, libraries {totals[3]}, all {sum(totals)}')


if __name__ == '__main__':
    main()
