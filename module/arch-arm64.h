/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The syscall ABIs of an arm64 kernel (syscalls-arm64.c), included by
 * seccomp_diag.h when module/Kbuild builds for SRCARCH=arm64.
 */
#ifndef _SECCOMP_DIAG_ARCH_ARM64_H
#define _SECCOMP_DIAG_ARCH_ARM64_H

#include <linux/audit.h>

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

/* Names in trace events (trace.h): the enum above, and audit arches. */
#define sdiag_show_abi(abi)						\
	__print_symbolic(abi,						\
			 { SDIAG_ABI_AARCH64,	"aarch64" },		\
			 { SDIAG_ABI_ARM,	"arm" })

#define sdiag_show_arch(arch)						\
	__print_symbolic(arch,						\
			 { AUDIT_ARCH_AARCH64,	"aarch64" },		\
			 { AUDIT_ARCH_ARM,	"arm" })

#endif /* _SECCOMP_DIAG_ARCH_ARM64_H */
