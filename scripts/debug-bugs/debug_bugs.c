// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of seccomp-diag: a module with one deliberate bug, chosen by the
 * "bug" parameter, so that scripts/debug-kernel proves the debug kernel
 * and scripts/vmtest catch what Debian's kernels cannot see.
 *
 *   bug=kasan    read past the end of a kmalloc()ed object
 *   bug=lockdep  take two mutexes in both orders (possible deadlock)
 *   bug=sleep    allocate with GFP_KERNEL (may sleep) inside a spinlock
 *   bug=leak     allocate and forget the pointer (for a kmemleak scan)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

static char *bug = "";
module_param(bug, charp, 0444);
MODULE_PARM_DESC(bug, "the bug to commit at load: kasan, lockdep, sleep or leak");

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);
static DEFINE_SPINLOCK(spin);

static noinline int read_past_end(void)
{
	size_t len = 8;
	char *p = kmalloc(len, GFP_KERNEL);
	int val;

	if (!p)
		return -ENOMEM;
	/* Hidden from the compiler, which would refuse the obvious overflow. */
	OPTIMIZER_HIDE_VAR(len);
	val = READ_ONCE(p[len]);
	kfree(p);
	pr_info("read %d past the end\n", val);
	return 0;
}

static void lock_both_orders(void)
{
	mutex_lock(&lock_a);
	mutex_lock(&lock_b);
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);

	mutex_lock(&lock_b);
	mutex_lock(&lock_a);
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
}

static void sleep_in_spinlock(void)
{
	void *p;

	/* GFP_KERNEL may sleep: the classic bug, even when it does not. */
	spin_lock(&spin);
	p = kmalloc(64, GFP_KERNEL);
	spin_unlock(&spin);
	kfree(p);
}

static noinline void leak_memory(void)
{
	char *p = kmalloc(128, GFP_KERNEL);

	if (p)
		memset(p, 0x5a, 128);
}

static int __init debug_bugs_init(void)
{
	if (!strcmp(bug, "kasan"))
		return read_past_end();
	if (!strcmp(bug, "lockdep")) {
		lock_both_orders();
		return 0;
	}
	if (!strcmp(bug, "sleep")) {
		sleep_in_spinlock();
		return 0;
	}
	if (!strcmp(bug, "leak")) {
		leak_memory();
		return 0;
	}
	pr_err("unknown bug '%s'\n", bug);
	return -EINVAL;
}
module_init(debug_bugs_init);

static void __exit debug_bugs_exit(void)
{
}
module_exit(debug_bugs_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Harness self-test: one deliberate KASAN, lockdep, atomic-sleep or leak bug");
