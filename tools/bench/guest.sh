#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the VM (busybox sh), started by tools/bench/run: every
# configuration of the benchmark in one boot, the module loaded and
# unloaded between them.  Every figure is a "bench:" line for the host to
# collect; a configuration that cannot run says why on a status=unavailable
# line (the report fails it) instead of vanishing, and one left out on
# purpose on a status=excluded line (the report skips it).
#
# usage: guest.sh ITERS REPS INSTALLS SLOW_ITERS COMPARATORS ROUNDS WORST_ITERS
#   SLOW_ITERS: syscalls per repetition for comparators that stop the
#   task on every syscall; COMPARATORS: "all", "no-bpftrace" (tools/bench/run
#   --no-bpftrace) or "none" (smoke run); ROUNDS: how often the baseline and
#   module configurations alternate; WORST_ITERS: syscalls per repetition of
#   seccomp-worst's cases.

iters=$1
reps=$2
installs=$3
slow_iters=$4
comparators=$5
rounds=$6
worst_iters=$7
cpu=1
bench=/opt/seccomp-bench
worst=/opt/seccomp-worst
ko=/opt/bench/seccomp_diag.ko
params=/sys/module/seccomp_diag/parameters
event=/sys/kernel/tracing/events/seccomp_diag/seccomp_errno
status=0

other_cpu=0
# Only one CPU when the guest has one.
[ "$(nproc)" -gt 1 ] || cpu=0

run() {
	label=$1
	shift
	echo "# config $label: $*"
	taskset -c $cpu $bench --cpu $cpu --iters "$iters" --reps "$reps" \
		--installs "$installs" --label "$label" "$@" || {
		echo "bench: label=$label status=failed reason=seccomp-bench exited $?"
		status=1
	}
}

unavailable() {
	echo "bench: label=$1 status=unavailable reason=$2"
}

# seccomp-worst's three filter cases as configuration $1.
worst_run() {
	label=$1
	echo "# config $label"
	taskset -c $cpu $worst "$label" "$worst_iters" "$reps" || {
		echo "bench: label=$label status=failed reason=seccomp-worst exited $?"
		status=1
	}
}

# switched_on FILE COMMAND...: COMMAND with FILE (an event's enable, a
# knob) set to 1, then 0 again; the seccomp_errno outcomes the module
# counted meanwhile in $counted.  Status 1, COMMAND not run, when FILE
# cannot be written.
switched_on() {
	knob=$1
	shift
	before=$(cat /sys/kernel/seccomp_diag/errno_outcomes)
	echo 1 > "$knob" || return 1
	"$@"
	echo 0 > "$knob"
	counted=$(($(cat /sys/kernel/seccomp_diag/errno_outcomes) - before))
}

excluded() {
	echo "bench: label=$1 status=excluded reason=$2"
}

observed() {
	echo "bench: label=$1 observed=$2 how=$3"
}

# Records of "type=1326" (AUDIT_SECCOMP) lines in the kernel log so far.
audit_lines() {
	dmesg | grep -c 'type=1326'
}

# Process $1 runs: it exists and has not exited (an exited child stays
# until the shell waits for it, and kill -0 still finds it).
running() {
	state=$(sed -n 's/.*) \(.\).*/\1/p' /proc/"$1"/stat 2>/dev/null)
	[ -n "$state" ] && [ "$state" != Z ]
}

# Run the getppid and denied workloads under bpftrace program $2, as
# configuration $1; its output goes to /tmp/bpftrace.out.  Sets bt_ran.
bpftrace_run() {
	label=$1
	bt_ran=
	if [ "$comparators" = no-bpftrace ]; then
		excluded "$label" "left out with --no-bpftrace"
		return
	fi
	if [ ! -x /opt/bpftrace ]; then
		unavailable "$label" "no bpftrace on the host (scripts/install-deps bench installs it)"
		return
	fi
	# On the other CPU: its reader must keep up with a line per event.
	taskset -c $other_cpu /opt/bpftrace -e "$2" > /tmp/bpftrace.out 2>&1 &
	bt=$!
	i=0
	while ! grep -q Attaching /tmp/bpftrace.out && [ $i -lt 300 ] &&
	      kill -0 $bt 2>/dev/null; do
		sleep 1
		i=$((i + 1))
	done
	if grep -q Attaching /tmp/bpftrace.out && kill -0 $bt 2>/dev/null; then
		sleep 2
		run "$label" --workloads getppid,denied
		kill -INT $bt
		# One run of make bench waited here for half an hour, the
		# guest idle: bpftrace gets a minute to print its map and go.
		i=0
		while running $bt && [ $i -lt 60 ]; do
			sleep 1
			i=$((i + 1))
		done
		if running $bt; then
			echo "# $label: bpftrace still running 60 s after SIGINT, killed"
			kill -KILL $bt
		fi
		wait $bt
		bt_ran=1
	else
		kill $bt 2>/dev/null
		wait $bt 2>/dev/null
		unavailable "$label" "$(grep -v '^$' /tmp/bpftrace.out | tail -n 1 | tr -d '\r' | tr '=' ':')"
	fi
}

echo "# guest: $(uname -r), $(nproc) CPUs, pinned to CPU $cpu"
echo "# bpf_jit_enable=$(cat /proc/sys/net/core/bpf_jit_enable 2>/dev/null)"
# TCG's TSC looks unstable to the guest kernel, which then moves the trace
# clock to "global", a clock shared by all CPUs; a host with a stable TSC
# keeps the default, "local", and so does the benchmark.
if echo local > /sys/kernel/tracing/trace_clock 2>/dev/null; then
	echo "# trace_clock: local (the guest kernel chose global for TCG's unstable TSC)"
fi
echo "# seccomp actions_logged: $(cat /proc/sys/kernel/seccomp/actions_logged)"
$bench --describe | sed 's/^/bench: /'

# Warm up the emulator's translations of the syscall paths; not reported.
taskset -c $cpu $bench --cpu $cpu --iters "$iters" --reps 1 --installs "$installs" \
	--label warmup > /dev/null

# The module's own configurations take turns with the baseline, round
# after round, so that drift within the boot spreads over all of them.
errno_written=0
errno_counted=0
errno_runs=0
count_counted=0
count_runs=0
kprobe_event_counted=0
kprobe_count_counted=0
kprobe_event_runs=0
kprobe_count_runs=0
round=1
while [ $round -le "$rounds" ]; do
	echo "# round $round of $rounds"
	run baseline --workloads getppid,denied
	# What the allowlist itself costs: the same getppid with no filter.
	run no_filter --workloads getppid --no-filter
	if ! insmod $ko; then
		for l in module_idle module_check0 module_errno_event module_errno_count; do
			unavailable $l "insmod seccomp_diag.ko failed"
		done
		status=1
		break
	fi
	run module_idle --workloads getppid,denied
	if [ -d $event ]; then
		echo > /sys/kernel/tracing/trace
		if switched_on $event/enable run module_errno_event --workloads getppid,denied; then
			written=$(sed -n 's/.*entries-in-buffer\/entries-written: [0-9]*\/\([0-9]*\).*/\1/p' \
				/sys/kernel/tracing/trace)
			errno_written=$((errno_written + ${written:-0}))
			errno_counted=$((errno_counted + counted))
			errno_runs=$((errno_runs + 1))
		else
			unavailable module_errno_event "cannot write $event/enable"
		fi
	else
		unavailable module_errno_event "no seccomp_errno event in tracefs"
	fi
	# The same probe counting only: what bpftrace's map counter does.
	if switched_on $params/count_errno run module_errno_count --workloads getppid,denied; then
		count_counted=$((count_counted + counted))
		count_runs=$((count_runs + 1))
	else
		unavailable module_errno_count "cannot write $params/count_errno"
	fi
	# Installs last and apart: freeing their JITed filters afterwards
	# makes the emulator drop translations, which would land on
	# whatever is measured next; the pause lets that settle.
	run module_idle --workloads install
	sleep 1
	if echo 0 > $params/check; then
		run module_check0 --workloads install
		echo 1 > $params/check
	else
		unavailable module_check0 "cannot write $params/check"
	fi
	rmmod seccomp_diag || { echo "# rmmod seccomp_diag failed"; status=1; break; }
	# The same probe on a kprobe (outcome_ftrace=0): what ftrace saves.
	if insmod $ko outcome_ftrace=0; then
		echo > /sys/kernel/tracing/trace
		if switched_on $event/enable run module_kprobe_event --workloads getppid,denied; then
			kprobe_event_counted=$((kprobe_event_counted + counted))
			kprobe_event_runs=$((kprobe_event_runs + 1))
		else
			unavailable module_kprobe_event "cannot write $event/enable"
		fi
		if switched_on $params/count_errno run module_kprobe_count --workloads getppid,denied; then
			kprobe_count_counted=$((kprobe_count_counted + counted))
			kprobe_count_runs=$((kprobe_count_runs + 1))
		else
			unavailable module_kprobe_count "cannot write $params/count_errno"
		fi
		rmmod seccomp_diag || { echo "# rmmod seccomp_diag failed"; status=1; break; }
	else
		for l in module_kprobe_event module_kprobe_count; do
			unavailable $l "insmod seccomp_diag.ko outcome_ftrace=0 failed"
		done
	fi
	sleep 1
	run baseline --workloads install
	sleep 1
	round=$((round + 1))
done
[ "$errno_runs" = 0 ] ||
	observed module_errno_event "$errno_written" \
		"trace buffer entries written; errno_outcomes counter +$errno_counted"
[ "$count_runs" = 0 ] ||
	observed module_errno_count "$count_counted" "errno_outcomes counter"
[ "$kprobe_event_runs" = 0 ] ||
	observed module_kprobe_event "$kprobe_event_counted" "errno_outcomes counter"
[ "$kprobe_count_runs" = 0 ] ||
	observed module_kprobe_count "$kprobe_count_counted" "errno_outcomes counter"
dmesg | grep 'seccomp_diag:' | grep -v taint | tail -n 2 | sed 's/^/# /'

# The filters worst for an observer (seccomp-worst: number-only, one
# 4096-instruction and 32 stacked 1000-instruction argument-dependent
# filters), the module loaded throughout: events off, the seccomp_errno
# event on, and count_errno=1 take turns round after round.  Does the
# cost the event adds grow with the filters?
if [ ! -x $worst ]; then
	for l in worst_module_idle worst_errno_event worst_errno_count; do
		unavailable $l "no $worst in the guest"
	done
	status=1
elif ! insmod $ko; then
	for l in worst_module_idle worst_errno_event worst_errno_count; do
		unavailable $l "insmod seccomp_diag.ko failed"
	done
	status=1
else
	event_counted=0
	count_counted=0
	round=1
	while [ $round -le "$rounds" ]; do
		echo "# worst cases, round $round of $rounds"
		worst_run worst_module_idle
		if [ ! -d $event ]; then
			unavailable worst_errno_event "no seccomp_errno event in tracefs"
		elif switched_on $event/enable worst_run worst_errno_event; then
			event_counted=$((event_counted + counted))
		else
			unavailable worst_errno_event "cannot write $event/enable"
		fi
		if switched_on $params/count_errno worst_run worst_errno_count; then
			count_counted=$((count_counted + counted))
		else
			unavailable worst_errno_count "cannot write $params/count_errno"
		fi
		round=$((round + 1))
	done
	observed worst_errno_event "$event_counted" "errno_outcomes counter"
	observed worst_errno_count "$count_counted" "errno_outcomes counter"
	echo "# probes_missed after the worst cases:" \
		"$(tr '\n' ' ' < /sys/kernel/seccomp_diag/probes_missed)"
	rmmod seccomp_diag || { echo "# rmmod seccomp_diag failed"; status=1; }
	sleep 1
fi

# Under TCG the first run of freshly JITed code is translated, which real
# CPUs never pay for.  The check reads most answers off the classic BPF
# instead, but runs a filter whose answer depends on the arguments: the
# same install figures with the BPF interpreter keep that apart.
if [ "$comparators" != none ] && echo 0 > /proc/sys/net/core/bpf_jit_enable; then
	run baseline_nojit --workloads install
	if insmod $ko; then
		run module_idle_nojit --workloads install
		echo 0 > $params/check
		run module_check0_nojit --workloads install
		rmmod seccomp_diag || status=1
	fi
	echo 1 > /proc/sys/net/core/bpf_jit_enable
fi

if [ "$comparators" != none ]; then
	# bpftrace, with a kretprobe on __secure_computing, which returns -1
	# for the syscalls seccomp skipped: counting them in a map (the
	# cheapest observation), and writing one line per skipped syscall
	# (a record per event, as seccomp_errno writes).
	bpftrace_run bpftrace \
		'kretprobe:__secure_computing /retval != 0/ { @skipped = count(); }'
	n=$(sed -n 's/^@skipped: //p' /tmp/bpftrace.out)
	[ -z "$bt_ran" ] ||
		observed bpftrace "${n:-0}" "@skipped map (kretprobe hits with retval != 0)"
	bpftrace_run bpftrace_printf \
		'kretprobe:__secure_computing /retval != 0/ { printf("skipped pid=%d comm=%s\n", tid, comm); }'
	[ -z "$bt_ran" ] ||
		observed bpftrace_printf "$(grep -c '^skipped pid=' /tmp/bpftrace.out)" \
			"lines printed by bpftrace"
	# The seccomp_errno event's equivalent: pid, number and errno, from
	# the user registers seccomp left (task_pt_regs() on x86_64, at the
	# top of the 16 KiB kernel stack).
	bpftrace_run bpftrace_event \
		'kretprobe:__secure_computing /retval != 0/ { $r = (struct pt_regs *)((uint64)curtask->stack + 16384 - 168); printf("skipped pid=%d nr=%d errno=%d\n", tid, $r->orig_ax, -(int64)$r->ax); }'
	[ -z "$bt_ran" ] ||
		observed bpftrace_event "$(grep -c '^skipped pid=.* errno=' /tmp/bpftrace.out)" \
			"lines printed by bpftrace"

	if [ -x /opt/strace ]; then
		# --seccomp-bpf only stops at syscalls its own filter returns
		# TRACE for; the allowlist's ERRNO outranks TRACE, so it cannot
		# see the denied calls at all (observed 0 below).
		for variant in none keyctl; do
			label=strace_seccomp_bpf_$variant
			echo "# config $label"
			taskset -c $cpu /opt/strace -f --seccomp-bpf -e trace=$variant -Z \
				-o /tmp/$label.out $bench --cpu $cpu --iters "$iters" \
				--reps "$reps" --label $label --workloads getppid,denied ||
				unavailable $label "strace exited $?"
			observed $label "$(grep -c keyctl /tmp/$label.out)" "strace output lines"
		done
		# Plain ptrace stops at every syscall, so it sees the denials.
		label=strace_ptrace_keyctl
		echo "# config $label"
		taskset -c $cpu /opt/strace -f -e trace=keyctl -Z -o /tmp/$label.out \
			$bench --cpu $cpu --iters "$slow_iters" --reps "$reps" \
			--label $label --workloads getppid,denied ||
			unavailable $label "strace exited $?"
		observed $label "$(grep -c keyctl /tmp/$label.out)" "strace output lines"
	else
		for l in strace_seccomp_bpf_none strace_seccomp_bpf_keyctl strace_ptrace_keyctl; do
			unavailable $l "no strace on the host (scripts/install-deps bench installs it)"
		done
	fi

	# Audit-style logging: the allowlist installed with
	# SECCOMP_FILTER_FLAG_LOG.  No auditd runs, so records reach the
	# kernel log through kauditd's ratelimited printk, or get lost.
	dmesg -c > /dev/null
	saved=$iters
	iters=$slow_iters
	run flag_log --workloads getppid,denied --log
	iters=$saved
	observed flag_log "$(audit_lines)" "type=1326 records in the kernel log"
	dmesg | grep -E 'audit' | grep -v 'type=1326' | tail -n 3 | sed 's/^/# /'
else
	for l in bpftrace bpftrace_printf bpftrace_event strace_seccomp_bpf_none strace_seccomp_bpf_keyctl \
		 strace_ptrace_keyctl flag_log baseline_nojit module_idle_nojit \
		 module_check0_nojit; do
		excluded $l "not run in the smoke test"
	done
fi

exit $status
