/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 32-bit arm tables, in a file of their own (syscalls-arm64-compat.c)
 * because <asm/unistd32.h> defines the same __NR_ macros as the native
 * header with other numbers.
 */
#ifndef _SECCOMP_DIAG_SYSCALLS_ARM64_H
#define _SECCOMP_DIAG_SYSCALLS_ARM64_H

#ifdef CONFIG_COMPAT
#define SDIAG_ARM_NR	__NR_compat_syscalls
extern const char * const sdiag_arm_names[SDIAG_ARM_NR];
extern const char * const sdiag_arm_table[SDIAG_ARM_NR];
#endif

#endif /* _SECCOMP_DIAG_SYSCALLS_ARM64_H */
