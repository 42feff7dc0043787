// SPDX-License-Identifier: GPL-2.0
/*
 * notif_reply: what a seccomp user-notification supervisor answers.
 *
 * A return probe on seccomp_notify_ioctl() sees both halves: RECV hands the
 * supervisor a notification (id, target, syscall), SEND carries its reply,
 * and the ioctl's result says whether the kernel took it.  The reply names
 * only the id, so what RECV told is kept in a small table for SEND to find.
 * Both structs are read from the supervisor's memory without faulting: the
 * handlers run in atomic context.
 *
 * Only supervisors take this path, but like the errno probe it is armed
 * only while its event is enabled.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/seccomp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "probe_gate.h"
#include "seccomp_diag.h"
#include "trace.h"

/* Supervisor threads wait inside RECV, each holding an instance. */
#define SDIAG_NOTIF_MAXACTIVE 1024

/*
 * Notifications received and not answered yet.  A supervisor that never
 * answers must not grow it: the oldest entry gives way.
 */
#define SDIAG_NOTIF_PENDING 256

struct sdiag_pending {
	const void *listener;	/* the listener's struct file: ids are per filter */
	u64 id;
	pid_t target;		/* global pid, -1 when not visible */
	int nr;
	u32 arch;
};

static struct sdiag_pending sdiag_pending[SDIAG_NOTIF_PENDING];
static unsigned int sdiag_pending_next;
static DEFINE_RAW_SPINLOCK(sdiag_pending_lock);

/* One ioctl in flight, kept in the probe instance. */
struct sdiag_notif_call {
	const void *listener;
	unsigned int cmd;
	void __user *buf;
	bool have_resp;
	struct seccomp_notif_resp resp;
};

static void sdiag_pending_add(const void *listener,
			      const struct seccomp_notif *notif)
{
	struct sdiag_pending *slot;
	unsigned long flags;
	struct pid *pid;
	pid_t target;

	/* RECV gives the pid in the supervisor's namespace. */
	rcu_read_lock();
	pid = find_vpid(notif->pid);
	target = pid ? pid_nr(pid) : -1;
	rcu_read_unlock();

	raw_spin_lock_irqsave(&sdiag_pending_lock, flags);
	slot = &sdiag_pending[sdiag_pending_next];
	sdiag_pending_next = (sdiag_pending_next + 1) % SDIAG_NOTIF_PENDING;
	slot->listener = listener;
	slot->id = notif->id;
	slot->target = target;
	slot->nr = notif->data.nr;
	slot->arch = notif->data.arch;
	raw_spin_unlock_irqrestore(&sdiag_pending_lock, flags);
}

/*
 * What RECV said about notification @id of @listener.  @answered forgets
 * it: the kernel takes one reply per notification.
 */
static bool sdiag_pending_find(const void *listener, u64 id, bool answered,
			       struct sdiag_pending *found)
{
	unsigned long flags;
	bool ret = false;
	unsigned int i;

	raw_spin_lock_irqsave(&sdiag_pending_lock, flags);
	for (i = 0; i < SDIAG_NOTIF_PENDING; i++) {
		struct sdiag_pending *slot = &sdiag_pending[i];

		if (slot->listener != listener || slot->id != id)
			continue;
		*found = *slot;
		if (answered)
			slot->listener = NULL;
		ret = true;
		break;
	}
	raw_spin_unlock_irqrestore(&sdiag_pending_lock, flags);
	return ret;
}

static void sdiag_pending_clear(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&sdiag_pending_lock, flags);
	memset(sdiag_pending, 0, sizeof(sdiag_pending));
	sdiag_pending_next = 0;
	raw_spin_unlock_irqrestore(&sdiag_pending_lock, flags);
}

static int sdiag_notif_enter(struct kretprobe_instance *ri,
			     struct pt_regs *regs)
{
	struct sdiag_notif_call *call = (void *)ri->data;

	call->cmd = regs_get_kernel_argument(regs, 1);
	if (call->cmd != SECCOMP_IOCTL_NOTIF_RECV &&
	    call->cmd != SECCOMP_IOCTL_NOTIF_SEND)
		return 1;
	call->listener = (const void *)regs_get_kernel_argument(regs, 0);
	call->buf = (void __user *)regs_get_kernel_argument(regs, 2);
	/* The reply as the kernel is about to read it. */
	if (call->cmd == SECCOMP_IOCTL_NOTIF_SEND)
		call->have_resp = !copy_from_user_nofault(&call->resp, call->buf,
							  sizeof(call->resp));
	return 0;
}

static void sdiag_notif_sent(struct sdiag_notif_call *call, long ret)
{
	struct sdiag_pending pending = { .target = -1, .nr = -1 };
	struct seccomp_notif_resp *resp = &call->resp;

	/* Not mapped before the call: the kernel's own read faulted it in. */
	if (!call->have_resp &&
	    copy_from_user_nofault(resp, call->buf, sizeof(*resp)))
		memset(resp, 0, sizeof(*resp));
	sdiag_pending_find(call->listener, resp->id,
			   ret == 0 || ret == -ENOENT, &pending);
	trace_notif_reply(resp->id, pending.target, pending.nr, pending.arch,
			  resp->error, resp->val, resp->flags, ret);
}

static int sdiag_notif_return(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	struct sdiag_notif_call *call = (void *)ri->data;
	long ret = regs_return_value(regs);
	struct seccomp_notif notif;

	if (call->cmd == SECCOMP_IOCTL_NOTIF_SEND) {
		sdiag_notif_sent(call, ret);
		return 0;
	}
	if (ret == 0 && !copy_from_user_nofault(&notif, call->buf, sizeof(notif)))
		sdiag_pending_add(call->listener, &notif);
	return 0;
}

static const struct kretprobe sdiag_notif_template = {
	.kp.symbol_name = "seccomp_notify_ioctl",
	.entry_handler = sdiag_notif_enter,
	.handler = sdiag_notif_return,
	.data_size = sizeof(struct sdiag_notif_call),
	.maxactive = SDIAG_NOTIF_MAXACTIVE,
};

static struct sdiag_probe_gate sdiag_notif_gate =
	SDIAG_PROBE_GATE_INIT(sdiag_notif_gate, &sdiag_notif_template);

/* Tracepoint callback: the first user of notif_reply arrived. */
int sdiag_notif_reg(void)
{
	/* Notifications received while disarmed are unknown, not stale. */
	sdiag_pending_clear();
	return sdiag_probe_gate_arm(&sdiag_notif_gate);
}

/* Tracepoint callback: the last user of notif_reply left. */
void sdiag_notif_unreg(void)
{
	sdiag_probe_gate_disarm(&sdiag_notif_gate);
}

unsigned long sdiag_notif_missed(void)
{
	return sdiag_probe_gate_missed(&sdiag_notif_gate);
}

int sdiag_notif_init(void)
{
	return 0;
}

void sdiag_notif_exit(void)
{
	sdiag_probe_gate_close(&sdiag_notif_gate);
}
