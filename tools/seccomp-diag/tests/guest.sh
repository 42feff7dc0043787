#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The seccomp-diag tool against the real module, inside the test VM with
# seccomp_diag loaded (scripts/tool-live runs it): what status, check --pid
# and trace report is compared with what the module did for known filters
# and denials.  TAP output ending in a "# Totals:" line.
#
# usage: guest.sh [TOOL [HELPER]]   (default /opt/seccomp-diag, /opt/live_helper)

SD=${1:-/opt/seccomp-diag}
H=${2:-/opt/live_helper}
T=/sys/kernel/tracing
C=/sys/kernel/seccomp_diag
tmp=$(mktemp -d)

n=0 pass=0 fail=0 skip=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		pass=$((pass + 1))
		echo "ok $n $2"
	else
		fail=$((fail + 1))
		echo "not ok $n $2"
	fi
}
diag() { sed 's/^/# /' "$@"; }

# "NAME=VALUE" words of `seccomp-diag status`
status_val() { "$SD" status | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# The counters settle when a verdict is final (the task exited): wait
# until $1 differs from $2, 3 s at most.
settle() {
	i=0
	while [ "$(cat "$C/$1")" = "$2" ] && [ $i -lt 30 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# Start `seccomp-diag trace ARGS` into $tmp/trace and wait until its
# private instance has the seccomp_diag events on.
trace_start() {
	"$SD" trace "$@" >"$tmp/trace" 2>&1 &
	tpid=$!
	i=0
	while [ $i -lt 100 ]; do
		for e in $T/instances/seccomp-diag-trace-$tpid/events/seccomp_diag/notif_reply/enable; do
			[ "$(cat "$e" 2>/dev/null)" = 1 ] && return 0
		done
		sleep 0.1
		i=$((i + 1))
	done
	echo "# trace did not start:"
	diag "$tmp/trace"
	return 1
}

# Wait 10 s at most for trace to end; its exit status in $rc, its output
# shown.
trace_end() {
	i=0
	while kill -0 "$tpid" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill "$tpid" 2>/dev/null
	wait "$tpid"
	rc=$?
	diag "$tmp/trace"
}

# Run the helper ("install KIND COMM", "deny ERRNO COMM"): the pid it
# reports ("installed PID", "denied PID ERRNO") in $pid.
helper() {
	pid=$("$H" "$@" | cut -d' ' -f2)
}

echo "TAP version 13"
echo "# seccomp-diag $("$SD" --version 2>/dev/null) against seccomp_diag $(cat /sys/module/seccomp_diag/version)"

# --- status reads what the module exports
"$SD" status >"$tmp/status"
rc=$?
diag "$tmp/status"
grep -qx "module: loaded, version $(cat /sys/module/seccomp_diag/version)" "$tmp/status"
result $(( rc != 0 || $? != 0 )) "status: exit 0, module loaded, the module's version"
bad=0
for c in filters_checked filters_flagged filters_casualties errno_outcomes; do
	[ -e $C/$c ] || [ $c = filters_casualties ] || bad=1
	[ -e $C/$c ] || continue
	[ "$(status_val $c)" = "$(cat $C/$c)" ] || { echo "# $c: status $(status_val $c), sysfs $(cat $C/$c)"; bad=1; }
done
result $bad "status: counters are the module's"
for e in filter_check seccomp_errno notif_reply; do
	want=off
	[ "$(cat $T/events/seccomp_diag/$e/enable)" = 1 ] && want=on
	[ "$(status_val $e)" = "$want" ] || bad=1
done
result $bad "status: event switches are tracefs's"

# --- a known install: counters before/after, seen by status
checked=$(status_val filters_checked)
flagged=$(status_val filters_flagged)
helper install eperm sdiag_eperm
pid_eperm=$pid
settle filters_flagged "$flagged"
echo "# EPERM-default filter by pid $pid_eperm: $(grep -o 'counters:.*' "$tmp/status")"
result $(( $(status_val filters_checked) != checked + 1 || $(status_val filters_flagged) != flagged + 1 )) \
	"status: an EPERM-default install adds 1 to filters_checked and filters_flagged (was $checked $flagged, now $(status_val filters_checked) $(status_val filters_flagged))"
dmesg | grep -q "seccomp_diag: \"sdiag_eperm\" pid $pid_eperm "
result $? "the module warned about that install (pid $pid_eperm)"

checked=$(status_val filters_checked)
flagged=$(status_val filters_flagged)
helper install enosys sdiag_enosys
pid_enosys=$pid
settle filters_checked "$checked"
sleep 0.3
result $(( $(status_val filters_checked) != checked + 1 || $(status_val filters_flagged) != flagged )) \
	"status: an ENOSYS-default install adds 1 to filters_checked only (was $checked $flagged, now $(status_val filters_checked) $(status_val filters_flagged))"
dmesg | grep -q "seccomp_diag: \"sdiag_enosys\" pid $pid_enosys "
result $(( $? == 0 )) "the module did not warn about that install (pid $pid_enosys)"

# --- check --pid of live sandboxed processes, and the module's verdicts
"$H" sleep eperm sdiag_sleep_ep >"$tmp/sleep1" &
sleeper=$!
"$H" sleep enosys sdiag_sleep_en >"$tmp/sleep2" &
sleeper2=$!
sleep 0.5
"$SD" check --pid "$sleeper" >"$tmp/check1" 2>&1
rc=$?
diag "$tmp/check1"
grep -q "^x86_64: syscall 1048575 -> ERRNO(EPERM)" "$tmp/check1"
result $(( rc != 1 || $? != 0 )) "check --pid: a live EPERM-default sandbox is an EPERM finding (exit $rc, want 1)"
"$SD" check --pid "$sleeper2" >"$tmp/check2" 2>&1
rc=$?
diag "$tmp/check2"
grep -q "^x86_64: syscall 1048575 -> ERRNO(ENOSYS)" "$tmp/check2"
result $(( rc != 0 || $? != 0 )) "check --pid: a live ENOSYS-default sandbox is no finding (exit $rc, want 0)"
kill "$sleeper" "$sleeper2"
wait "$sleeper" "$sleeper2" 2>/dev/null
sleep 0.5
dmesg | grep -q "seccomp_diag: \"sdiag_sleep_ep\" pid $sleeper "
result $? "the module flagged the process check --pid flagged"
dmesg | grep -q "seccomp_diag: \"sdiag_sleep_en\" pid $sleeper2 "
result $(( $? == 0 )) "the module did not flag the process check --pid passed"

# --- trace decodes the binary records by their format
global_before=$(cat $T/events/seccomp_diag/*/enable | tr -d '\n')
errnos=$(cat $C/errno_outcomes)
# --errno: the deny filter's own filter_check event (ALLOW) is not shown.
if trace_start --comm 'x nr=59' --errno EPERM --count 1 --seconds 20; then
	helper deny 1 'x nr=59'
	trace_end
	grep -qF "seccomp_errno x nr=59 pid $pid tgid $pid: x86_64 getppid (110) failed with EPERM (errno)" "$tmp/trace"
	result $(( rc != 0 || $? != 0 )) "trace: a task named 'x nr=59' denied getppid decodes as getppid, not execve (exit $rc)"
	result $(( $(cat $C/errno_outcomes) != errnos + 1 )) "errno_outcomes counted the denial trace showed"
else
	result 1 "trace: a task named 'x nr=59' denied getppid decodes as getppid, not execve"
	result 1 "errno_outcomes counted the denial trace showed"
fi

# Quotes, spaces and a backslash in the name; a rarer errno.
hostile=$(printf 'q"u%so te\\' "'")
if trace_start --errno EXDEV --count 1 --seconds 20; then
	helper deny 18 "$hostile"
	trace_end
	want=$(printf 'seccomp_errno q"u%so te\\x5c pid %s tgid %s: x86_64 getppid (110) failed with EXDEV (errno)' "'" "$pid" "$pid")
	grep -qF "$want" "$tmp/trace"
	result $(( rc != 0 || $? != 0 )) "trace: quotes, spaces and a backslash in the task name, EXDEV"
else
	result 1 "trace: quotes, spaces and a backslash in the task name, EXDEV"
fi

if trace_start --comm 'x nr=59' --errno EACCES --count 1 --seconds 20 --raw; then
	helper deny 13 'x nr=59'
	trace_end
	grep -qF "seccomp_errno: pid=$pid tgid=$pid comm=x nr=59 arch=x86_64 nr=110 err=13(EACCES) action=errno" "$tmp/trace"
	result $(( rc != 0 || $? != 0 )) "trace --raw: the kernel's own print format (exit $rc)"
else
	result 1 "trace --raw: the kernel's own print format"
fi

if trace_start --comm 'x nr=59' --count 1 --seconds 20; then
	helper install eperm 'x nr=59'
	trace_end
	grep -qF "filter_check x nr=59 pid $pid installed a filter: x86_64 syscall 1048575 -> ERRNO(EPERM)" "$tmp/trace"
	result $(( rc != 0 || $? != 0 )) "trace: the filter_check event of a known install"
else
	result 1 "trace: the filter_check event of a known install"
fi

# Stopped by a signal, the private instance goes; global switches untouched.
if trace_start; then
	kill -TERM "$tpid"
	wait "$tpid"
	rc=$?
	result $rc "trace: exits 0 on SIGTERM"
else
	result 1 "trace: exits 0 on SIGTERM"
fi
ls -d $T/instances/seccomp-diag-trace-* 2>/dev/null | diag
result $(( $(ls -d $T/instances/seccomp-diag-trace-* 2>/dev/null | wc -l) != 0 )) \
	"trace: no tracefs instance left behind"
[ "$(cat $T/events/seccomp_diag/*/enable | tr -d '\n')" = "$global_before" ]
result $? "trace: the global event switches are as they were ($global_before)"

rm -rf "$tmp"
echo "1..$n"
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" = 0 ]
