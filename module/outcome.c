// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp_errno: the syscalls seccomp fails with an errno instead of running
 * them, and why.
 *
 * A probe on __secure_computing() asks the task's filter chain, before
 * seccomp does, what it answers (verdict.c).  Most answers settle the
 * outcome there and then: RET_ERRNO fails the syscall with its data, and
 * RET_TRACE without a tracer with ENOSYS.  Only a supervisor's reply to a
 * user notification, or a tracer, decides later, so only then does the
 * probe wait for the function to return: -1 means the syscall is skipped,
 * and the task's return register then holds -errno.  The probe relies on
 * nothing but that return value and the task's registers, whose layout is
 * ABI: the function's arguments changed in 6.15.
 *
 * Without the chain's layout (no BTF) nothing is known in advance: every
 * filtered syscall waits for its return and is reported as action=unknown.
 *
 * The probe costs every filtered syscall, so it is registered only while
 * the seccomp_errno event is enabled, from the tracepoint's registration
 * callbacks, or while the count_errno parameter asks for the count alone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/seccomp.h>
#include <asm/syscall.h>

#include "probe_gate.h"
#include "seccomp_diag.h"
#include "trace.h"
#include "verdict.h"

/*
 * Every task waiting for its supervisor or its tracer holds an instance
 * until it returns, which can take hours.
 */
#define SDIAG_OUTCOME_MAXACTIVE 4096

/* What the entry knew, for the return to report. */
struct sdiag_pending {
	u32 arch;
	int nr;
	enum sdiag_outcome outcome;
};

static void sdiag_report(u32 arch, int nr, int err, enum sdiag_outcome outcome)
{
	atomic_long_inc(&sdiag_errno_outcomes);
	trace_seccomp_errno(arch, nr, err, outcome);
}

/* Returns 0 to hear the outcome at return, 1 when it is settled. */
static int sdiag_outcome_enter(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	struct sdiag_pending *pending = (void *)ri->data;
	struct pt_regs *user_regs = task_pt_regs(current);
	struct seccomp_data sd;
	unsigned long args[6];
	u32 answer;
	int i;

	/* Strict mode kills instead of failing: nothing to report. */
	if (current->seccomp.mode != SECCOMP_MODE_FILTER)
		return 1;
	/* A checkpoint/restore tracer switched seccomp off for the task. */
	if (IS_ENABLED(CONFIG_CHECKPOINT_RESTORE) &&
	    (current->ptrace & PT_SUSPEND_SECCOMP))
		return 1;

	sd.nr = syscall_get_nr(current, user_regs);
	sd.arch = syscall_get_arch(current);
	syscall_get_arguments(current, user_regs, args);
	for (i = 0; i < ARRAY_SIZE(args); i++)
		sd.args[i] = args[i];
	sd.instruction_pointer = instruction_pointer(user_regs);

	pending->arch = sd.arch;
	pending->nr = sd.nr;
	pending->outcome = SDIAG_OUTCOME_UNKNOWN;
	if (!sdiag_chain_answer(&sd, &answer))
		return 0;

	switch (answer & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		/* seccomp caps the data at MAX_ERRNO; 0 is a success. */
		answer = min_t(u32, answer & SECCOMP_RET_DATA, MAX_ERRNO);
		if (answer)
			sdiag_report(sd.arch, sd.nr, answer,
				     SDIAG_OUTCOME_ERRNO);
		return 1;
	case SECCOMP_RET_TRACE:
		if (!ptrace_event_enabled(current, PTRACE_EVENT_SECCOMP)) {
			sdiag_report(sd.arch, sd.nr, ENOSYS,
				     SDIAG_OUTCOME_TRACE);
			return 1;
		}
		pending->outcome = SDIAG_OUTCOME_TRACE;
		return 0;
	case SECCOMP_RET_USER_NOTIF:
		pending->outcome = SDIAG_OUTCOME_USER_NOTIF;
		return 0;
	default:
		/* Allowed, logged, trapped or killed: no errno. */
		return 1;
	}
}

static int sdiag_outcome_return(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	const struct sdiag_pending *pending = (const void *)ri->data;
	long err;

	if ((int)regs_return_value(regs) != -1)
		return 0;
	/* RET_TRAP and the kill actions leave the syscall number: no error. */
	err = -syscall_get_error(current, task_pt_regs(current));
	if (err <= 0)
		return 0;
	sdiag_report(pending->arch, pending->nr, err, pending->outcome);
	return 0;
}

static const struct kretprobe sdiag_outcome_template = {
	.kp.symbol_name = "__secure_computing",
	.entry_handler = sdiag_outcome_enter,
	.handler = sdiag_outcome_return,
	.data_size = sizeof(struct sdiag_pending),
	.maxactive = SDIAG_OUTCOME_MAXACTIVE,
};

static struct sdiag_probe_gate sdiag_outcome_gate =
	SDIAG_PROBE_GATE_INIT(sdiag_outcome_gate, &sdiag_outcome_template);

/*
 * The seccomp_errno event and the count_errno parameter share the probe:
 * it is armed while either wants it.
 */
static DEFINE_MUTEX(sdiag_outcome_users_lock);
static unsigned int sdiag_outcome_users;
static bool sdiag_outcome_ready;	/* between init and exit */
bool sdiag_count_errno;

static int sdiag_outcome_get(void)
{
	int ret;

	lockdep_assert_held(&sdiag_outcome_users_lock);
	if (sdiag_outcome_users) {
		sdiag_outcome_users++;
		return 0;
	}
	sdiag_verdict_cache_arm();
	ret = sdiag_probe_gate_arm(&sdiag_outcome_gate);
	if (ret) {
		sdiag_verdict_cache_disarm();
		return ret;
	}
	sdiag_outcome_users = 1;
	return 0;
}

static void sdiag_outcome_put(void)
{
	lockdep_assert_held(&sdiag_outcome_users_lock);
	if (!sdiag_outcome_users || --sdiag_outcome_users)
		return;
	sdiag_probe_gate_disarm(&sdiag_outcome_gate);
	sdiag_verdict_cache_disarm();
}

/* Tracepoint callback: the first user of seccomp_errno arrived. */
int sdiag_outcome_reg(void)
{
	int ret;

	mutex_lock(&sdiag_outcome_users_lock);
	ret = sdiag_outcome_get();
	mutex_unlock(&sdiag_outcome_users_lock);
	return ret;
}

/* Tracepoint callback: the last user of seccomp_errno left. */
void sdiag_outcome_unreg(void)
{
	mutex_lock(&sdiag_outcome_users_lock);
	sdiag_outcome_put();
	mutex_unlock(&sdiag_outcome_users_lock);
}

/*
 * The count_errno parameter: count outcomes in errno_outcomes with the
 * event off.  Set before init (a load-time parameter), it is only noted:
 * init arms the probe.
 */
int sdiag_outcome_count(bool on)
{
	int ret = 0;

	mutex_lock(&sdiag_outcome_users_lock);
	if (sdiag_outcome_ready && on != sdiag_count_errno) {
		if (on)
			ret = sdiag_outcome_get();
		else
			sdiag_outcome_put();
	}
	if (!ret)
		sdiag_count_errno = on;
	mutex_unlock(&sdiag_outcome_users_lock);
	return ret;
}

unsigned long sdiag_outcome_missed(void)
{
	return sdiag_probe_gate_missed(&sdiag_outcome_gate);
}

int sdiag_outcome_init(void)
{
	int ret = 0;

	sdiag_verdict_init();
	mutex_lock(&sdiag_outcome_users_lock);
	if (sdiag_count_errno)
		ret = sdiag_outcome_get();
	sdiag_outcome_ready = !ret;
	mutex_unlock(&sdiag_outcome_users_lock);
	return ret;
}

void sdiag_outcome_exit(void)
{
	mutex_lock(&sdiag_outcome_users_lock);
	sdiag_outcome_ready = false;
	mutex_unlock(&sdiag_outcome_users_lock);
	sdiag_probe_gate_close(&sdiag_outcome_gate);
	sdiag_verdict_exit();
}
