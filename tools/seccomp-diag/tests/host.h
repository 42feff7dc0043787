/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the running kernel offers the host tests, told the way the tool
 * tells it: IA32 emulation by int $0x80 (rawsys.h), so that a test expects
 * i386 answers only where the kernel has i386, and otherwise SKIP()s with
 * HOST_NO_IA32 as the reason.
 *
 * With SDIAG_TEST_NO_IA32=1 (the second pass of tests/run) the tests take
 * IA32 emulation away on a host that has it: host_fork() children, the
 * tool's runs and host_ia32()'s own call, run under a tracer that makes
 * every int $0x80 fault as a kernel without IA32 emulation does.  It
 * resumes its tracees with PTRACE_SYSEMU, whose stop comes before seccomp
 * and skips the syscall: an i386 call dies there of SIGSEGV, no filter
 * sees it; any other call is rewound onto its syscall instruction and run
 * once more under PTRACE_SYSCALL, filters and all.  Forks are followed.
 */
#ifndef SDIAG_TESTS_HOST_H
#define SDIAG_TESTS_HOST_H

#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rawsys.h"

#define HOST_NO_IA32 \
	"no IA32 emulation in this kernel (int $0x80 faults before any filter)"

#ifdef __x86_64__
static inline bool host_no_ia32_pass(void)
{
	const char *pass = getenv("SDIAG_TEST_NO_IA32");

	return pass && !strcmp(pass, "1");
}

/* fork(); in the no-IA32 pass the child stops for the tracer first. */
static inline pid_t host_fork(void)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (!pid && host_no_ia32_pass()) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(96);
		raise(SIGSTOP);
	}
	return pid;
}

enum host_mode {
	HOST_EMU,		/* resumed with PTRACE_SYSEMU */
	HOST_WAIT_ENTRY,	/* a rewound call is to run: its entry stop */
	HOST_WAIT_EXIT,		/* and its exit stop */
};

struct host_tracee {
	pid_t tid;
	enum host_mode mode;
	bool fresh;		/* its first stop, a SIGSTOP, is still due */
};

#define HOST_TRACEES 64

static inline struct host_tracee *host_tracee(struct host_tracee *t,
					      pid_t tid, bool add)
{
	int i;

	for (i = 0; i < HOST_TRACEES; i++)
		if (t[i].tid == tid)
			return &t[i];
	for (i = 0; add && i < HOST_TRACEES; i++) {
		if (t[i].tid)
			continue;
		t[i] = (struct host_tracee){ .tid = tid, .fresh = true };
		return &t[i];
	}
	return NULL;
}

/* The SIGSEGV of an int $0x80 past its SYSEMU stop: only skipped. */
static inline int host_skip(pid_t tid)
{
	struct user_regs_struct regs;

	ptrace(PTRACE_GETREGS, tid, 0, &regs);
	regs.orig_rax = -1;
	ptrace(PTRACE_SETREGS, tid, 0, &regs);
	return SIGSEGV;
}

/* A syscall stop: make an i386 call fault, let any other one run. */
static inline int host_syscall_stop(struct host_tracee *t)
{
	struct __ptrace_syscall_info info;
	struct user_regs_struct regs;
	bool entry, i386;

	memset(&info, 0, sizeof(info));
	ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info);
	entry = info.op == PTRACE_SYSCALL_INFO_ENTRY;
	i386 = info.arch == AUDIT_ARCH_I386;
	switch (t->mode) {
	case HOST_EMU:
		/* The SYSEMU stop: the call was skipped, no filter saw it. */
		if (!entry)
			return 0;
		if (i386)
			return SIGSEGV;
		ptrace(PTRACE_GETREGS, t->tid, 0, &regs);
		regs.rip -= 2;	/* syscall and int $0x80 are 2 bytes long */
		regs.rax = regs.orig_rax;
		ptrace(PTRACE_SETREGS, t->tid, 0, &regs);
		t->mode = HOST_WAIT_ENTRY;
		return 0;
	case HOST_WAIT_ENTRY:
		/* Some kernels stop at the skipped call's exit first. */
		if (!entry)
			return 0;
		t->mode = HOST_WAIT_EXIT;
		/* An int $0x80 of a signal handler run before the rewound call. */
		return i386 ? host_skip(t->tid) : 0;
	case HOST_WAIT_EXIT:
		if (!entry)
			t->mode = HOST_EMU;
		return 0;
	}
	return 0;
}

/*
 * The tracer of the no-IA32 pass, for host_fork()'s @pid and what it
 * forks, until all of them are gone: @pid's wait status, -1 on errors.
 */
static inline int host_trace(pid_t pid)
{
	struct host_tracee t[HOST_TRACEES] = { { .tid = pid, .fresh = true } };
	int status, ret = -1, left = 1;

	while (left) {
		struct host_tracee *tr;
		pid_t tid = waitpid(-1, &status, __WALL);
		int sig = 0;

		if (tid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		tr = host_tracee(t, tid, WIFSTOPPED(status));
		if (!tr)
			continue;	/* another child of ours */
		if (tr->fresh && tid != pid)
			left++;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (tid == pid)
				ret = status;
			tr->tid = 0;
			left--;
			continue;
		}
		if (tr->fresh && WSTOPSIG(status) == SIGSTOP) {
			tr->fresh = false;
			if (tid == pid)
				ptrace(PTRACE_SETOPTIONS, pid, 0,
				       PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK |
				       PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
				       PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
		} else if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			sig = host_syscall_stop(tr);
		} else if (!(status >> 16)) {
			/* Not a PTRACE_EVENT stop: a signal to deliver. */
			sig = WSTOPSIG(status);
		}
		tr->fresh = false;
		ptrace(tr->mode == HOST_EMU ? PTRACE_SYSEMU : PTRACE_SYSCALL,
		       tid, 0, sig);
	}
	return ret;
}

static inline int host_wait(pid_t pid);

/* Whether i386 syscalls reach this kernel, as the tool tells it. */
static inline bool host_ia32(void)
{
	static int ia32 = -1;
	pid_t pid;

	if (ia32 >= 0)
		return ia32;
	pid = host_fork();
	if (!pid)
		sdiag_ia32_call();
	ia32 = pid > 0 && !sdiag_int80_faulted(host_wait(pid));
	return ia32;
}

#else
/* No i386 on other architectures: fork() and waitpid(), nothing traced. */
static inline pid_t host_fork(void)
{
	fflush(NULL);
	return fork();
}

static inline bool host_no_ia32_pass(void)
{
	return false;
}

static inline int host_trace(pid_t pid)
{
	(void)pid;
	return -1;
}

static inline bool host_ia32(void)
{
	return false;
}
#endif /* __x86_64__ */

/* waitpid() for a host_fork() child: its wait status, -1 on errors. */
static inline int host_wait(pid_t pid)
{
	int status;

	if (host_no_ia32_pass())
		return host_trace(pid);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

#endif /* SDIAG_TESTS_HOST_H */
