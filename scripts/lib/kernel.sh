# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by scripts/vmtest and the scripts that boot kernels through it:
# which kernel goes with a module, where the kernel source package is, and
# what in a guest's kernel log is a splat.  One copy of each, so that a
# pattern or a path changes in one place.

# module_kernel MODULE: the /boot image of the kernel MODULE was built for
# (its vermagic), e.g. /boot/vmlinuz-6.1.0-57-amd64.
module_kernel()
{
	local kver

	kver=$(modinfo -F vermagic "$1" 2>/dev/null | cut -d' ' -f1)
	if [ -z "$kver" ]; then
		echo "cannot read the vermagic of ${1:-(no module)}" >&2
		return 1
	fi
	echo "/boot/vmlinuz-$kver"
}

# linux_source_tarball: the newest /usr/src/linux-source-*.tar.xz, nothing
# (and status 1) when linux-source is not installed.
linux_source_tarball()
{
	local tarball

	tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
	[ -n "$tarball" ] || return 1
	echo "$tarball"
}

# What fails a guest run when its kernel log has it: BUG: and "kernel BUG
# at" (RT's "scheduling while atomic", "sleeping function called from
# invalid context" and the soft-lockup watchdog are BUG: lines too),
# WARNING: (refcount_t underflows come as one), oopses and their call
# traces, lockdep, kretprobe trouble, hung tasks, RCU stalls and panics.
KERNEL_LOG_SPLAT='\bBUG\b|\bWARNING\b|Oops|Call Trace|general protection|lockdep|refcount_t|kretprobe|blocked for more than|hung task|soft lockup|rcu.*stall|[Kk]ernel panic'

# kernel_log_splats FILE: status 0 when FILE has a splat, printing each with
# the lines around it (at most 60 lines); 1 when it is clean.
# A debug kernel (scripts/debug-kernel) announces its lock checking at
# boot: that line names lockdep without reporting anything.
KERNEL_LOG_NOT_SPLAT='RCU lockdep checking is enabled\.'
#
# grep -a: a serial console now and then carries a stray control byte (a
# NUL); grep then takes the whole log for binary and prints "binary file
# matches" instead of its lines, and a splat went unseen that way.
kernel_log_splats()
{
	grep -a -v -E "$KERNEL_LOG_NOT_SPLAT" "$1" 2>/dev/null |
		grep -a -Eq "$KERNEL_LOG_SPLAT" || return 1
	grep -a -v -E "$KERNEL_LOG_NOT_SPLAT" "$1" |
		grep -a -E -B2 -A20 "$KERNEL_LOG_SPLAT" | head -60
	return 0
}

# module_sources DEST: a fresh copy of the module's sources (no build
# products) in DEST, for kbuild to write its objects next to them:
# Kbuild, module/*.[ch], module/Kbuild and the compat/ feature probes.
module_sources()
{
	local dest=$1 top f
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	rm -rf "$dest"
	mkdir -p "$dest/module/compat"
	cp "$top/Kbuild" "$dest/"
	cp "$top"/module/compat/*.c "$dest/module/compat/"
	for f in "$top"/module/Kbuild "$top"/module/*.[ch]; do
		case $f in *.mod.c) continue ;; esac
		cp "$f" "$dest/module/"
	done
}

# host_mirror [SUITE]: the Debian mirror the host's apt sources use for
# SUITE (default: the host's own suite), else their first non-security
# one.  The archive's host name is never written down: it is read here.
host_mirror()
{
	local want=${1:-$(. /etc/os-release && echo "${VERSION_CODENAME:-}")}

	apt-get indextargets --no-release-info \
		--format '$(RELEASE) $(REPO_URI)' 'Identifier: Packages' |
		awk -v want="$want" '
			$1 == want { print $2; found = 1; exit }
			$1 !~ /-security$/ && !first { first = $2 }
			END { if (!found && first) print first }'
}

# suite_apt DIR SUITE: set the array apt_opts to a private apt state in
# DIR for Debian SUITE from the host's mirror (the host's own apt state and
# sources are left alone), and update its indexes (log: DIR/update.log).
suite_apt()
{
	local dir=$1 suite=$2 uri

	uri=$(host_mirror) && [ -n "$uri" ] || {
		echo "no Debian mirror in the host's apt sources" >&2
		return 1
	}
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	echo "deb $uri $suite main" >"$dir/sources.list"
	apt_opts=(-o Dir::Etc::sourcelist="$dir/sources.list"
		-o Dir::Etc::sourceparts=/nonexistent
		-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache"
		-o Dir::State::status=/dev/null -o Debug::NoLocking=1
		-o Acquire::Check-Valid-Until=false
		-o APT::Sandbox::User=root -q)
	apt-get "${apt_opts[@]}" update >"$dir/update.log" 2>&1 || {
		tail -n 20 "$dir/update.log" >&2
		return 1
	}
}

# kconfig_check FRAGMENT CONFIG: status 0 when every option FRAGMENT sets
# (or unsets) made it into CONFIG, else each lost line on stderr and 1:
# Kconfig silently drops an option whose dependencies are missing.
kconfig_check()
{
	local fragment=$1 config=$2 line opt lost=0

	while read -r line; do
		case $line in
		CONFIG_*=*)
			grep -qxF -- "$line" "$config" && continue ;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			grep -q "^$opt=" "$config" || continue ;;
		*) continue ;;
		esac
		echo "fragment line lost in .config: $line" >&2
		lost=1
	done <"$fragment"
	return "$lost"
}

# compile_progress LOG START NAME: every minute until killed, "NAME: ...
# M min, N files compiled" on stderr, from a kernel build's LOG begun at
# START (seconds): progress for CI logs that would otherwise stay silent.
# Run it in the background.
compile_progress()
{
	local n

	while sleep 60; do
		n=$(grep -c '^  CC ' "$1" 2>/dev/null)
		echo "$3: ... $((($(date +%s) - $2) / 60)) min, ${n:-0} files compiled" >&2
	done
}
