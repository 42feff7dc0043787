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

/* For __print_symbolic() in trace.h: the enum above, audit arches. */
#define SDIAG_ABI_SYMBOLS	{ SDIAG_ABI_AARCH64, "aarch64" },	\
				{ SDIAG_ABI_ARM, "arm" }
#define SDIAG_ARCH_SYMBOLS	{ AUDIT_ARCH_AARCH64, "aarch64" },	\
				{ AUDIT_ARCH_ARM, "arm" }

#endif /* _SECCOMP_DIAG_ARCH_ARM64_H */
