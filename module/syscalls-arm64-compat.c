// SPDX-License-Identifier: GPL-2.0
/*
 * The 32-bit arm (AArch32 compat) syscall table of an arm64 kernel: names
 * from the __NR_ defines of <asm/unistd32.h> (syscall-names-arm.h, by
 * module/Kbuild), entry points from its __SYSCALL() rows, as
 * arch/arm64/kernel/sys32.c reads them.
 */

/* Keeps <asm/unistd.h> from defining the native __NR_ numbers. */
#define __COMPAT_SYSCALL_NR

#include <linux/kernel.h>
#include <asm/unistd.h>

#include "seccomp_diag.h"
#include "syscalls-arm64.h"

#define SDIAG_NAME(nr, name) \
	[nr] = #name,
const char * const sdiag_arm_names[SDIAG_ARM_NR] = {
#include "syscall-names-arm.h"
};

#undef SDIAG_NAME

#undef __SYSCALL
#define __SYSCALL(nr, sym) \
	[nr] = #sym,
const char * const sdiag_arm_table[SDIAG_ARM_NR] = {
#include <asm/unistd32.h>
};

#undef __SYSCALL
