/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The syscall ABIs of an x86_64 kernel (syscalls-x86.c), included by
 * seccomp_diag.h when module/Kbuild builds for SRCARCH=x86.
 */
#ifndef _SECCOMP_DIAG_ARCH_X86_H
#define _SECCOMP_DIAG_ARCH_X86_H

#include <linux/audit.h>
#include <asm/ptrace.h>
#include <asm/unistd.h>

/* In the order they are reported. */
enum sdiag_abi {
	SDIAG_ABI_X86_64,
	SDIAG_ABI_I386,
	SDIAG_ABI_X32,
	SDIAG_NR_ABIS,
};

/*
 * Probe numbers must stay below the x32 bit, which the module adds for
 * x32: numbers above it are negative in seccomp_data.nr.
 */
#define SDIAG_NR_LIMIT		__X32_SYSCALL_BIT

/*
 * x32 numbers are the native ABI's with the x32 bit: answers.c gives them
 * a table of their own, where the kernel runs them.
 */
#if defined(CONFIG_X86_X32_ABI) && defined(X32_NR_syscalls)
#define SDIAG_X32_BIT		__X32_SYSCALL_BIT
#define SDIAG_X32_NR		X32_NR_syscalls
#endif

/* Room for every ABI's name, comma-separated, as verdicts list them. */
#define SDIAG_ABI_LIST_SIZE	sizeof("x86_64,i386,x32")

/* Names in trace events (trace.h): the enum above, and audit arches. */
#define sdiag_show_abi(abi)						\
	__print_symbolic(abi,						\
			 { SDIAG_ABI_X86_64,	"x86_64" },		\
			 { SDIAG_ABI_I386,	"i386" },		\
			 { SDIAG_ABI_X32,	"x32" })

#define sdiag_show_arch(arch)						\
	__print_symbolic(arch,						\
			 { AUDIT_ARCH_X86_64,	"x86_64" },		\
			 { AUDIT_ARCH_I386,	"i386" })

/*
 * Where a function was called from, in a kprobe on its first instruction:
 * CALL pushed the return address, which the stack pointer points at.
 */
static inline unsigned long sdiag_entry_caller(struct pt_regs *regs)
{
	return *(unsigned long *)kernel_stack_pointer(regs);
}

#endif /* _SECCOMP_DIAG_ARCH_X86_H */
