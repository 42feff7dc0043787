/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Real syscalls that broke under EPERM-by-default filters.  The module's
 * warning and the seccomp-diag tool name them first, from this one list.
 */
#ifndef _SECCOMP_DIAG_CASUALTIES_H
#define _SECCOMP_DIAG_CASUALTIES_H

static const char * const sdiag_casualties[] = {
	"clone3", "openat2", "faccessat2", "fchmodat2", "statx",
	"close_range", "pidfd_open", "pidfd_send_signal", "pidfd_getfd",
	"epoll_pwait2", "process_madvise", "mount_setattr", "futex_waitv",
	"landlock_create_ruleset", "memfd_secret", "cachestat", "mseal",
};

#endif /* _SECCOMP_DIAG_CASUALTIES_H */
