// SPDX-License-Identifier: GPL-2.0
/*
 * Known seccomp activity for the tool's tests against the real module
 * (tools/seccomp-diag/tests/guest.sh), under a task name chosen by the
 * test, hostile ones included:
 *
 *   live_helper install eperm|enosys COMM
 *	print "installed PID", install a filter that allows getppid, write and exit_group and
 *	answers everything else with EPERM (the usual mistake) or ENOSYS
 *	(the fix), then exit through exit_group
 *   live_helper deny ERRNO COMM
 *	install a filter that fails getppid with ERRNO and allows the rest,
 *	call getppid once, print "denied PID ERRNO-SEEN" and exit
 *   live_helper sleep eperm|enosys COMM
 *	install the first filter (with pause allowed), print "sandboxed PID"
 *	and wait to be killed: a live sandboxed process for check --pid
 *
 * Raw classic BPF, no library: exactly the filters the tests reason about.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

/* What pause() calls: arm64 has no pause syscall, glibc uses ppoll. */
#ifdef __NR_pause
#define NR_PAUSE __NR_pause
#else
#define NR_PAUSE __NR_ppoll
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define LD_NR BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define IS_NR(nr, skip) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), (skip), 0)
#define RET(action) BPF_STMT(BPF_RET | BPF_K, (action))

static int install(struct sock_filter *insns, unsigned short len)
{
	struct sock_fprog prog = { .len = len, .filter = insns };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

static int allowlist(int dflt_errno)
{
	struct sock_filter f[] = {
		LD_NR,
		IS_NR(__NR_getppid, 5),
		IS_NR(__NR_write, 4),
		IS_NR(NR_PAUSE, 3),
		IS_NR(__NR_rt_sigreturn, 2),
		IS_NR(__NR_exit_group, 1),
		RET(SECCOMP_RET_ERRNO | dflt_errno),
		RET(SECCOMP_RET_ALLOW),
	};

	return install(f, ARRAY_SIZE(f));
}

static int deny_getppid(int err)
{
	struct sock_filter f[] = {
		LD_NR,
		IS_NR(__NR_getppid, 1),
		RET(SECCOMP_RET_ALLOW),
		RET(SECCOMP_RET_ERRNO | err),
	};

	return install(f, ARRAY_SIZE(f));
}

static int print_usage(const char *prog)
{
	fprintf(stderr, "usage: %s install|sleep eperm|enosys COMM\n"
			"       %s deny ERRNO COMM\n", prog, prog);
	return 2;
}

int main(int argc, char **argv)
{
	const char *mode, *arg;
	char line[64];
	int dflt, len;

	if (argc != 4)
		return print_usage(argv[0]);
	mode = argv[1];
	arg = argv[2];
	if (prctl(PR_SET_NAME, argv[3], 0, 0, 0)) {
		perror("PR_SET_NAME");
		return 2;
	}
	if (!strcmp(mode, "deny")) {
		int err = atoi(arg);
		long ret;

		if (err <= 0 || err > 4095)
			return print_usage(argv[0]);
		if (deny_getppid(err)) {
			perror("seccomp");
			return 2;
		}
		errno = 0;
		ret = syscall(__NR_getppid);
		printf("denied %d %d\n", getpid(), ret == -1 ? errno : 0);
		return 0;
	}
	if (!strcmp(arg, "eperm"))
		dflt = EPERM;
	else if (!strcmp(arg, "enosys"))
		dflt = 38;
	else
		return print_usage(argv[0]);
	if (strcmp(mode, "install") && strcmp(mode, "sleep"))
		return print_usage(argv[0]);
	len = snprintf(line, sizeof(line), "sandboxed %d\n", (int)getpid());
	if (!strcmp(mode, "install"))
		printf("installed %d\n", (int)getpid());
	fflush(stdout);
	if (allowlist(dflt)) {
		perror("seccomp");
		return 2;
	}
	if (!strcmp(mode, "install"))
		syscall(__NR_exit_group, 0);
	/* Only write and pause from here on: stdio may need more. */
	if (write(1, line, len) != len)
		return 2;
	for (;;)
		pause();
}
