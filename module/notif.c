// SPDX-License-Identifier: GPL-2.0
/*
 * notif_reply: what a seccomp user-notification supervisor answers, as the
 * kernel took it.
 *
 * The reply is not read from the supervisor's buffer, which a sibling
 * thread can rewrite while the kernel copies it, but from the kernel's own
 * copy: seccomp_notify_send() stores it in the target's struct
 * seccomp_knotif and wakes the target with complete(&knotif->ready).  A
 * probe on complete() that only looks further when called from seccomp's
 * listener code finds there the reply, the notification's id, its target
 * and its syscall: nothing is kept between RECV and SEND, so there is no
 * table one supervisor could fill or forge for the others, and no task
 * waiting in RECV holds anything.  A listener closing wakes its targets
 * the same way, with ENOSYS (seccomp_notify_detach()).
 *
 * complete() runs all over the kernel, so the probe is armed only while
 * notif_reply, seccomp_errno or count_errno wants it, and costs the other
 * callers one comparison of their return address.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/string.h>

#include "seccomp_diag.h"
#include "trace.h"
#include "verdict.h"

/* enum notify_state in kernel/seccomp.c, unchanged since 5.0. */
#define SDIAG_NOTIFY_REPLIED 2

/* seccomp_notify_send() uses the second with SYNC_WAKE_UP (6.6+). */
static const char * const sdiag_wakers[] = {
	"complete", "complete_on_current_cpu",
};

/*
 * The code that completes &knotif->ready: the listener's ioctl (SEND,
 * also RECV and ADDFD, which leave the state alone) and its release.
 */
static const char * const sdiag_callers[] = {
	"seccomp_notify_ioctl",
	"seccomp_notify_send",	/* when not inlined */
	"seccomp_notify_detach",
	"seccomp_notify_detach.part.0",
	"seccomp_notify_release",
};

struct sdiag_range {
	unsigned long start, end;
	bool ioctl;
};

static struct sdiag_range sdiag_ranges[ARRAY_SIZE(sdiag_callers)];
static unsigned int sdiag_nr_ranges;

static struct kprobe sdiag_waker_probes[ARRAY_SIZE(sdiag_wakers)];
static bool sdiag_waker_armed[ARRAY_SIZE(sdiag_wakers)];
static DEFINE_MUTEX(sdiag_knotif_lock);	/* orders arm, disarm and exit */
static unsigned int sdiag_knotif_users;
static unsigned int sdiag_notif_event_on;
static bool sdiag_knotif_gone;

static const struct sdiag_range *sdiag_caller(unsigned long ret_addr)
{
	unsigned int i;

	for (i = 0; i < sdiag_nr_ranges; i++)
		if (ret_addr - sdiag_ranges[i].start <
		    sdiag_ranges[i].end - sdiag_ranges[i].start)
			return &sdiag_ranges[i];
	return NULL;
}

static int sdiag_waker_enter(struct kprobe *kp, struct pt_regs *regs)
{
	const struct sdiag_layout *l = &sdiag_layout;
	const struct seccomp_data *sd;
	const struct sdiag_range *caller;
	struct task_struct *target;
	const void *knotif;
	u32 flags;
	int error;
	long val;

	caller = sdiag_caller(sdiag_entry_caller(regs));
	if (!caller)
		return 0;
	/* Called with the listener's lock held: the knotif stays. */
	knotif = (const void *)regs_get_kernel_argument(regs, 0) -
		 l->knotif_ready;
	if (READ_ONCE(*(int *)(knotif + l->knotif_state)) != SDIAG_NOTIFY_REPLIED)
		return 0;
	target = *(struct task_struct **)(knotif + l->knotif_task);
	sd = *(const struct seccomp_data **)(knotif + l->knotif_data);
	error = *(int *)(knotif + l->knotif_error);
	val = *(long *)(knotif + l->knotif_val);
	flags = *(u32 *)(knotif + l->knotif_flags);

	if (caller->ioctl && READ_ONCE(sdiag_notif_event_on))
		trace_notif_reply(*(u64 *)(knotif + l->knotif_id),
				  task_pid_nr(target), sd->nr, sd->arch,
				  error, val, flags, 0);
	if (!(flags & SECCOMP_USER_NOTIF_FLAG_CONTINUE))
		sdiag_outcome_reply(target, sd, error);
	return 0;
}

/* A function's address range, from a kprobe's lookup and kallsyms. */
static int sdiag_find_range(const char *name, struct sdiag_range *range)
{
	struct kprobe kp = { .symbol_name = name };
	char sym[KSYM_SYMBOL_LEN], *plus, *slash;
	unsigned long addr, off, size;
	int ret;

	ret = register_kprobe(&kp);
	if (ret)
		return ret;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	/*
	 * "name+0x4/0x6d0": the probe may sit past an ENDBR, so the offset
	 * counts too.
	 */
	sprint_symbol(sym, addr);
	plus = strrchr(sym, '+');
	slash = strrchr(sym, '/');
	if (!plus || !slash || slash < plus)
		return -ENOENT;
	*slash = '\0';
	if (kstrtoul(plus + 1, 0, &off) || kstrtoul(slash + 1, 0, &size) ||
	    off >= size || off > addr)
		return -ENOENT;
	range->start = addr - off;
	range->end = addr - off + size;
	return 0;
}

static void sdiag_knotif_disarm(void)
{
	unsigned int i;

	lockdep_assert_held(&sdiag_knotif_lock);
	for (i = 0; i < ARRAY_SIZE(sdiag_wakers); i++) {
		if (!sdiag_waker_armed[i])
			continue;
		unregister_kprobe(&sdiag_waker_probes[i]);
		sdiag_waker_armed[i] = false;
	}
}

static int sdiag_knotif_arm(void)
{
	unsigned int i, armed = 0;
	int ret = -ENOENT;

	lockdep_assert_held(&sdiag_knotif_lock);
	for (i = 0; i < ARRAY_SIZE(sdiag_wakers); i++) {
		/* A kprobe once registered keeps state: start afresh. */
		memset(&sdiag_waker_probes[i], 0, sizeof(sdiag_waker_probes[i]));
		sdiag_waker_probes[i].symbol_name = sdiag_wakers[i];
		sdiag_waker_probes[i].pre_handler = sdiag_waker_enter;
		ret = register_kprobe(&sdiag_waker_probes[i]);
		/* complete_on_current_cpu() is 6.6+. */
		if (ret == -ENOENT && i)
			continue;
		if (ret) {
			pr_err("cannot probe %s: %d\n", sdiag_wakers[i], ret);
			sdiag_knotif_disarm();
			return ret;
		}
		sdiag_waker_armed[i] = true;
		armed++;
	}
	return armed ? 0 : ret;
}

/*
 * Process context: one more (@on) or one fewer user of the probe on the
 * target's wake-up.  Without the knotif layout or seccomp's listener code
 * there is nothing to watch, and nothing fails.
 */
int sdiag_knotif_watch(bool on)
{
	int ret = 0;

	mutex_lock(&sdiag_knotif_lock);
	if (!on) {
		if (sdiag_knotif_users && !--sdiag_knotif_users)
			sdiag_knotif_disarm();
		goto out;
	}
	if (sdiag_knotif_gone) {
		ret = -ENODEV;
		goto out;
	}
	if (!sdiag_knotif_users && sdiag_nr_ranges && sdiag_layout.knotif &&
	    sdiag_verdict_ready())
		ret = sdiag_knotif_arm();
	if (!ret)
		sdiag_knotif_users++;
out:
	mutex_unlock(&sdiag_knotif_lock);
	return ret;
}

/* Tracepoint callback: the first user of notif_reply arrived. */
int sdiag_notif_reg(void)
{
	int ret = sdiag_knotif_watch(true);

	if (!ret)
		WRITE_ONCE(sdiag_notif_event_on, 1);
	return ret;
}

/* Tracepoint callback: the last user of notif_reply left. */
void sdiag_notif_unreg(void)
{
	WRITE_ONCE(sdiag_notif_event_on, 0);
	sdiag_knotif_watch(false);
}

/*
 * Hits of the probe on complete() that kprobes did not hand to us: those
 * that came while another kprobe handler ran on the CPU, from an
 * interrupt.  None of them is a reply: seccomp completes a notification
 * from the supervisor's ioctl or the listener's release, in task context,
 * where no kprobe handler can be running (handlers never sleep), so
 * notif_reply loses nothing to them.  Nothing is left unseen for lack of
 * room either: only the wake-up is probed, and nothing is kept.
 */
unsigned long sdiag_notif_nested(void)
{
	unsigned long missed = 0;
	unsigned int i;

	mutex_lock(&sdiag_knotif_lock);
	for (i = 0; i < ARRAY_SIZE(sdiag_wakers); i++)
		if (sdiag_waker_armed[i])
			missed += READ_ONCE(sdiag_waker_probes[i].nmissed);
	mutex_unlock(&sdiag_knotif_lock);
	return missed;
}

/* Call after sdiag_verdict_init(). */
int sdiag_notif_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sdiag_callers); i++) {
		struct sdiag_range *range = &sdiag_ranges[sdiag_nr_ranges];

		if (sdiag_find_range(sdiag_callers[i], range))
			continue;
		range->ioctl = i <= 1;
		sdiag_nr_ranges++;
	}
	if (!sdiag_nr_ranges || !sdiag_ranges[0].ioctl)
		pr_info("no %s: user-notification replies are not seen\n",
			sdiag_callers[0]);
	return 0;
}

/* Module exit: disarm and never arm again, whatever callbacks follow. */
void sdiag_notif_exit(void)
{
	mutex_lock(&sdiag_knotif_lock);
	sdiag_knotif_disarm();
	sdiag_knotif_gone = true;
	mutex_unlock(&sdiag_knotif_lock);
}
