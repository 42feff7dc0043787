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
    ("bpftrace",
     "bpftrace 'kretprobe:__secure_computing /retval != 0/ { @skipped = count(); }'",
     ["getppid", "denied"]),
    ("bpftrace_printf",
     "bpftrace 'kretprobe:__secure_computing /retval != 0/ { printf(\"skipped pid=%d comm=%s\\n\", tid, comm); }'",
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
    with open(path, errors="replace") as f:
        lines = [l.rstrip("\r\n") for l in f]
    for line in lines:
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
    return configs, filt, notes, vm


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


def text_table(table):
    widths = [max(len(h), *(len(r[i]) for r in table)) if table else len(h)
              for i, h in enumerate(HEADER)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths))]
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
            if r and c.get("observed", 0) > 0 and r["ratio_cpu"] is not None:
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--iters", type=int)
    ap.add_argument("--slow-iters", type=int)
    ap.add_argument("--reps", type=int)
    ap.add_argument("--installs", type=int)
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args()

    configs, filt, notes, vm = parse_log(a.log)
    add_ratios(configs)
    skipped_abis = configs.get("baseline", {}).get("skipped_abis", [])
    expected_abis = [x for x in ("x86_64", "i386", "x32")
                     if x not in {s["abi"] for s in skipped_abis}]
    verdicts = judge(configs, expected_abis)
    table = rows(configs)

    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "vm": vm, "guest": notes, "filter": filt,
        "iters": a.iters, "slow_iters": a.slow_iters, "reps": a.reps,
        "installs": a.installs, "rounds": a.rounds, "smoke": a.smoke,
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
            "observed": c.get("observed"), "observed_how": c.get("observed_how"),
            "results": c.get("results", []),
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
    with open(os.path.join(a.out, "results.md"), "w") as f:
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
