/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Syscalls whose common callers fall back to an older syscall only when
 * the new one fails with ENOSYS: under a filter that answers them with
 * EPERM the caller fails instead.  One table for the module and the
 * seccomp-diag tool.
 *
 * Each entry was checked against the caller's source.  Left out on
 * purpose:
 * - process_madvise, mount_setattr and other syscalls that profiles deny
 *   with the kernel's own EPERM meaning (missing capability): callers
 *   have no fallback, EPERM is the right answer there.
 * - close_range: glibc's closefrom() falls back to /proc/self/fd on any
 *   error, not only ENOSYS.
 * - pidfd_open, pidfd_send_signal: Go's os package gives up pidfds on any
 *   error (checkPidfd()), as containerd does.
 * - statx for libuv and Rust std: both treat EPERM like ENOSYS there.
 * - openat2, epoll_pwait2: no widespread caller found that needs ENOSYS.
 */
#ifndef _SECCOMP_DIAG_CASUALTIES_H
#define _SECCOMP_DIAG_CASUALTIES_H

struct sdiag_casualty {
	const char *name;	/* kernel syscall table name */
	const char *caller;	/* who falls back only on ENOSYS */
	const char *breakage;	/* what fails under EPERM instead */
	/*
	 * Its number in the numbering all architectures share since 5.1
	 * (424 and up; x32 adds __X32_SYSCALL_BIT), 0 for older syscalls.
	 * A kernel that lacks the syscall would answer ENOSYS there, so an
	 * EPERM from the filter breaks the caller all the same.
	 */
	unsigned int unified_nr;
};

static const struct sdiag_casualty sdiag_casualties[] = {
	{
		.name = "clone3",
		.caller = "glibc 2.34+ pthread_create, posix_spawn (clone only on ENOSYS)",
		.breakage = "pthread_create/posix_spawn fail with EPERM: no threads (moby#42680)",
		.unified_nr = 435,
	},
	{
		.name = "faccessat2",
		.caller = "glibc 2.33+ faccessat (faccessat only on ENOSYS)",
		.breakage = "faccessat() fails with EPERM: test -x, make see files as inaccessible",
		.unified_nr = 439,
	},
	{
		.name = "fchmodat2",
		.caller = "glibc 2.39+ fchmodat(AT_SYMLINK_NOFOLLOW) (O_PATH only on ENOSYS)",
		.breakage = "fchmodat(AT_SYMLINK_NOFOLLOW) fails with EPERM: lchmod, chmod -h fail",
		.unified_nr = 452,
	},
	{
		.name = "statx",
		.caller = "glibc 2.28+ statx() (ls), i386 glibc 2.33+ stat (old one on ENOSYS)",
		.breakage = "stat calls fail with EPERM: ls, stat, on i386 any program that stats",
		.unified_nr = 0,
	},
};

#endif /* _SECCOMP_DIAG_CASUALTIES_H */
