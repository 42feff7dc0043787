/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_PROBE_GATE_H
#define _SECCOMP_DIAG_PROBE_GATE_H

#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>

/*
 * A function-entry probe registered only while a trace event needs it.
 * The tracepoint's register/unregister callbacks open and close the gate;
 * module exit closes it for good, since the GOING notifier that disables
 * the module's events runs after exit.
 *
 * Where the kernel has ftrace ops with ftrace_regs (5.11) the probe is an
 * ftrace_ops of its own: ftrace's trampoline calls the handler directly,
 * with no pt_regs to save, no kprobe lookup and no kprobe state, so a
 * kprobe hit in an interrupt meanwhile is not missed.  Else, or when
 * ftrace refuses, it is a kprobe.
 */
enum sdiag_probe_kind {
	SDIAG_PROBE_OFF,
	SDIAG_PROBE_KPROBE,
	SDIAG_PROBE_FTRACE,
};

struct sdiag_probe_gate {
	const char *symbol;
	void (*handler)(void);	/* preemption off, never nested */
	struct kprobe probe;
#ifdef SDIAG_HAVE_FTRACE_OPS_FREGS
	struct ftrace_ops ops;
	atomic_long_t recursed;	/* ftrace hits inside the handler */
#endif
	struct mutex lock;	/* orders arm, disarm and exit */
	enum sdiag_probe_kind armed;
	bool gone;
	unsigned long missed_before;	/* by earlier kprobe registrations */
};

#define SDIAG_PROBE_GATE_INIT(name, sym, fn)				\
	{ .symbol = (sym), .handler = (fn),				\
	  .lock = __MUTEX_INITIALIZER((name).lock) }

int sdiag_probe_gate_arm(struct sdiag_probe_gate *gate, bool ftrace);
void sdiag_probe_gate_disarm(struct sdiag_probe_gate *gate);
void sdiag_probe_gate_close(struct sdiag_probe_gate *gate);
unsigned long sdiag_probe_gate_missed(struct sdiag_probe_gate *gate);
enum sdiag_probe_kind sdiag_probe_gate_kind(struct sdiag_probe_gate *gate);

#endif /* _SECCOMP_DIAG_PROBE_GATE_H */
