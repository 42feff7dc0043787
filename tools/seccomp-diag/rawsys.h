/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SDIAG_RAWSYS_H
#define SDIAG_RAWSYS_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Syscalls made without glibc, which would turn the return value into
 * errno and knows only the calling process's own ABI.
 */

/*
 * Whether this kernel has IA32 emulation, told by int $0x80 itself
 * (x86_64 only; every architecture compiles the status check): the
 * one test the tool and its tests share.  Without it (built without
 * CONFIG_IA32_EMULATION, or 6.7+ booted with ia32_emulation=false) the
 * instruction faults with SIGSEGV before any seccomp filter sees a
 * syscall.  With it the call is made, whatever a filter answers (an
 * errno, SIGSYS, a kill): only that fault says the ABI is not there.
 */
static inline bool sdiag_int80_faulted(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

#ifdef __aarch64__
/* The native ABI: svc #0, number in x8. */
static inline long sdiag_syscall6(unsigned long nr, const unsigned long *args)
{
	register unsigned long x8 asm ("x8") = nr;
	register long x0 asm ("x0") = (long)args[0];
	register unsigned long x1 asm ("x1") = args[1];
	register unsigned long x2 asm ("x2") = args[2];
	register unsigned long x3 asm ("x3") = args[3];
	register unsigned long x4 asm ("x4") = args[4];
	register unsigned long x5 asm ("x5") = args[5];

	asm volatile ("svc #0"
		      : "+r" (x0)
		      : "r" (x8), "r" (x1), "r" (x2), "r" (x3), "r" (x4), "r" (x5)
		      : "memory", "cc");
	return x0;
}

/* No AArch32 syscalls from AArch64: the arm ABI is marked no_call. */
static inline long sdiag_int80(unsigned long nr, const unsigned long *args)
{
	(void)nr;
	(void)args;
	return -38;
}
#else
/* The i386 ABI from a 64-bit process: int $0x80 with 32-bit registers. */
static inline long sdiag_int80(unsigned long nr, const unsigned long *args)
{
	long ret;

	asm volatile ("int $0x80"
		      : "=a" (ret)
		      : "a" (nr), "b" (args[0]), "c" (args[1]), "d" (args[2]),
			"S" (args[3]), "D" (args[4])
		      : "memory", "r8", "r9", "r10", "r11", "cc");
	return (int)ret;
}

/* The child's half: one harmless i386 call, no core file, exit 0. */
static inline void __attribute__((noreturn)) sdiag_ia32_call(void)
{
	static const unsigned long args[6];
	struct rlimit no_core = { 0, 0 };

	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	sdiag_int80(64 /* i386 getppid */, args);
	_exit(0);
}

/* 1: IA32 emulation, 0: none (int $0x80 faults), -1: no child to ask. */
static inline int sdiag_ia32_emulation(void)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid)
		sdiag_ia32_call();
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return sdiag_int80_faulted(status) ? 0 : 1;
}

/* The x86_64 and x32 ABIs: x32 numbers carry the x32 bit. */
static inline long sdiag_syscall6(unsigned long nr, const unsigned long *args)
{
	register unsigned long r10 asm ("r10") = args[3];
	register unsigned long r8 asm ("r8") = args[4];
	register unsigned long r9 asm ("r9") = args[5];
	long ret;

	asm volatile ("syscall"
		      : "=a" (ret)
		      : "a" (nr), "D" (args[0]), "S" (args[1]), "d" (args[2]),
			"r" (r10), "r" (r8), "r" (r9)
		      : "rcx", "r11", "memory");
	return ret;
}
#endif

#endif /* SDIAG_RAWSYS_H */
