// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of seccomp-diag: a module that warns at load, so that
 * "make check" proves scripts/vmtest fails on a kernel splat.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init broken_init(void)
{
	WARN_ON(1);
	return 0;
}
module_init(broken_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Harness self-test: WARN_ON(1) at load");
