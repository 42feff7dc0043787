// SPDX-License-Identifier: GPL-2.0
/*
 * ftrace_ops callbacks with struct ftrace_regs, FTRACE_OPS_FL_RECURSION
 * meaning "ftrace guards recursion" and ftrace_test_recursion_trylock(),
 * 5.11; FTRACE_OPS_FL_PERMANENT, 5.8.  Filters on one function need
 * CONFIG_DYNAMIC_FTRACE.
 */
#include <linux/ftrace.h>

#ifndef CONFIG_DYNAMIC_FTRACE
#error "no dynamic ftrace"
#endif

static void sdiag_probe_fn(unsigned long ip, unsigned long parent_ip,
			   struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	int bit = ftrace_test_recursion_trylock(ip, parent_ip);

	if (bit >= 0)
		ftrace_test_recursion_unlock(bit);
}

struct ftrace_ops sdiag_probe = {
	.func = sdiag_probe_fn,
	.flags = FTRACE_OPS_FL_PERMANENT,
};

unsigned long sdiag_probe_flag = FTRACE_OPS_FL_RECURSION;
