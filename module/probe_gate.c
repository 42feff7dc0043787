// SPDX-License-Identifier: GPL-2.0
/*
 * Probes armed only while a trace event is enabled, so that a
 * loaded module with its events off costs nothing on any syscall.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "probe_gate.h"

/* Process context: called from the tracepoint's register callback. */
int sdiag_probe_gate_arm(struct sdiag_probe_gate *gate)
{
	int ret = 0;

	mutex_lock(&gate->lock);
	if (gate->gone) {
		ret = -ENODEV;
		goto out;
	}
	if (gate->armed)
		goto out;
	/* A kprobe once registered keeps state: start from the template. */
	memcpy(&gate->probe, gate->template, sizeof(gate->probe));
	ret = register_kprobe(&gate->probe);
	if (ret) {
		pr_err("cannot probe %s: %d\n", gate->probe.symbol_name, ret);
		goto out;
	}
	gate->armed = true;
out:
	mutex_unlock(&gate->lock);
	return ret;
}

static void sdiag_probe_gate_unregister(struct sdiag_probe_gate *gate)
{
	lockdep_assert_held(&gate->lock);
	if (!gate->armed)
		return;
	/* Waits for every handler still running. */
	unregister_kprobe(&gate->probe);
	gate->missed_before += gate->probe.nmissed;
	gate->armed = false;
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

/* Hits kprobes did not hand to the handler, and so went unobserved. */
unsigned long sdiag_probe_gate_missed(struct sdiag_probe_gate *gate)
{
	unsigned long missed;

	mutex_lock(&gate->lock);
	missed = gate->missed_before;
	if (gate->armed)
		missed += READ_ONCE(gate->probe.nmissed);
	mutex_unlock(&gate->lock);
	return missed;
}
