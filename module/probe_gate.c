// SPDX-License-Identifier: GPL-2.0
/*
 * Probes armed only while a trace event is enabled, so that a
 * loaded module with its events off costs nothing on any syscall.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "probe_gate.h"

static int sdiag_probe_gate_kprobe(struct kprobe *p, struct pt_regs *regs)
{
	struct sdiag_probe_gate *gate = container_of(p, struct sdiag_probe_gate,
						     probe);

	gate->handler();
	return 0;
}

static int sdiag_probe_gate_kprobe_arm(struct sdiag_probe_gate *gate)
{
	int ret;

	/* A kprobe once registered keeps state: start afresh. */
	memset(&gate->probe, 0, sizeof(gate->probe));
	gate->probe.symbol_name = gate->symbol;
	gate->probe.pre_handler = sdiag_probe_gate_kprobe;
	ret = register_kprobe(&gate->probe);
	if (ret)
		pr_err("cannot probe %s: %d\n", gate->symbol, ret);
	return ret;
}

#ifdef SDIAG_HAVE_FTRACE_OPS_FREGS
static void notrace sdiag_probe_gate_ftrace(unsigned long ip,
					    unsigned long parent_ip,
					    struct ftrace_ops *op,
					    struct ftrace_regs *fregs)
{
	struct sdiag_probe_gate *gate = container_of(op, struct sdiag_probe_gate,
						     ops);
	int bit;

	/* Without FTRACE_OPS_FL_RECURSION the guard is ours to take. */
	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (bit < 0) {
		atomic_long_inc(&gate->recursed);
		return;
	}
	/* As in a kprobe handler; the guard disables it only since 5.16. */
	preempt_disable_notrace();
	gate->handler();
	preempt_enable_notrace();
	ftrace_test_recursion_unlock(bit);
}

static int sdiag_probe_gate_ftrace_arm(struct sdiag_probe_gate *gate)
{
	char name[KSYM_NAME_LEN];
	int ret;

	memset(&gate->ops, 0, sizeof(gate->ops));
	gate->ops.func = sdiag_probe_gate_ftrace;
	/* ftrace_enabled=0 must not silence it: refused, as for kprobes. */
	gate->ops.flags = FTRACE_OPS_FL_PERMANENT;
	/* ftrace may edit the pattern it parses. */
	strscpy(name, gate->symbol, sizeof(name));
	ret = ftrace_set_filter(&gate->ops, name, strlen(name), 1);
	if (!ret)
		ret = register_ftrace_function(&gate->ops);
	if (ret) {
		ftrace_free_filter(&gate->ops);
		pr_notice("ftrace cannot probe %s (%d): using a kprobe\n",
			  gate->symbol, ret);
	}
	return ret;
}

static void sdiag_probe_gate_ftrace_disarm(struct sdiag_probe_gate *gate)
{
	/* Waits for every callback still running. */
	unregister_ftrace_function(&gate->ops);
	ftrace_free_filter(&gate->ops);
}

static long sdiag_probe_gate_recursed(struct sdiag_probe_gate *gate)
{
	return atomic_long_read(&gate->recursed);
}
#else
static int sdiag_probe_gate_ftrace_arm(struct sdiag_probe_gate *gate)
{
	return -EOPNOTSUPP;
}

static void sdiag_probe_gate_ftrace_disarm(struct sdiag_probe_gate *gate)
{
}

static long sdiag_probe_gate_recursed(struct sdiag_probe_gate *gate)
{
	return 0;
}
#endif

/*
 * Process context: called from the tracepoint's register callback.
 * @ftrace asks for an ftrace_ops where the kernel has them.
 */
int sdiag_probe_gate_arm(struct sdiag_probe_gate *gate, bool ftrace)
{
	int ret = 0;

	mutex_lock(&gate->lock);
	if (gate->gone) {
		ret = -ENODEV;
		goto out;
	}
	if (gate->armed != SDIAG_PROBE_OFF)
		goto out;
	if (ftrace && !sdiag_probe_gate_ftrace_arm(gate)) {
		WRITE_ONCE(gate->armed, SDIAG_PROBE_FTRACE);
		goto out;
	}
	ret = sdiag_probe_gate_kprobe_arm(gate);
	if (!ret)
		WRITE_ONCE(gate->armed, SDIAG_PROBE_KPROBE);
out:
	mutex_unlock(&gate->lock);
	return ret;
}

static void sdiag_probe_gate_unregister(struct sdiag_probe_gate *gate)
{
	lockdep_assert_held(&gate->lock);
	switch (gate->armed) {
	case SDIAG_PROBE_KPROBE:
		/* Waits for every handler still running. */
		unregister_kprobe(&gate->probe);
		gate->missed_before += gate->probe.nmissed;
		break;
	case SDIAG_PROBE_FTRACE:
		sdiag_probe_gate_ftrace_disarm(gate);
		break;
	case SDIAG_PROBE_OFF:
		break;
	}
	WRITE_ONCE(gate->armed, SDIAG_PROBE_OFF);
}

void sdiag_probe_gate_disarm(struct sdiag_probe_gate *gate)
{
	mutex_lock(&gate->lock);
	sdiag_probe_gate_unregister(gate);
	mutex_unlock(&gate->lock);
}

/* Module exit: disarm and never arm again, whatever callbacks follow. */
void sdiag_probe_gate_close(struct sdiag_probe_gate *gate)
{
	mutex_lock(&gate->lock);
	sdiag_probe_gate_unregister(gate);
	gate->gone = true;
	mutex_unlock(&gate->lock);
}

/* Hits the probe did not hand to the handler, and so went unobserved. */
unsigned long sdiag_probe_gate_missed(struct sdiag_probe_gate *gate)
{
	unsigned long missed;

	mutex_lock(&gate->lock);
	missed = gate->missed_before + sdiag_probe_gate_recursed(gate);
	if (gate->armed == SDIAG_PROBE_KPROBE)
		missed += READ_ONCE(gate->probe.nmissed);
	mutex_unlock(&gate->lock);
	return missed;
}

/* Lockless: a sysfs read, which may see either side of an arm or disarm. */
enum sdiag_probe_kind sdiag_probe_gate_kind(struct sdiag_probe_gate *gate)
{
	return READ_ONCE(gate->armed);
}
