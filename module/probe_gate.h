/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_PROBE_GATE_H
#define _SECCOMP_DIAG_PROBE_GATE_H

#include <linux/kprobes.h>
#include <linux/mutex.h>

/*
 * A probe registered only while a trace event needs it.  The
 * tracepoint's register/unregister callbacks open and close the gate;
 * module exit closes it for good, since the GOING notifier that disables
 * the module's events runs after exit.
 */
struct sdiag_probe_gate {
	const struct kprobe *template;
	struct kprobe probe;
	struct mutex lock;	/* orders arm, disarm and exit */
	bool armed;
	bool gone;
	unsigned long missed_before;	/* by earlier registrations */
};

#define SDIAG_PROBE_GATE_INIT(name, tmpl)				\
	{ .template = (tmpl), .lock = __MUTEX_INITIALIZER((name).lock) }

int sdiag_probe_gate_arm(struct sdiag_probe_gate *gate);
void sdiag_probe_gate_disarm(struct sdiag_probe_gate *gate);
void sdiag_probe_gate_close(struct sdiag_probe_gate *gate);
unsigned long sdiag_probe_gate_missed(struct sdiag_probe_gate *gate);

#endif /* _SECCOMP_DIAG_PROBE_GATE_H */
