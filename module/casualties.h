/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Real syscalls whose common callers fall back to an older syscall only
 * on ENOSYS, so that an EPERM answer breaks them.  One table for the
 * module's casualty finding and the seccomp-diag tool.  Syscalls denied
 * on purpose with the kernel's own EPERM meaning and no fallback
 * (process_madvise, mount_setattr...) do not belong here.
 */
#ifndef _SECCOMP_DIAG_CASUALTIES_H
#define _SECCOMP_DIAG_CASUALTIES_H

struct sdiag_casualty {
	const char *name;	/* syscall table name */
	const char *caller;	/* who falls back on ENOSYS only */
	const char *breakage;	/* what fails when it gets EPERM */
	/*
	 * The number in the unified numbering (424 and up, the same on every
	 * architecture, x32 with __X32_SYSCALL_BIT), for judging the syscall
	 * where this kernel lacks it: its own answer would be ENOSYS, so an
	 * EPERM there is exactly the breakage.  0 for older syscalls, whose
	 * numbers come from the kernel's table.
	 */
	unsigned int unified_nr;
};

static const struct sdiag_casualty sdiag_casualties[] = {
	{ .name = "clone3",
	  .caller = "glibc 2.34+ pthread_create/posix_spawn",
	  .breakage = "threads and child processes fail to start (moby#42680)",
	  .unified_nr = 435 },
	{ .name = "faccessat2",
	  .caller = "glibc 2.33+ faccessat",
	  .breakage = "access checks with flags fail with EPERM",
	  .unified_nr = 439 },
	{ .name = "fchmodat2",
	  .caller = "glibc 2.39+ fchmodat",
	  .breakage = "fchmodat with AT_SYMLINK_NOFOLLOW fails with EPERM",
	  .unified_nr = 452 },
	{ .name = "statx",
	  .caller = "libuv uv_fs_stat, the JDK, Rust std",
	  .breakage = "file status queries fail with EPERM" },
	{ .name = "close_range",
	  .caller = "glibc closefrom, systemd, CPython subprocess",
	  .breakage = "closing inherited descriptors fails before exec",
	  .unified_nr = 436 },
	{ .name = "openat2",
	  .caller = "systemd, runc and libpathrs path resolution",
	  .breakage = "safe path resolution fails instead of using openat",
	  .unified_nr = 437 },
	{ .name = "pidfd_open",
	  .caller = "systemd, CPython os.pidfd_open users, GLib",
	  .breakage = "process supervision fails instead of using signals",
	  .unified_nr = 434 },
	{ .name = "epoll_pwait2",
	  .caller = "glibc 2.35+ epoll_pwait2 users, libuv",
	  .breakage = "event loops with fine timeouts fail with EPERM",
	  .unified_nr = 441 },
};

#endif /* _SECCOMP_DIAG_CASUALTIES_H */
