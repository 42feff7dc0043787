/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The syscall ABIs of an arm64 kernel (syscalls-arm64.c), included by
 * seccomp_diag.h when module/Kbuild builds for SRCARCH=arm64.
 */
#ifndef _SECCOMP_DIAG_ARCH_ARM64_H
#define _SECCOMP_DIAG_ARCH_ARM64_H

#include <linux/audit.h>
#include <asm/ptrace.h>

/* In the order they are reported; arm only with CONFIG_COMPAT. */
enum sdiag_abi {
	SDIAG_ABI_AARCH64,
	SDIAG_ABI_ARM,
	SDIAG_NR_ABIS,
};

/*
 * Probe numbers must stay clear of seccomp_data.nr's sign bit, and are
 * kept below the same limit as on x86 so that one value works on both.
 */
#define SDIAG_NR_LIMIT		0x40000000U

/* Room for every ABI's name, comma-separated, as verdicts list them. */
#define SDIAG_ABI_LIST_SIZE	sizeof("aarch64,arm")

/* Names in trace events (trace.h): the enum above, and audit arches. */
#define sdiag_show_abi(abi)						\
	__print_symbolic(abi,						\
			 { SDIAG_ABI_AARCH64,	"aarch64" },		\
			 { SDIAG_ABI_ARM,	"arm" })

#define sdiag_show_arch(arch)						\
	__print_symbolic(arch,						\
			 { AUDIT_ARCH_AARCH64,	"aarch64" },		\
			 { AUDIT_ARCH_ARM,	"arm" })

/*
 * Where a function was called from, in a kprobe on its first instruction:
 * BL left the return address in the link register, not yet signed by the
 * function's PACIASP.
 */
static inline unsigned long sdiag_entry_caller(struct pt_regs *regs)
{
	return procedure_link_pointer(regs);
}

#endif /* _SECCOMP_DIAG_ARCH_ARM64_H */
