#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the "bench:" lines of one VM run into medians, ratios and tables.

Reads the guest log written by tools/bench/run, prints the table, writes
results.md and results.json (and results.png when gnuplot is there), and
ends with a kselftest-style "# Totals:" line: a configuration passes when
it produced every figure it should, is skipped when it was left out on
purpose (the smoke run's comparators, --no-bpftrace), and fails otherwise:
a comparator that could not run is a FAILED row and a non-zero exit, never
a table that quietly lost a row.  No figure is ever judged.

results.md is rewritten, but every "## " section of the previous file that
this script does not generate (figures measured by other means, such as
scripts/rt-test's latency) is carried over verbatim after its own.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

CONFIGS = [
    ("baseline", "module not loaded", ["install", "getppid", "denied"]),
    ("no_filter", "no seccomp filter at all, module not loaded: what the allowlist costs",
     ["getppid"]),
    ("module_idle", "seccomp_diag loaded, check=1, all trace events off",
     ["install", "getppid", "denied"]),
    ("module_check0", "seccomp_diag loaded, check=0 (install detection off)",
     ["install"]),
    ("module_errno_event",
     "seccomp_diag loaded, seccomp_diag:seccomp_errno enabled into the trace buffer",
     ["getppid", "denied"]),
    ("module_errno_count",
     "seccomp_diag loaded, count_errno=1: the same probe, counting only (errno_outcomes)",
     ["getppid", "denied"]),
    ("module_kprobe_event",
     "seccomp_diag loaded with outcome_ftrace=0 (its entry probe a kprobe, not an ftrace_ops), "
     "seccomp_errno enabled",
     ["getppid", "denied"]),
    ("module_kprobe_count",
     "seccomp_diag loaded with outcome_ftrace=0, count_errno=1",
     ["getppid", "denied"]),
    ("bpftrace",
     "bpftrace 'kretprobe:__secure_computing /retval != 0/ { @skipped = count(); }'",
     ["getppid", "denied"]),
    ("bpftrace_printf",
     "bpftrace 'kretprobe:__secure_computing /retval != 0/ { printf(\"skipped pid=%d comm=%s\\n\", tid, comm); }'",
     ["getppid", "denied"]),
    ("bpftrace_event",
     "bpftrace 'kretprobe:__secure_computing /retval != 0/ { $r = (struct pt_regs *)((uint64)curtask->stack + 16384 - 168); "
     "printf(\"skipped pid=%d nr=%d errno=%d\\n\", tid, $r->orig_ax, -(int64)$r->ax); }': the event's equivalent",
     ["getppid", "denied"]),
    ("strace_seccomp_bpf_none", "strace -f --seccomp-bpf -e trace=none -Z",
     ["getppid", "denied"]),
    ("strace_seccomp_bpf_keyctl", "strace -f --seccomp-bpf -e trace=keyctl -Z",
     ["getppid", "denied"]),
    ("strace_ptrace_keyctl", "strace -f -e trace=keyctl -Z (ptrace stop at every syscall)",
     ["getppid", "denied"]),
    ("flag_log", "allowlist installed with SECCOMP_FILTER_FLAG_LOG, no auditd",
     ["getppid", "denied"]),
    ("baseline_nojit", "module not loaded, BPF JIT off (bpf_jit_enable=0)", ["install"]),
    ("module_idle_nojit", "seccomp_diag loaded, check=1, BPF JIT off", ["install"]),
    ("module_check0_nojit", "seccomp_diag loaded, check=0, BPF JIT off", ["install"]),
]
# Which configuration each one is a ratio to.
BASE = {"baseline_nojit": "baseline_nojit", "module_idle_nojit": "baseline_nojit",
        "module_check0_nojit": "baseline_nojit"}
# seccomp-worst (tools/bench/seccomp-worst.c), run with the module loaded
# throughout, the configurations taking turns in every round.
WORST_CONFIGS = [
    ("worst_module_idle", "seccomp-worst, seccomp_diag loaded, all trace events off"),
    ("worst_errno_event", "seccomp-worst, seccomp_diag:seccomp_errno enabled into the trace buffer"),
    ("worst_errno_count", "seccomp-worst, count_errno=1 (counting only)"),
]
WORST_CASES = [
    ("nr_only", "a 4-instruction filter deciding on the number alone"),
    ("args_4096", "one argument-dependent filter of 4096 instructions"),
    ("args_32x1000", "32 stacked argument-dependent filters of 1000 instructions"),
]
WORST_HEADING = "## Events on: bounded cost, worst cases (issue 14)"
ABI_ORDER = {"all": 0, "x86_64": 1, "i386": 2, "x32": 3}
WORKLOAD_ORDER = {"getppid": 0, "denied": 1, "install": 2}
NOTE = ("Times come from QEMU software emulation (TCG), which distorts absolute "
        "times, and a syscall's share of them, by an unknown factor: the ratios to "
        "the baseline of the same boot are the result, not the nanoseconds.")


def parse_fields(text):
    fields = {}
    for m in re.finditer(r'(\w+)=("[^"]*"|\S+(?: (?!\w+=)\S+)*)', text):
        fields[m.group(1)] = m.group(2).strip('"')
    return fields


def summary(values):
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3), "samples": values}


def parse_log(path):
    configs, filt, notes, vm = {}, {}, [], {}
    worst, extra = {}, {}
    with open(path, errors="replace") as f:
        lines = [l.rstrip("\r\n") for l in f]
    for line in lines:
        if line.startswith("worst: "):
            # One run of seccomp-worst: one round of one configuration.
            fields = parse_fields(line[len("worst: "):])
            try:
                samples = [float(v) for v in fields["samples"].split(",")]
                key = (fields["case"], fields["workload"])
                r = worst.setdefault(fields["label"], {}).setdefault(
                    key, {"samples": [], "round_medians": []})
            except (KeyError, ValueError):
                continue
            r["samples"] += samples
            r["round_medians"].append(statistics.median(samples))
            continue
        m = re.match(r"# (\w+): bpftrace still running .*killed", line)
        if m:
            # Its map or last lines never came out: what it saw is unknown.
            configs.setdefault(m.group(1), {"results": [], "skipped_abis": []})[
                "observed_lost"] = "unknown: bpftrace hung on exit and was killed"
            continue
        m = re.match(r"# probes_missed after the worst cases: (.*)", line)
        if m:
            # "check N outcome N notif N": one count per probe.
            words = m.group(1).split()
            extra["worst_probes_missed"] = {k: int(v) for k, v in zip(words[::2], words[1::2])
                                            if v.isdigit()}
        m = re.match(r"# vmtest: kernel (\S+), (\w+), (\d+)s", line)
        if m:
            vm = {"kernel": m.group(1), "accel": m.group(2), "seconds": int(m.group(3))}
        if line.startswith("# guest:") or line.startswith("# bpf_jit") or \
                line.startswith("# seccomp actions") or line.startswith("# trace_clock"):
            notes.append(line[2:])
        if not line.startswith("bench: "):
            continue
        body = line[len("bench: "):]
        if body.startswith("filter: "):
            filt = parse_fields(body[len("filter: "):])
            continue
        fields = parse_fields(body)
        label = fields.get("label")
        if not label:
            continue
        c = configs.setdefault(label, {"results": [], "skipped_abis": []})
        if "status" in fields:
            if fields.get("workload") == "syscalls":
                c["skipped_abis"].append({"abi": fields.get("abi"), "reason": fields.get("reason")})
            else:
                c["status"] = fields["status"]
                c["reason"] = fields.get("reason", "")
        elif "observed" in fields:
            c["observed"] = c.get("observed", 0) + int(fields["observed"])
            c["observed_how"] = fields.get("how", "")
        elif "cpu" in fields:
            # Rounds of one configuration add up to one figure.
            key = (fields["workload"], fields["abi"])
            r = c.setdefault("by_key", {}).get(key)
            if r is None:
                r = {"workload": fields["workload"], "abi": fields["abi"],
                     "unit": fields["unit"], "iters": int(fields["iters"]), "reps": 0,
                     "denied_calls": 0, "cpu": [], "wall": []}
                c["by_key"][key] = r
                c["results"].append(r)
            r["reps"] += int(fields["reps"])
            r["denied_calls"] += int(fields.get("events", 0))
            r["cpu"] += [float(v) for v in fields["cpu"].split(",")]
            r["wall"] += [float(v) for v in fields["wall"].split(",")]
    for c in configs.values():
        c.pop("by_key", None)
        for r in c["results"]:
            r["cpu"] = summary(r["cpu"])
            r["wall"] = summary(r["wall"])
    return configs, filt, notes, vm, worst, extra


def add_ratios(configs):
    for label, c in configs.items():
        base = {(r["workload"], r["abi"]): r for r in
                configs.get(BASE.get(label, "baseline"), {}).get("results", [])}
        for r in c["results"]:
            b = base.get((r["workload"], r["abi"]))
            for kind in ("cpu", "wall"):
                if b and b[kind]["median"] > 0:
                    r["ratio_" + kind] = round(r[kind]["median"] / b[kind]["median"], 3)
                else:
                    r["ratio_" + kind] = None


def judge(configs, expected_abis):
    """pass/skip/fail per configuration: did every figure come?"""
    verdicts = []
    for label, desc, workloads in CONFIGS:
        c = configs.get(label)
        if c is None:
            verdicts.append((label, "fail", "no output from the guest"))
            continue
        if c.get("status") == "excluded":
            verdicts.append((label, "skip", c.get("reason", "")))
            continue
        if c.get("status") == "unavailable":
            verdicts.append((label, "fail", "could not run: " + c.get("reason", "")))
            continue
        if c.get("status") == "failed":
            verdicts.append((label, "fail", c.get("reason", "")))
            continue
        # Under TCG the guest's CPU clock may tick coarsely: a short
        # repetition (the smoke run's) can take 0 ns of CPU time, never
        # 0 ns of wall time.
        have = {(r["workload"], r["abi"]) for r in c["results"]
                if all(v > 0 for v in r["wall"]["samples"]) and
                all(v >= 0 for v in r["cpu"]["samples"])}
        want = set()
        for w in workloads:
            if w == "install":
                want.add(("install", "all"))
            else:
                want |= {(w, a) for a in expected_abis}
        missing = sorted(want - have)
        if missing:
            verdicts.append((label, "fail", "missing " + ", ".join("%s/%s" % m for m in missing)))
        else:
            verdicts.append((label, "pass", ""))
    return verdicts


def judge_worst(configs, worst):
    """The same for seccomp-worst's configurations: every case, both workloads."""
    verdicts = []
    for label, _ in WORST_CONFIGS:
        c = configs.get(label, {})
        if c.get("status") in ("unavailable", "failed"):
            verdicts.append((label, "fail", c.get("reason", "")))
            continue
        have = {k for k, r in worst.get(label, {}).items()
                if r["samples"] and all(v >= 0 for v in r["samples"])}
        want = {(case, w) for case, _ in WORST_CASES for w in ("getppid", "denied")}
        missing = sorted(want - have)
        if len(missing) == len(want):
            verdicts.append((label, "fail", "no output from the guest"))
        elif missing:
            verdicts.append((label, "fail", "missing " + ", ".join("%s/%s" % m for m in missing)))
        else:
            verdicts.append((label, "pass", ""))
    return verdicts


def fmt(x, unit):
    return ("%.0f" % x) if unit == "ns" else ("%.1f" % x)


def fmt_ratio(r):
    return "-" if r is None else "%.3f" % r


def rows(configs):
    out = []
    for label, desc, _ in CONFIGS:
        c = configs.get(label)
        if not c:
            continue
        for r in sorted(c["results"], key=lambda r: (WORKLOAD_ORDER.get(r["workload"], 9),
                                                     ABI_ORDER.get(r["abi"], 9))):
            u = r["unit"]
            out.append([label, r["workload"], r["abi"], str(r["iters"]),
                        "%s %s [%s-%s]" % (fmt(r["cpu"]["median"], u), u,
                                           fmt(r["cpu"]["min"], u), fmt(r["cpu"]["max"], u)),
                        fmt_ratio(r["ratio_cpu"]),
                        "%s %s" % (fmt(r["wall"]["median"], u), u),
                        fmt_ratio(r["ratio_wall"])])
    return out


HEADER = ["configuration", "workload", "ABI", "iters", "CPU/op median [min-max]",
          "CPU ratio", "wall/op median", "wall ratio"]


WORST_HEADER = ["filter", "workload", "events off", "event on", "ratio",
                "count_errno=1", "ratio"]


def text_table(table, header=HEADER):
    widths = [max(len(h), *(len(r[i]) for r in table)) if table else len(h)
              for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines.append("  ".join("-" * w for w in widths))
    for r in table:
        lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths)))
    return "\n".join(lines)


def md_table(header, table):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in table]
    return "\n".join(lines)


def result(configs, label, workload, abi):
    for r in configs.get(label, {}).get("results", []):
        if r["workload"] == workload and r["abi"] == abi:
            return r
    return None


def findings(configs):
    """The figures the issue's goals talk about, as sentences."""
    lines = []
    b = result(configs, "baseline", "getppid", "x86_64")
    if b:
        med = b["cpu"]["median"]
        lines.append("Noise: the baseline getppid (x86_64) repetitions range from %.0f to %.0f ns "
                     "around a median of %.0f ns (%+.0f%% / %+.0f%%); ratios inside that band "
                     "do not tell a cost from the emulator's and the host's jitter."
                     % (b["cpu"]["min"], b["cpu"]["max"], med,
                        100 * (b["cpu"]["min"] / med - 1), 100 * (b["cpu"]["max"] / med - 1)))
    for w in ("getppid", "denied"):
        r = result(configs, "module_idle", w, "x86_64")
        if r:
            lines.append("Module loaded, events off, %s (x86_64): CPU ratio %s (goal <= 1.01)."
                         % (w, fmt_ratio(r["ratio_cpu"])))
    on = result(configs, "module_check0", "install", "all")
    idle = result(configs, "module_idle", "install", "all")
    base = result(configs, "baseline", "install", "all")
    if on and idle and base:
        added = idle["cpu"]["median"] - on["cpu"]["median"]
        lines.append("Filter install: %.1f us without the module, %.1f us with check=0, "
                     "%.1f us with check=1: the check adds %.1f us per install, "
                     "ratio check=1/check=0 %.3f (goal < 2)."
                     % (base["cpu"]["median"], on["cpu"]["median"], idle["cpu"]["median"],
                        added, idle["cpu"]["median"] / on["cpu"]["median"]))
    on = result(configs, "module_check0_nojit", "install", "all")
    idle = result(configs, "module_idle_nojit", "install", "all")
    if on and idle:
        lines.append("The same with the BPF JIT off (under TCG, running freshly JITed code "
                     "costs a translation that real CPUs do not pay): check=0 %.1f us, check=1 %.1f us, the check "
                     "adds %.1f us, ratio %.3f."
                     % (on["cpu"]["median"], idle["cpu"]["median"],
                        idle["cpu"]["median"] - on["cpu"]["median"],
                        idle["cpu"]["median"] / on["cpu"]["median"]))
    ev = result(configs, "module_errno_event", "denied", "x86_64")
    if ev:
        best = None
        for label in ("bpftrace", "bpftrace_printf", "strace_ptrace_keyctl", "flag_log"):
            r = result(configs, label, "denied", "x86_64")
            c = configs.get(label, {})
            if r and c.get("observed", 0) > 0 and r["ratio_cpu"] is not None and \
                    "observed_lost" not in c:
                if best is None or r["ratio_cpu"] < best[1]:
                    best = (label, r["ratio_cpu"])
        line = "seccomp_errno enabled, denied (x86_64): CPU ratio %s, %s events recorded." % (
            fmt_ratio(ev["ratio_cpu"]), configs["module_errno_event"].get("observed", "?"))
        if best:
            line += " Cheapest comparator that observed the denials: %s, CPU ratio %.3f." % best
        cnt = result(configs, "module_errno_count", "denied", "x86_64")
        bt = result(configs, "bpftrace", "denied", "x86_64")
        if cnt and bt and cnt["ratio_cpu"] is not None and bt["ratio_cpu"] is not None:
            line += (" Counting only, like bpftrace's map: module (count_errno=1) CPU ratio "
                     "%.3f, bpftrace %.3f." % (cnt["ratio_cpu"], bt["ratio_cpu"]))
        rec = result(configs, "bpftrace_printf", "denied", "x86_64")
        if rec and rec["ratio_cpu"] is not None:
            line += (" The comparator that also writes a record per denial, bpftrace_printf: "
                     "CPU ratio %.3f." % rec["ratio_cpu"])
        lines.append(line)
    return lines


# The event cost goals (issue 21): (what, configuration, workload, goal).
GOALS = [
    ("events off", "module_idle", "getppid", 1.01),
    ("events off", "module_idle", "denied", 1.01),
    ("allowed, `seccomp_errno` on", "module_errno_event", "getppid", 1.35),
    ("allowed, `count_errno=1`", "module_errno_count", "getppid", 1.35),
    ("denied, `count_errno=1`", "module_errno_count", "denied", 1.5),
    ("denied, `seccomp_errno` on", "module_errno_event", "denied", 2.0),
]
# What bpftrace does for the same row, for the comparison.
GOAL_PEERS = {"module_errno_count": "bpftrace", "module_errno_event": "bpftrace_event"}


def goal_rows(configs, abis):
    """One row per goal and ABI: the goal, the module's CPU ratio, met or
    not, and bpftrace's ratio for the same work where there is one."""
    out = []
    for what, label, workload, goal in GOALS:
        for abi in abis:
            r = result(configs, label, workload, abi)
            if not r or r["ratio_cpu"] is None:
                continue
            peer = GOAL_PEERS.get(label)
            p = result(configs, peer, workload, abi) if peer else None
            out.append([what, workload, abi, "<= %.2f" % goal, "%.3f" % r["ratio_cpu"],
                        "met" if r["ratio_cpu"] <= goal else "not met",
                        "%.3f (%s)" % (p["ratio_cpu"], peer)
                        if p and p["ratio_cpu"] is not None else "-"])
    return out


def worst_figure(worst, label, case, workload):
    r = worst.get(label, {}).get((case, workload))
    return statistics.median(r["samples"]) if r and r["samples"] else None


def worst_spread(worst, label, case, workload):
    """How far the events-off figure moves by itself: the range of its
    round medians, or of its repetitions when there was one round."""
    r = worst.get(label, {}).get((case, workload))
    if not r or not r["samples"]:
        return None
    v = r["round_medians"] if len(r["round_medians"]) > 1 else r["samples"]
    return max(v) - min(v)


def fmt_on(on, off):
    if on is None:
        return "-", "-"
    if off is None:
        return "%.0f ns" % on, "-"
    # The cost added as the difference of the figures shown.
    return ("%.0f ns (%+.0f)" % (on, round(on) - round(off)),
            "%.2f" % (on / off) if off > 0 else "-")


def worst_rows(configs, worst):
    """filter | workload | events off | event on | ratio | count_errno=1 | ratio,
    the libseccomp allowlist's from the main configurations first."""
    table, data = [], []
    cases = [("libseccomp350", None)] + WORST_CASES
    for case, _ in cases:
        for w in ("getppid", "denied"):
            if case == "libseccomp350":
                vals = []
                for label in ("module_idle", "module_errno_event", "module_errno_count"):
                    r = result(configs, label, w, "x86_64")
                    vals.append(r["cpu"]["median"] if r else None)
            else:
                vals = [worst_figure(worst, label, case, w) for label, _ in WORST_CONFIGS]
            off, on, cnt = vals
            if off is None and on is None and cnt is None:
                continue
            ev, ev_ratio = fmt_on(on, off)
            ct, ct_ratio = fmt_on(cnt, off)
            table.append([case, w, "-" if off is None else "%.0f ns" % off,
                          ev, ev_ratio, ct, ct_ratio])
            data.append({"filter": case, "workload": w, "events_off_ns": off,
                         "event_on_ns": on, "count_errno_ns": cnt,
                         "event_ratio": round(on / off, 3) if on and off else None,
                         "count_ratio": round(cnt / off, 3) if cnt and off else None})
    return table, data


def worst_findings(worst, extra):
    """Does the cost the event adds grow with the filters' size or depth?
    Both argument-dependent cases take the same path through the module
    (their answers are read when seccomp returns), so the stack of 32
    against the single filter is the question; the number-only filter is
    settled when the syscall enters seccomp, a different path."""
    lines = []
    off_l, on_l = WORST_CONFIGS[0][0], WORST_CONFIGS[1][0]
    for w, what in (("getppid", "allowed getppid"), ("denied", "a denied syscall")):
        added = {}
        for case, _ in WORST_CASES:
            off = worst_figure(worst, off_l, case, w)
            on = worst_figure(worst, on_l, case, w)
            if off is None or on is None:
                break
            added[case] = on - off
        else:
            # Paired by round: each event-on run follows its events-off
            # run, so the drift of a busy host cancels out.
            per = {}
            for case in ("args_4096", "args_32x1000"):
                offs = worst[off_l][(case, w)]["round_medians"]
                ons = worst[on_l][(case, w)]["round_medians"]
                per[case] = [y - x for x, y in zip(offs, ons)]
            growth = [b - a for a, b in zip(per["args_4096"], per["args_32x1000"])]
            med = statistics.median(growth)
            if len(growth) < 3:
                verdict = ("%+.0f ns from the single filter to the stack; %d round(s) "
                           "are too few to judge" % (med, len(growth)))
            elif min(growth) > 0:
                verdict = ("the cost added grows with the filters' size and the chain's "
                           "depth: %+.0f ns from the single filter to the stack (median "
                           "of the rounds, every one of %d higher: %+.0f to %+.0f ns)"
                           % (med, len(growth), min(growth), max(growth)))
            else:
                verdict = ("the cost added does not grow measurably with the filters' "
                           "size or the chain's depth: from the single filter to the "
                           "stack it changes by %+.0f to %+.0f ns over %d rounds "
                           "(median %+.0f ns), lower in some of them"
                           % (min(growth), max(growth), len(growth), med))
            lines.append("seccomp_errno on, %s: the event adds %+.0f ns under the number-only "
                         "filter (settled when the syscall enters seccomp), %+.0f ns under one "
                         "argument-dependent filter of 4096 instructions and %+.0f ns under 32 "
                         "stacked ones of 1000 (about 8 times the instructions, 32 filters "
                         "deep): %s."
                         % (what, added["nr_only"], added["args_4096"], added["args_32x1000"],
                            verdict))
    missed = extra.get("worst_probes_missed")
    if missed is not None:
        lines.append("probes_missed after the worst cases: %s."
                     % (", ".join("%s %d" % kv for kv in missed.items()) or "?"))
    return lines


WORST_HISTORY = ("History: before issue 14 the module ran every filter of the chain "
                 "again inside its probe, with preemption off. A hand-run of 2026-11-30 "
                 "(that module cannot be rebuilt any more) measured it adding 17.6 us "
                 "(allowed) and 19.0 us (denied) per syscall under the 32-filter stack, "
                 "and 2.2 us and 2.9 us under the 4096-instruction filter.")


def host_load(path):
    """The host's 1-minute load average, sampled by tools/bench/run."""
    try:
        with open(path) as f:
            v = [float(l) for l in f if l.strip()]
    except (OSError, ValueError):
        return None
    if not v:
        return None
    return {"cpus": os.cpu_count(), "min": min(v), "max": max(v),
            "mean": round(statistics.mean(v), 2), "samples": len(v)}


def carried_sections(path, generated):
    """The "## " sections of the previous results.md that are not in
    generated (a set of heading lines), verbatim, in their order."""
    try:
        with open(path) as f:
            lines = f.read().split("\n")
    except OSError:
        return []
    sections, cur, fence = [], None, False
    for line in lines:
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith("## "):
            cur = [line]
            sections.append(cur)
        elif cur is not None:
            cur.append(line)
    return ["\n".join(sec).rstrip("\n") for sec in sections
            if sec[0].rstrip() not in generated]


def observations(configs):
    table = []
    for label, desc, _ in CONFIGS:
        c = configs.get(label)
        if c is None:
            table.append([label, desc, "no output", ""])
            continue
        if c.get("status") == "excluded":
            table.append([label, desc, "left out: " + c.get("reason", ""), ""])
            continue
        if c.get("status") == "unavailable":
            table.append([label, desc, "**FAILED**, could not run: " + c.get("reason", ""), ""])
            continue
        denied = sum(r["denied_calls"] for r in c["results"] if r["workload"] == "denied")
        seen = c.get("observed")
        if "observed_lost" in c:
            table.append([label, desc, "ran", "%s (of %d)" % (c["observed_lost"], denied)])
            continue
        table.append([label, desc, "ran", "-" if seen is None else
                      "%d of %d (%s)" % (seen, denied, c.get("observed_how", ""))])
    return table


def gnuplot_chart(configs, path):
    if not shutil.which("gnuplot"):
        return False
    data = path + ".dat"
    with open(data, "w") as f:
        for label, _, _ in CONFIGS:
            vals = []
            for w in ("getppid", "denied"):
                r = result(configs, label, w, "x86_64")
                vals.append(r["ratio_cpu"] if r and r["ratio_cpu"] is not None else 0)
            if any(vals):
                f.write('"%s" %s\n' % (label, " ".join(str(v) for v in vals)))
    script = ('set terminal png size 1000,500; set output "%s"; set style data histograms; '
              'set style fill solid; set ylabel "CPU time ratio to baseline (x86_64)"; '
              'set xtics rotate by -30; set logscale y; '
              'plot "%s" using 2:xtic(1) title "getppid (allowed)", "" using 3 title "keyctl (denied)"'
              % (path, data))
    ok = subprocess.run(["gnuplot", "-e", script], capture_output=True).returncode == 0
    os.unlink(data)
    return ok


def worst_md(a, configs, wtable, wdoc):
    md = [WORST_HEADING, ""]
    md.append("`tools/bench/seccomp-worst` under the filters worst for an observer: "
              + "; ".join("`%s`, %s" % c for c in WORST_CASES)
              + ". Each case times an allowed getppid and a syscall its filters fail with "
              "EPERM (keyctl). The module stays loaded; events off, the `seccomp_errno` "
              "event on and `count_errno=1` take turns in %s rounds of %s repetitions of "
              "%s syscalls. Median CPU time per x86_64 syscall over all repetitions, the "
              "cost added in parentheses, ratios to events off. `libseccomp350` is "
              "`seccomp-bench`'s allowlist from the tables above (module_idle, "
              "module_errno_event, module_errno_count)."
              % (a.rounds, a.reps, a.worst_iters))
    md.append("")
    md.append(md_table(WORST_HEADER, wtable))
    md.append("")
    obs = []
    for label, _ in WORST_CONFIGS[1:]:
        n = configs.get(label, {}).get("observed")
        if n is not None:
            obs.append("%s %d" % (label, n))
    if obs:
        md.append("- Denials counted by errno_outcomes: %s (%s denied syscalls each)."
                  % (", ".join(obs),
                     "%d" % (len(WORST_CASES) * (a.rounds or 0) * (a.reps or 0) *
                             (a.worst_iters or 0))))
    md += ["- " + l for l in wdoc["findings"]]
    md.append("- " + WORST_HISTORY)
    md.append("")
    return md


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--iters", type=int)
    ap.add_argument("--slow-iters", type=int)
    ap.add_argument("--reps", type=int)
    ap.add_argument("--installs", type=int)
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--worst-iters", type=int)
    ap.add_argument("--host-load", help="file of the host's load averages during the run")
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args()

    configs, filt, notes, vm, worst, extra = parse_log(a.log)
    add_ratios(configs)
    skipped_abis = configs.get("baseline", {}).get("skipped_abis", [])
    expected_abis = [x for x in ("x86_64", "i386", "x32")
                     if x not in {s["abi"] for s in skipped_abis}]
    verdicts = judge(configs, expected_abis) + judge_worst(configs, worst)
    table = rows(configs)
    wtable, wdata = worst_rows(configs, worst)
    load = host_load(a.host_load) if a.host_load else None

    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "vm": vm, "guest": notes, "filter": filt,
        "iters": a.iters, "slow_iters": a.slow_iters, "reps": a.reps,
        "installs": a.installs, "rounds": a.rounds, "worst_iters": a.worst_iters,
        "smoke": a.smoke, "host_load": load,
        "method": "process CPU time (CLOCK_PROCESS_CPUTIME_ID) and wall time around a loop "
                  "of raw syscalls, pinned to one CPU, as in the kernel's "
                  "seccomp_benchmark.c; median of the repetitions with min and max",
        "note": NOTE,
        "abis_not_run": skipped_abis,
    }
    doc = {"meta": meta, "configurations": [], "findings": findings(configs)}
    for label, desc, _ in CONFIGS:
        c = configs.get(label, {})
        doc["configurations"].append({
            "label": label, "description": desc,
            "status": next(v for l, v, _ in verdicts if l == label),
            "reason": next(r for l, _, r in verdicts if l == label) or None,
            "observed": None if "observed_lost" in c else c.get("observed"),
            "observed_how": c.get("observed_lost") or c.get("observed_how"),
            "results": c.get("results", []),
        })
    doc["worst_cases"] = {
        "configurations": [],
        "table": wdata,
        "findings": worst_findings(worst, extra),
        "probes_missed": extra.get("worst_probes_missed"),
    }
    for label, desc in WORST_CONFIGS:
        doc["worst_cases"]["configurations"].append({
            "label": label, "description": desc,
            "status": next(v for l, v, _ in verdicts if l == label),
            "reason": next(r for l, _, r in verdicts if l == label) or None,
            "observed": configs.get(label, {}).get("observed"),
            "results": [{"case": case, "workload": w, "cpu_ns": summary(r["samples"]),
                         "round_medians": r["round_medians"]}
                        for (case, w), r in sorted(worst.get(label, {}).items())],
        })

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")

    print()
    print(text_table(table))
    print()
    for line in doc["findings"]:
        print(line)
    if wtable:
        print()
        print(text_table(wtable, WORST_HEADER))
        print()
        for line in doc["worst_cases"]["findings"]:
            print(line)
    print(NOTE)

    failed = [(label, reason) for label, verdict, reason in verdicts if verdict == "fail"]
    md = ["# seccomp-diag benchmark results", ""]
    if failed:
        md.append("**FAILED: %s did not produce every figure; the tables below are "
                  "incomplete.**" % ", ".join(label for label, _ in failed))
        md.append("")
    md.append("Generated by `make bench` (tools/bench/run)%s on %s. %s" % (
        " in smoke mode" if a.smoke else "", meta["date"], NOTE))
    md.append("")
    md.append("## Setup")
    md.append("")
    md.append("- Guest: %s, %s, boot and run took %ss; %s." % (
        vm.get("kernel", "?"), vm.get("accel", "?"), vm.get("seconds", "?"),
        "; ".join(n.replace("guest: ", "") for n in notes)))
    if load:
        md.append("- Host: %d CPUs; 1-minute load average %.2f to %.2f (mean %.2f, %d samples "
                  "30 s apart) during the run, as this machine sees it%s." % (
                      load["cpus"], load["min"], load["max"], load["mean"], load["samples"],
                      ": other jobs shared the CPUs the emulator ran on, figures are noisier"
                      if load["mean"] > load["cpus"] * 0.75 else ""))
    md.append("- Method: %s." % meta["method"])
    md.append("- Filter (libseccomp, like a container runtime's): %s syscall rules allowed, "
              "%s failed with ERRNO(EPERM), default ERRNO(ENOSYS), on x86_64, i386 and x32; "
              "%s BPF instructions. Workload 2 calls `%s`, which it denies."
              % (filt.get("allowed", "?"), filt.get("denied", "?"), filt.get("insns", "?"),
                 filt.get("denied_syscall", "?")))
    md.append("- Workloads: `getppid` (allowed: the path every container pays; it takes "
              "seccomp's action-cache bitmap), `denied` (the errno path the events observe), "
              "`install` (seccomp(SECCOMP_SET_MODE_FILTER) of the same filter in a child "
              "already under it: the path the detection check observes, in us per install). "
              "i386 syscalls go through `int $0x80`, x32 through `syscall` with the x32 bit.")
    md.append("- Counts: %s syscalls per repetition (%s for strace without --seccomp-bpf "
              "and for FLAG_LOG, which are orders of magnitude slower), %s installs per "
              "repetition, %s repetitions per run. The baseline and the module's "
              "configurations alternate in %s rounds in the same boot (%s repetitions per "
              "figure); the comparators run once each after them."
              % (a.iters, a.slow_iters, a.installs, a.reps, a.rounds,
                 (a.reps or 0) * (a.rounds or 0)))
    if skipped_abis:
        md.append("- ABIs not run: " + "; ".join("%s (%s)" % (s["abi"], s["reason"])
                                                 for s in skipped_abis))
    md.append("")
    md.append("## Findings")
    md.append("")
    md += ["- " + l for l in doc["findings"]]
    md.append("")
    goals = goal_rows(configs, ["x86_64", "i386", "x32"])
    if goals:
        md.append("## Event cost goals (issue 21)")
        md.append("")
        md.append("CPU ratios to `baseline`, the same figures as the table below; bpftrace "
                  "doing the same work beside them (`bpftrace` counts into a map, "
                  "`bpftrace_event` prints pid, number and errno per denial).")
        md.append("")
        md.append(md_table(["goal", "workload", "ABI", "goal", "module", "", "bpftrace"],
                           goals))
        md.append("")
    md.append("## Figures")
    md.append("")
    md.append("Ratios are to `baseline` for the same workload and ABI. CPU time is the "
              "benchmark task's own (kernel work done on its behalf included); work done by "
              "another task (the strace process, kauditd) shows only in wall time.")
    md.append("")
    md.append(md_table(HEADER, table))
    md.append("")
    md.append("## Configurations and what each observed")
    md.append("")
    md.append(md_table(["configuration", "what", "ran", "denied calls observed"],
                       observations(configs)))
    md.append("")
    if not a.smoke and gnuplot_chart(configs, os.path.join(a.out, "results.png")):
        md.append("![CPU time ratios](results.png)")
        md.append("")
    md += worst_md(a, configs, wtable, doc["worst_cases"])
    path = os.path.join(a.out, "results.md")
    for sec in carried_sections(path, {l for l in md if l.startswith("## ")}):
        md += [sec, ""]
    with open(path, "w") as f:
        f.write("\n".join(md))

    print()
    counts = {"pass": 0, "fail": 0, "skip": 0}
    for i, (label, verdict, reason) in enumerate(verdicts, 1):
        counts[verdict] += 1
        word = {"pass": "ok", "fail": "not ok", "skip": "ok"}[verdict]
        extra = {"pass": "", "fail": " # " + reason, "skip": " # SKIP " + reason}[verdict]
        print("%s %d bench %s%s" % (word, i, label, extra))
    print("# results in %s/results.md and results.json" % a.out)
    for label, reason in failed:
        print("bench: FAILED: %s: %s" % (label, reason), file=sys.stderr)
    print("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0"
          % (counts["pass"], counts["fail"], counts["skip"]))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
