// SPDX-License-Identifier: GPL-2.0
/*
 * demo-sandbox: run a command under a container-style seccomp allowlist,
 * the way older runtimes build it: a list of syscalls they know, and one
 * default action for everything else.  Used by "make demo".
 *
 *   demo-sandbox eperm|enosys COMMAND [ARG...]
 *   demo-sandbox eperm|enosys|none probe
 *
 * "probe" calls the reserved syscall number and two real newer syscalls
 * under the filter and prints what they answered.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Syscalls an older container profile knows; newer ones are missing. */
static const char * const known[] = {
	"read", "write", "open", "openat", "close", "stat", "fstat", "lstat",
	"newfstatat", "poll", "lseek", "mmap", "mprotect", "munmap", "brk",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "ioctl", "pread64",
	"pwrite64", "readv", "writev", "access", "pipe", "pipe2", "select",
	"sched_yield", "mremap", "madvise", "dup", "dup2", "dup3", "nanosleep",
	"getpid", "getppid", "clone", "fork", "vfork", "execve", "exit",
	"exit_group", "wait4", "kill", "uname", "fcntl", "flock", "fsync",
	"getdents64", "getcwd", "chdir", "rename", "mkdir", "rmdir", "unlink",
	"readlink", "chmod", "umask", "gettimeofday", "getuid", "getgid",
	"geteuid", "getegid", "setpgid", "getpgrp", "setsid", "arch_prctl",
	"prctl", "set_tid_address", "set_robust_list", "futex",
	"clock_gettime", "clock_nanosleep", "getrandom", "prlimit64",
	"sysinfo", "getrlimit", "tgkill", "sigaltstack", "statfs", "fstatfs",
	"epoll_create1", "epoll_ctl", "epoll_wait", "socket", "connect",
	"sendto", "recvfrom", "rseq", "seccomp", "getdents", "faccessat",
};

static void probe_one(const char *what, long nr)
{
	long ret = syscall(nr, -1, NULL, 0, 0);
	int err = errno;

	printf("  %-34s -> %s\n", what, ret == -1 ? strerrorname_np(err) : "ok");
}

static int probe(void)
{
	probe_one("reserved syscall 1048575", 1048575);
	probe_one("clone3 (new in Linux 5.3)", SYS_clone3);
	probe_one("faccessat2 (new in Linux 5.8)", SYS_faccessat2);
	return 0;
}

int main(int argc, char **argv)
{
	scmp_filter_ctx ctx;
	uint32_t deflt;
	size_t i;
	int ret;

	if (argc < 3 || (strcmp(argv[1], "eperm") && strcmp(argv[1], "enosys") &&
			 strcmp(argv[1], "none"))) {
		fprintf(stderr, "usage: demo-sandbox eperm|enosys|none COMMAND [ARG...]\n");
		return 2;
	}
	if (!strcmp(argv[1], "none"))
		return strcmp(argv[2], "probe") ? 2 : probe();
	deflt = SCMP_ACT_ERRNO(strcmp(argv[1], "eperm") ? ENOSYS : EPERM);
	ctx = seccomp_init(deflt);
	if (!ctx) {
		fprintf(stderr, "demo-sandbox: seccomp_init failed\n");
		return 2;
	}
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		int nr = seccomp_syscall_resolve_name(known[i]);

		if (nr != __NR_SCMP_ERROR)
			seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
	}
	ret = seccomp_load(ctx);
	seccomp_release(ctx);
	if (ret) {
		fprintf(stderr, "demo-sandbox: seccomp_load: %s\n", strerror(-ret));
		return 2;
	}
	if (!strcmp(argv[2], "probe"))
		return probe();
	execvp(argv[2], argv + 2);
	fprintf(stderr, "demo-sandbox: %s: %s\n", argv[2], strerror(errno));
	return 2;
}
