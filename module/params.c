// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters, settable at load time and by root at run time under
 * /sys/module/seccomp_diag/parameters/.  Writes are strict: anything but
 * one exact token (with at most the newline that echo adds) is -EINVAL
 * and leaves the value unchanged.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <asm/unistd.h>

#include "seccomp_diag.h"

/*
 * Above every syscall number of every architecture (MIPS n32 ends below
 * 7000, ARM's private range is 0x0f0000-0x0f07ff) and below the x32 bit,
 * so that it models "a syscall newer than this filter" on every ABI.
 */
#define SDIAG_DEFAULT_PROBE_NR 0xfffff

bool sdiag_check = true;
unsigned int sdiag_probe_nr = SDIAG_DEFAULT_PROBE_NR;

/* Copy @val without the one trailing newline that echo adds. */
static int strict_token(const char *val, char *buf, size_t size)
{
	size_t len = strlen(val);

	if (len && val[len - 1] == '\n')
		len--;
	if (!len || len >= size)
		return -EINVAL;
	memcpy(buf, val, len);
	buf[len] = '\0';
	return 0;
}

static int strict_bool(const char *val, bool *res)
{
	static const char * const on[] = { "1", "y", "Y", "on", "true" };
	static const char * const off[] = { "0", "n", "N", "off", "false" };
	char token[8];
	int i;

	if (strict_token(val, token, sizeof(token)))
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(on); i++) {
		if (!strcmp(token, on[i])) {
			*res = true;
			return 0;
		}
		if (!strcmp(token, off[i])) {
			*res = false;
			return 0;
		}
	}
	return -EINVAL;
}

static int strict_bool_set(const char *val, const struct kernel_param *kp)
{
	bool on;

	if (strict_bool(val, &on))
		return -EINVAL;
	WRITE_ONCE(*(bool *)kp->arg, on);
	return 0;
}

static const struct kernel_param_ops strict_bool_ops = {
	.set = strict_bool_set,
	.get = param_get_bool,
};

module_param_cb(check, &strict_bool_ops, &sdiag_check, 0644);
MODULE_PARM_DESC(check,
		 "Check each newly installed seccomp filter (bool, default 1)");

static int probe_nr_set(const char *val, const struct kernel_param *kp)
{
	char token[16];
	unsigned int nr;

	if (strict_token(val, token, sizeof(token)) || !isdigit(token[0]))
		return -EINVAL;
	/* Decimal or 0x hex; a leading 0 would make kstrtouint() read octal. */
	if ((token[0] == '0' && (token[1] == 'x' || token[1] == 'X')) ?
	    !isxdigit(token[2]) || strpbrk(token + 2, "xX") ||
	    kstrtouint(token + 2, 16, &nr) :
	    (token[0] == '0' && token[1]) || kstrtouint(token, 10, &nr))
		return -EINVAL;
	/*
	 * The module adds the x32 bit for the x32 ABI; numbers above it are
	 * negative in seccomp_data.nr, where -1 has a meaning of its own.
	 */
	if (nr >= SDIAG_NR_LIMIT)
		return -EINVAL;
	/* A probe must be a number no ABI of this kernel implements. */
	if (sdiag_syscall_implemented(nr))
		return -EINVAL;
	WRITE_ONCE(*(unsigned int *)kp->arg, nr);
	return 0;
}

static const struct kernel_param_ops probe_nr_ops = {
	.set = probe_nr_set,
	.get = param_get_uint,
};

module_param_cb(probe_nr, &probe_nr_ops, &sdiag_probe_nr, 0644);
MODULE_PARM_DESC(probe_nr,
		 "Reserved unused syscall number filters are probed with (default 1048575 = 0xfffff)");

/* Arms the outcome probe, which stores the value once that worked. */
static int count_errno_set(const char *val, const struct kernel_param *kp)
{
	bool on;

	if (strict_bool(val, &on))
		return -EINVAL;
	return sdiag_outcome_count(on);
}

static const struct kernel_param_ops count_errno_ops = {
	.set = count_errno_set,
	.get = param_get_bool,
};

module_param_cb(count_errno, &count_errno_ops, &sdiag_count_errno, 0644);
MODULE_PARM_DESC(count_errno,
		 "Count seccomp's errno outcomes in errno_outcomes also while the seccomp_errno event is off (bool, default 0)");

/* Chosen when the probe is armed: changing it under a live probe buys nothing. */
module_param_cb(outcome_ftrace, &strict_bool_ops, &sdiag_outcome_ftrace, 0444);
MODULE_PARM_DESC(outcome_ftrace,
		 "Probe seccomp's entry for errno outcomes with an ftrace_ops where the kernel has them, else a kprobe (bool, load time only, default 1)");
