#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Build Documentation/ with sphinx-build -W and check that it still says
# what the code does: every kernel log message format matches a documented
# line, every parameter, counter, trace event field, tool command, make
# target and script the docs rely on exists and is documented, and the
# version is the same in module/Kbuild, dkms.conf and the DKMS commands.
#
# Usage: scripts/docs-test.py (prints kselftest-style TAP and totals)

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
DOC = TOP / 'Documentation'
MODULE = TOP / 'module'

results = []


def result(ok, name, diag=()):
    results.append(ok)
    for line in diag:
        print(f'#   {line}')
    print(f'{"ok" if ok else "not ok"} {len(results)} {name}')


def read(path):
    try:
        return path.read_text()
    except OSError:
        return ''


def c_sources():
    return {p.name: read(p) for p in sorted(MODULE.glob('*.[ch]'))
            if not p.name.endswith('.mod.c')}


def c_string(literals):
    """Concatenate C string literals, resolving the escapes messages use."""
    text = ''.join(literals)
    return (text.replace('\\"', '"').replace('\\\\', '\\')
            .replace('\\n', '').replace('\\t', '\t'))


def log_formats():
    """(file, format) for every pr_* message of the module."""
    found = []
    call = re.compile(r'\bpr_(?:emerg|alert|crit|err|warn|notice|info)\s*\(\s*'
                      r'((?:"(?:[^"\\]|\\.)*"\s*)+)')
    for name, text in c_sources().items():
        for m in call.finditer(text):
            literals = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
            found.append((name, c_string(literals)))
    return found


def format_regex(fmt):
    """A regex that a documented line (template or example) must match."""
    parts = re.split(r'%[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|t)?[diuxXscp]', fmt)
    return re.compile('^seccomp_diag: ' + '.+?'.join(re.escape(p) for p in parts) + '$')


def doc_lines(text):
    """Lines of a document with inline-literal markup removed."""
    lines = []
    for line in text.splitlines():
        line = line.strip().replace('``', '')
        if line:
            lines.append(line)
    return lines


def check_sphinx():
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run(['sphinx-build', '-W', '--keep-going', '-E', '-q',
                               '-b', 'html', str(DOC), out],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    result(proc.returncode == 0, 'sphinx-build -W builds Documentation/ without warnings',
           proc.stdout.splitlines()[-20:])


def check_log_messages(guide):
    lines = doc_lines(guide)
    formats = log_formats()
    missing = [f'{name}: {fmt}' for name, fmt in formats
               if not any(format_regex(fmt).match(line) for line in lines)]
    result(bool(formats) and not missing,
           f'all {len(formats)} kernel log message formats are documented in admin-guide.rst',
           [f'undocumented: {m}' for m in missing])


def check_flagged_examples(guide):
    """The example warning lines must be exactly what the code prints."""
    warns = [fmt for _, fmt in log_formats() if 'EPERM' in fmt]
    examples = [line for line in doc_lines(guide)
                if line.startswith('seccomp_diag: "') and re.search(r' pid \d+', line)]
    unmatched = [line for line in examples
                 if not any(format_regex(fmt).match(line) for fmt in warns)]
    result(len(examples) >= len(warns) > 0 and not unmatched,
           f'{len(examples)} example warning lines match the module\'s formats',
           [f'no format matches: {line}' for line in unmatched])


def check_documented(names, documented, message):
    """A result: there are @names, and documented(name) holds for each."""
    missing = [n for n in names if not documented(n)]
    result(bool(names) and not missing, message,
           [f'undocumented: {n}' for n in missing])


def check_params(guide):
    conf = read(DOC / 'seccomp_diag.conf')
    names = sorted(set(re.findall(r'\bmodule_param(?:_cb|_named)?\(\s*(\w+)',
                                  ''.join(c_sources().values()))))
    check_documented(names, lambda n: f'``{n}``' in guide and
                     re.search(rf'^#\s*options seccomp_diag {n}=', conf, re.M),
                     f'parameters {" ".join(names)} are in admin-guide.rst and seccomp_diag.conf')


def check_counters(guide):
    main = read(MODULE / 'main.c')
    names = sorted(set(re.findall(r'COUNTER_ATTR\((\w+),', main) +
                       re.findall(r'__ATTR_RO\((\w+)\)', main)) - {'_name'})
    check_documented(names, lambda n: f'``{n}``' in guide,
                     f'sysfs files {" ".join(names)} are documented in admin-guide.rst')


def check_trace_events(events_doc):
    trace_h = read(MODULE / 'trace.h')
    events = re.findall(r'TRACE_EVENT(?:_FN)?\(\s*(\w+),(.*?)TP_printk\(\s*"([^"]*)"',
                        trace_h, re.S)
    for name, body, fmt in events:
        fields = re.findall(r'__(?:field|array)\(\s*[\w ]+?,\s*(\w+)', body)
        keys = re.findall(r'(\w+)=(?:0x)?%', fmt)
        section = re.search(rf'^{name}\n=+\n(.*?)(?=^[^\s=][^\n]*\n=+\n|\Z)',
                            events_doc, re.M | re.S)
        diag = []
        if not section:
            diag.append(f'no section "{name}" in trace-events.rst')
        else:
            text = section.group(1)
            fmt_line = re.search(r'Format::\n\n\s+(.*)', text)
            doc_keys = re.findall(r'(\w+)=', fmt_line.group(1)) if fmt_line else []
            if doc_keys != keys:
                diag.append(f'format keys {doc_keys} != TP_printk {keys}')
            diag += [f'field {f} not in its table' for f in fields
                     if not re.search(rf'^``{f}``\s', text, re.M)]
        result(not diag, f'trace event {name}: format and fields {" ".join(fields)} documented',
               diag)
    result(len(events) == 3, f'trace.h defines the 3 documented events (found {len(events)})')


def check_tool(tool_doc):
    help_c = read(TOP / 'tools' / 'seccomp-diag' / 'help.c')
    commands = re.findall(r'\{\s*"(\w+)",\s*\w+_page\s*\}', help_c)
    commands = [c for c in commands if c != 'help']
    check_documented(commands, lambda c: f'``{c}' in tool_doc,
                     f'tool commands {" ".join(commands)} are documented in tool.rst')


def check_make_targets(docs):
    makefile = read(TOP / 'Makefile')
    targets = set(re.findall(r'^([\w-]+)\s*:(?!=)', makefile, re.M))
    used = set()
    for name in ('admin-guide.rst', 'tool.rst', 'runtime-authors.rst', 'trace-events.rst'):
        for words in re.findall(r'\bmake((?: [a-z][\w-]*)+)', docs[name]):
            used.update(w for w in words.split() if w not in ('and', 'the', 'it', 'a'))
    used &= {'module', 'tools', 'selftests', 'install', 'uninstall', 'docs', 'check',
             'deps', 'demo', 'clean', 'all', 'fuzz'}
    missing = sorted(used - targets)
    result(bool(used) and not missing,
           f'make targets the docs use exist: {" ".join(sorted(used))}',
           [f'no target: {t}' for t in missing])


def check_scripts(docs):
    named = set()
    for text in docs.values():
        # Ours only: not a kernel tree's scripts/ (…/build/scripts/sign-file).
        named.update(re.findall(r'(?<![\w/.])scripts/([\w.-]+)(?![\w/.-])', text))
    missing = sorted(s for s in named if not os.access(TOP / 'scripts' / s, os.X_OK))
    result(bool(named) and not missing,
           f'scripts the docs name exist and are executable: {" ".join(sorted(named))}',
           [f'missing: scripts/{s}' for s in missing])


def check_version(guide):
    kbuild = re.search(r'^SECCOMP_DIAG_VERSION := (\S+)', read(MODULE / 'Kbuild'), re.M)
    dkms = re.search(r'^PACKAGE_VERSION="([^"]+)"', read(TOP / 'dkms.conf'), re.M)
    version = kbuild.group(1) if kbuild else None
    in_guide = set(re.findall(r'seccomp-diag[/-](\d+\.\d+\.\d+)', guide))
    diag = [f'module/Kbuild {version}, dkms.conf {dkms.group(1) if dkms else None}, '
            f'admin-guide.rst {" ".join(sorted(in_guide))}']
    result(version is not None and dkms is not None and dkms.group(1) == version and
           in_guide == {version}, 'one version in module/Kbuild, dkms.conf and the DKMS commands',
           diag)


def main():
    print('TAP version 13')
    print('# docs-test: Documentation/ builds and matches the code')
    docs = {p.name: read(p) for p in DOC.glob('*.rst')}
    guide = docs.get('admin-guide.rst', '')
    check_sphinx()
    check_log_messages(guide)
    check_flagged_examples(guide)
    check_params(guide)
    check_counters(guide)
    check_trace_events(docs.get('trace-events.rst', ''))
    check_tool(docs.get('tool.rst', ''))
    check_make_targets(docs)
    check_scripts(docs)
    check_version(guide)
    passed = sum(results)
    failed = len(results) - passed
    print(f'1..{len(results)}')
    print(f'# Totals: pass:{passed} fail:{failed} xfail:0 xpass:0 skip:0 error:0')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
