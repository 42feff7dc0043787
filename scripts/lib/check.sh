# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by scripts/check (make check) and scripts/check-host (make
# check-host): one count over every stage, the time each stage took, and
# the host stages both run.  The caller sets top (the checkout, also the
# working directory), build and logs, and calls check_summary last.

# depmod and modinfo live in sbin, which a user's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

passed=0
failed=0
skipped=0
failures=()
timings=()

# One check that passes or fails as a whole.
result() {
	local name=$1 rc=$2
	if [ "$rc" = 0 ]; then
		echo "ok - $name"
		passed=$((passed + 1))
	else
		echo "not ok - $name"
		failed=$((failed + 1))
		failures+=("$name")
	fi
}

# failure_context LOG: the harness's own complaints in LOG (a timeout, a
# splat, a failed insmod) under the last failure of the summary.
failure_context() {
	failure_quote "$1" 6 '^(vmtest|[a-z-]+): |^not ok insmod|^\[ *[0-9.]+\] (WARNING|BUG|Oops|Kernel panic)'
}

# shellcheck source=scripts/lib/tap.sh
. "$top/scripts/lib/tap.sh"	# add_totals: the "# Totals:" lines of a stage

stage_start=0
stage() {
	stage_end
	stage_name=$1
	stage_start=$(date +%s)
	echo
	echo "=== $stage_name"
}
stage_end() {
	[ "$stage_start" = 0 ] && return 0
	timings+=("$(printf '%-28s %4ss' "$stage_name" $(($(date +%s) - stage_start)))")
	stage_start=0
}

# A target of the Makefile that must build without a single warning.
build_clean() {
	local name=$1 log=$logs/$2.log
	shift 2
	"$@" >"$log" 2>&1
	local rc=$?
	if [ "$rc" = 0 ] && grep -q 'warning:' "$log"; then
		grep 'warning:' "$log" | head -20
		rc=1
	fi
	[ "$rc" = 0 ] || tail -n 30 "$log"
	result "$name" "$rc"
	return "$rc"
}

# A stage whose command prints kselftest-style "# Totals:" lines.
run_totals() {
	local name=$1 log=$logs/$2.log
	shift 2
	"$@" >"$log" 2>&1
	local rc=$?
	grep -a -E '^(not ok|# Totals)' "$log"
	if ! add_totals "$log" "$name" || [ "$rc" != 0 ]; then
		tail -n 20 "$log"
		result "$name exits 0 and reports totals" 1
		failure_context "$log"
	fi
}

# The stages that need neither root, a VM nor a package install: build,
# style, the tool's host tests and fuzzing, the docs and make install.
# Sets module_ok and selftests_ok for the VM stages.
check_host_stages() {
	local ktree f ignore out rc

	stage "build"
	build_clean "module builds with W=1, no warnings" module make module W=1
	module_ok=$?
	build_clean "module is sparse (C=2) clean" sparse make module C=2 W=1
	build_clean "selftests build" selftests make selftests
	selftests_ok=$?
	build_clean "tools build" tools make tools

	# The selftests must also build where kernel developers run them: copied
	# into a kernel tree's tools/testing/selftests/, through its lib.mk.
	# OUTPUT as tools/testing/selftests/Makefile passes it: lib.mk sets
	# none below the top make level, and would write the programs to /.
	ktree=$build/ktree
	rm -rf "$ktree/tools/testing/selftests/seccomp_diag"
	"$top/scripts/kernel-src" "$ktree" tools/testing/selftests/lib.mk \
		tools/testing/selftests/kselftest_harness.h tools/testing/selftests/kselftest.h &&
		cp -r selftests/seccomp_diag "$ktree/tools/testing/selftests/" &&
		mkdir -p "$ktree/out/seccomp_diag" &&
		build_clean "selftests build inside a kernel tree (lib.mk)" ktree-selftests \
			make -C "$ktree/tools/testing/selftests/seccomp_diag" \
			OUTPUT="$ktree/out/seccomp_diag"

	stage "style"
	"$top/scripts/kernel-src" "$build/linux-src" scripts/checkpatch.pl \
		scripts/spelling.txt scripts/const_structs.checkpatch
	for f in $(ls module/*.[ch] module/compat/*.c selftests/seccomp_diag/*.[ch] tools/stress/*.c \
		scripts/fixtures/broken-module/*.c scripts/fixtures/debug-bugs/*.c | grep -v '\.mod\.c$'); do
		ignore=FILE_PATH_CHANGES,SPDX_LICENSE_TAG,ENOSYS
		# TRACE_EVENT()'s own layout, as in include/trace/events/*.h.
		[ "$f" = module/trace.h ] && ignore=$ignore,OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT
		out=$(perl "$build/linux-src/scripts/checkpatch.pl" --no-tree -f --strict \
			--quiet --ignore "$ignore" "$f" 2>&1)
		rc=$?
		[ "$rc" = 0 ] || echo "$out" | head -20
		result "checkpatch --strict $f" "$rc"
	done

	stage "host tests"
	run_totals "tools check" tools-check make -C tools BUILD="$build/tools" check
	# A short libFuzzer run of the BPF reader and evaluator; make fuzz runs long.
	run_totals "fuzz (${CHECK_FUZZ_SECONDS:-15} s)" fuzz \
		make fuzz FUZZ_SECONDS="${CHECK_FUZZ_SECONDS:-15}"

	stage "docs and packaging"
	build_clean "documentation builds with sphinx -W" docs make docs
	run_totals "docs match the code" docs-test scripts/docs-test.py
	run_totals "make install/uninstall" install-test scripts/install-test
}

# The time per stage, the failures and the closing "N passed, N failed"
# line; the status is 0 only when nothing failed.
check_summary() {
	local line

	stage_end
	echo
	echo "=== time per stage"
	printf '%s\n' "${timings[@]}"
	printf '%-28s %4ss\n' "total" $(($(date +%s) - check_start))
	if [ ${#failures[@]} -gt 0 ]; then
		echo
		echo "=== failures"
		printf '  %s\n' "${failures[@]}"
	fi
	echo
	line="$passed passed, $failed failed"
	[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
	echo "$line"
	[ "$failed" = 0 ]
}

check_start=$(date +%s)
mkdir -p "$logs"
