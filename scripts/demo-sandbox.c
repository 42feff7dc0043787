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
 *
 *   demo-sandbox notify
 *
 * sends mkdir and rmdir to a user-notification supervisor, which refuses
 * the first with EACCES and lets the second run (CONTINUE).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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

/* Answer one notification: an error, or let the syscall run. */
static int supervise_one(int listener, int error)
{
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	int ret = -1;

	if (seccomp_notify_alloc(&req, &resp))
		return -1;
	if (!seccomp_notify_receive(listener, req)) {
		resp->id = req->id;
		resp->error = error;
		resp->val = 0;
		resp->flags = error ? 0 : SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ret = seccomp_notify_respond(listener, resp);
	}
	seccomp_notify_free(req, resp);
	return ret;
}

static int notify(void)
{
	const char *made = "/tmp/demo-notify-made", *asked = "/tmp/demo-notify-asked";
	scmp_filter_ctx ctx;
	struct stat st;
	int listener, status;
	pid_t child;

	setvbuf(stdout, NULL, _IOLBF, 0);
	mkdir(made, 0700);
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx || seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, SCMP_SYS(mkdir), 0) ||
	    seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, SCMP_SYS(rmdir), 0) ||
	    seccomp_load(ctx))
		return 2;
	/* This process supervises and never calls mkdir or rmdir itself. */
	listener = seccomp_notify_fd(ctx);
	child = fork();
	if (child == 0) {
		printf("  target:     mkdir %s -> %s\n", asked,
		       mkdir(asked, 0700) ? strerrorname_np(errno) : "ok");
		printf("  target:     rmdir %s -> %s\n", made,
		       rmdir(made) ? strerrorname_np(errno) : "ok");
		_exit(0);
	}
	if (supervise_one(listener, -EACCES) || supervise_one(listener, 0))
		return 2;
	waitpid(child, &status, 0);
	printf("  supervisor: answered mkdir with EACCES, rmdir with CONTINUE\n");
	printf("  %s %s\n", made, stat(made, &st) ? "is gone: rmdir really ran" : "still exists");
	seccomp_release(ctx);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

int main(int argc, char **argv)
{
	scmp_filter_ctx ctx;
	uint32_t deflt;
	size_t i;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "notify"))
		return notify();
	if (argc < 3 || (strcmp(argv[1], "eperm") && strcmp(argv[1], "enosys") &&
			 strcmp(argv[1], "none"))) {
		fprintf(stderr, "usage: demo-sandbox eperm|enosys|none COMMAND [ARG...] | notify\n");
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
