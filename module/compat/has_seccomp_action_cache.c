// SPDX-License-Identifier: GPL-2.0
/*
 * SECCOMP_ARCH_NATIVE, 5.11: seccomp's action cache (struct action_cache
 * in struct seccomp_filter) exists exactly where it is defined.
 */
/* asm/seccomp.h defines it with AUDIT_ARCH_*, without their header. */
#include <linux/audit.h>
#include <linux/seccomp.h>

unsigned int sdiag_probe = SECCOMP_ARCH_NATIVE;
