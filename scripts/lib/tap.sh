# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by the packaging and docs tests: kselftest-style TAP output
# ending in the "# Totals:" line that scripts/check adds up; and by the
# runners that add those lines up (tap_totals, add_totals).

tap_n=0
tap_pass=0
tap_fail=0
tap_skip=0

tap_start()
{
	echo "TAP version 13"
	echo "# $*"
}

# tap_result STATUS NAME...: STATUS 0 passes, anything else fails.
tap_result()
{
	local status=$1

	shift
	tap_n=$((tap_n + 1))
	if [ "$status" -eq 0 ]; then
		tap_pass=$((tap_pass + 1))
		echo "ok $tap_n $*"
	else
		tap_fail=$((tap_fail + 1))
		echo "not ok $tap_n $*"
	fi
}

# tap_check NAME COMMAND...: run COMMAND, its status is the result.
tap_check()
{
	local name=$1

	shift
	"$@"
	tap_result $? "$name"
}

tap_skip()
{
	local name=$1

	shift
	tap_n=$((tap_n + 1))
	tap_skip=$((tap_skip + 1))
	echo "ok $tap_n $name # SKIP $*"
}

tap_diag()
{
	local line

	for line in "$@"; do
		echo "# $line"
	done
}

# Print the plan and totals; the exit status fails only on failures.
tap_end()
{
	echo "1..$tap_n"
	echo "# Totals: pass:$tap_pass fail:$tap_fail xfail:0 xpass:0 skip:$tap_skip error:0"
	[ "$tap_fail" -eq 0 ]
}

# ok NAME, not_ok NAME, totals: unnumbered results counted in the passed,
# failed and skipped variables that add_totals adds a stage's totals to;
# totals prints the "# Totals:" line and exits, 0 only without failures.
ok() { echo "ok - $1"; passed=$((${passed:-0} + 1)); }
not_ok() { echo "not ok - $1"; failed=$((${failed:-0} + 1)); }
totals() {
	echo "# Totals: pass:${passed:-0} fail:${failed:-0} xfail:0 xpass:0 skip:${skipped:-0} error:0"
	[ "${failed:-0}" = 0 ]
	exit
}

# tap_totals FILE: "PASS FAIL SKIP" summed over the "# Totals:" lines that
# start a line in FILE (errors count as failures), "none" if there are none.
# Keys match whole, so xpass: is never read as pass:.
tap_totals()
{
	tr -d '\r' <"$1" | sed -n 's/^# Totals: //p' | awk '
		{
			for (i = 1; i <= NF; i++) {
				split($i, kv, ":")
				v[kv[1]] += kv[2]
			}
			n++
		}
		END {
			if (n) print v["pass"] + 0, v["fail"] + v["error"], v["skip"] + 0
			else print "none"
		}'
}

# add_totals FILE [NAME]: add the "# Totals:" lines of FILE to the caller's
# passed, failed and skipped counters; when some failed and NAME is given,
# "NAME: N failed" joins the caller's failures array.  Status 1 when FILE
# has no totals (nothing is added).
add_totals()
{
	local p f s

	read -r p f s <<<"$(tap_totals "$1")"
	[ "$p" = none ] && return 1
	passed=$((${passed:-0} + p))
	failed=$((${failed:-0} + f))
	skipped=$((${skipped:-0} + s))
	if [ "$f" != 0 ] && [ -n "${2:-}" ]; then
		failures+=("$2: $f failed")
		failure_lines "$1"
	fi
	return 0
}

# failure_lines FILE: what failed in FILE, for the caller's failures array:
# the "not ok" lines and the harness's failed assertions
# ("# file.c:LINE:test:Expected ..."), a few of each, so that a summary
# cut to its last lines still says why.
failure_lines()
{
	failure_quote "$1" 8 '^not ok' '# SKIP'
	failure_quote "$1" 8 '^# +[^ ]+\.[ch]:[0-9]+:[^:]*:Expected '
}

# failure_quote FILE MAX PATTERN [EXCLUDE]: the first MAX lines of FILE
# that match PATTERN (and not EXCLUDE), indented, into failures.
failure_quote()
{
	local line

	while IFS= read -r line; do
		failures+=("    $line")
	done < <(tr -d '\r' <"$1" | grep -a -E "$3" |
		 if [ -n "${4:-}" ]; then grep -a -v -E "$4"; else cat; fi |
		 head -n "$2")
}
