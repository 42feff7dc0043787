// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 kernel's syscall ABIs: aarch64 and, with CONFIG_COMPAT, 32-bit
 * arm (syscalls-arm64-compat.c).
 *
 * Native names are the __NR_ macros <asm/unistd.h> leaves defined, listed
 * in syscall-names-aarch64.h by module/Kbuild; entry points come from the
 * same header's __SYSCALL() rows, as arch/arm64/kernel/sys.c reads them.
 */
#include <linux/kernel.h>
#include <asm/unistd.h>

#include "seccomp_diag.h"
#include "syscalls-arm64.h"

#define SDIAG_NAME(nr, name) \
	[nr] = #name,
static const char * const aarch64_names[] = {
#include "syscall-names-aarch64.h"
};

#undef SDIAG_NAME

#undef __SYSCALL
#define __SYSCALL(nr, sym) \
	[nr] = #sym,
static const char * const aarch64_table[__NR_syscalls] = {
#include <asm/unistd.h>
};

#undef __SYSCALL

const struct sdiag_abi_desc sdiag_abis[SDIAG_NR_ABIS] = {
	[SDIAG_ABI_AARCH64] = {
		.name = "aarch64",
		.audit_arch = AUDIT_ARCH_AARCH64,
		.names = aarch64_names,
		.nr_names = ARRAY_SIZE(aarch64_names),
		.entries = aarch64_table,
		.table_len = ARRAY_SIZE(aarch64_table),
	},
	[SDIAG_ABI_ARM] = {
		.name = "arm",
		.audit_arch = AUDIT_ARCH_ARM,
#ifdef CONFIG_COMPAT
		.names = sdiag_arm_names,
		.nr_names = SDIAG_ARM_NR,
		.entries = sdiag_arm_table,
		.table_len = SDIAG_ARM_NR,
#endif
	},
};

/* Nothing to read: arm64 has no boot-time switch for an ABI. */
void sdiag_abi_init(void)
{
}

/*
 * Built into the kernel, and programs can use it now.  Not yet checked:
 * whether the CPUs run 32-bit user code at all (some arm64 servers lack
 * AArch32 at EL0), so the arm ABI counts whenever COMPAT is built.
 */
bool sdiag_abi_enabled(enum sdiag_abi abi)
{
	return sdiag_abi_supported(abi);
}
