// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp_errno: the syscalls seccomp fails with an errno instead of running
 * them, and why.
 *
 * A probe on the entry of __secure_computing() sees every filtered
 * syscall before seccomp decides it, and decides in bounded time, without
 * running any filter, what the task will get:
 *
 * - seccomp's own action cache allows the syscall: nothing to report,
 *   nothing more to do (most syscalls end here);
 * - the chain's table (answers.c) holds the answer to the number: an
 *   errno is reported at once, anything else needs no report;
 * - else (the answer depends on the arguments, a listener's reply or a
 *   tracer, or the chain has no table yet) the task looks at its outcome
 *   on its way back to user mode, from a task_work: if it returns with an
 *   errno, it runs its filters again, preemptibly, at its own cost, to
 *   tell what failed the syscall (seccomp, and which action, or the
 *   syscall itself).  A task whose chain has a listener settles its
 *   outcome at entry instead when the filters decide on the number along
 *   a short path (SDIAG_QUICK_BUDGET).
 *
 * No return probe: its trampoline would cost every filtered syscall more
 * than the whole decision does.
 *
 * A supervisor's reply is taken from the kernel's own copy, when seccomp
 * wakes the target (notif.c), and reported by the target's task_work only
 * if the target returns with it: a wait interrupted by a signal returns a
 * restart code, which is no errno a program sees, and the restarted
 * syscall is reported when it gets its own reply.
 *
 * The probe costs every filtered syscall, so it is registered only while
 * the seccomp_errno event is enabled, from the tracepoint's registration
 * callbacks, or while the count_errno parameter asks for the count alone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/seccomp.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/workqueue.h>
#include <asm/syscall.h>

#include "answers.h"
#include "pool.h"
#include "probe_gate.h"
#include "seccomp_diag.h"
#include "trace.h"
#include "verdict.h"

/* Why a task looks at its outcome on its way back to user mode. */
enum sdiag_deferred_kind {
	SDIAG_DEFER_CHAIN,	/* returned with an errno? ask the chain */
	SDIAG_DEFER_REPLY,	/* a supervisor replied with an error */
};

struct sdiag_deferred {
	struct callback_head work;
	enum sdiag_deferred_kind kind;
	struct seccomp_data sd;
	const void *chain;	/* the task's chain at entry */
	bool traced;		/* a tracer wanted PTRACE_EVENT_SECCOMP */
	bool listener;		/* a filter of the chain had a listener */
	bool build;		/* the chain had no table: build it */
	int error;		/* SDIAG_DEFER_REPLY: the reply's error */
};

static atomic_long_t sdiag_outcome_lost = ATOMIC_LONG_INIT(0);

/*
 * Deferred looks come from a pool (pool.h): one per task at most, for as
 * long as the task has not returned to user mode, so tasks that wait in
 * seccomp make it larger, never empty.
 */
static struct sdiag_pool sdiag_deferred_pool;
#define SDIAG_DEFERRED_SPARE 128

static unsigned int sdiag_outcome_users;

/* Counted per CPU: denials on every CPU at once share no cache line. */
static DEFINE_PER_CPU(unsigned long, sdiag_outcomes);

unsigned long sdiag_errno_outcomes(void)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu(sdiag_outcomes, cpu));
	return sum;
}

static void sdiag_outcome_emit(u32 arch, int nr, int err,
			       enum sdiag_outcome outcome)
{
	this_cpu_inc(sdiag_outcomes);
	trace_seccomp_errno(arch, nr, err, outcome);
}

/*
 * An errno a program sees: not 0, at most MAX_ERRNO, and no restart code,
 * which signal delivery turns into a restart or EINTR.
 */
static bool sdiag_visible_errno(long err)
{
	return err > 0 && err <= MAX_ERRNO &&
	       !(err >= ERESTARTSYS && err <= ERESTART_RESTARTBLOCK);
}

/* The errno the task returns to user mode with, 0 for none. */
static long sdiag_returned_errno(void)
{
	long err = -syscall_get_error(current, task_pt_regs(current));

	return sdiag_visible_errno(err) ? err : 0;
}

static void sdiag_deferred_chain(const struct sdiag_deferred *d)
{
	const void *match;
	u32 answer, data;
	long err;

	/* A sibling's SECCOMP_FILTER_FLAG_TSYNC changed the chain: unknown. */
	if (READ_ONCE(current->seccomp.filter) != d->chain)
		return;
	if (d->build)
		sdiag_answers_build(d->chain);
	/* Every outcome reported is an errno the task returns with. */
	err = sdiag_returned_errno();
	if (!err)
		return;
	answer = sdiag_chain_answer(d->chain, &d->sd, &match);
	data = answer & SECCOMP_RET_DATA;
	switch (answer & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		/* seccomp caps the data at MAX_ERRNO. */
		if (min_t(u32, data, MAX_ERRNO) == err)
			sdiag_outcome_emit(d->sd.arch, d->sd.nr, err,
					   SDIAG_OUTCOME_ERRNO);
		break;
	case SECCOMP_RET_TRACE:
		/* Without a tracer: ENOSYS, as seccomp sets it. */
		if (!d->traced) {
			if (err == ENOSYS)
				sdiag_outcome_emit(d->sd.arch, d->sd.nr, err,
						   SDIAG_OUTCOME_TRACE);
			break;
		}
		/* The tracer skipped the syscall: its return value stands. */
		if (syscall_get_nr(current, task_pt_regs(current)) == -1)
			sdiag_outcome_emit(d->sd.arch, d->sd.nr, err,
					   SDIAG_OUTCOME_TRACE);
		break;
	case SECCOMP_RET_USER_NOTIF:
		/*
		 * No listener: ENOSYS at once.  With one, the reply is
		 * reported from the kernel's copy (SDIAG_DEFER_REPLY).
		 */
		if (!d->listener && err == ENOSYS)
			sdiag_outcome_emit(d->sd.arch, d->sd.nr, err,
					   SDIAG_OUTCOME_USER_NOTIF);
		break;
	default:
		/* Allowed, logged, trapped or killed: no errno. */
		break;
	}
}

/*
 * task_work: the task is on its way back to user mode, its syscall over
 * and its return value final.  Process context, preemptible.
 */
static void sdiag_deferred_run(struct callback_head *work)
{
	struct sdiag_deferred *d = container_of(work, struct sdiag_deferred,
						work);
	long err;

	/* Run by do_exit(): the syscall never returned. */
	if (current->flags & PF_EXITING)
		goto out;
	if (d->kind == SDIAG_DEFER_REPLY) {
		/* Else a signal interrupted the wait: the reply was dropped. */
		err = sdiag_returned_errno();
		if (err && err == -d->error)
			sdiag_outcome_emit(d->sd.arch, d->sd.nr, err,
					   SDIAG_OUTCOME_USER_NOTIF);
	} else {
		sdiag_deferred_chain(d);
	}
out:
	sdiag_pool_put(&sdiag_deferred_pool, d);
	/* The module stays until every queued task_work has run. */
	module_put(THIS_MODULE);
}

/*
 * Have @task look at its outcome on its way back to user mode.  Atomic
 * context.  The task_work holds a module reference: rmmod waits for it
 * (EBUSY) rather than leave the task a callback into freed code.
 */
static void sdiag_defer(struct task_struct *task,
			const struct sdiag_deferred *what)
{
	struct sdiag_deferred *d;

	if (!try_module_get(THIS_MODULE))
		return;
	d = sdiag_pool_get(&sdiag_deferred_pool);
	if (!d)
		goto lost;
	*d = *what;
	init_task_work(&d->work, sdiag_deferred_run);
	if (!task_work_add(task, &d->work, TWA_RESUME))
		return;
	/* The task is exiting: its syscall returns to nobody. */
	sdiag_pool_put(&sdiag_deferred_pool, d);
	module_put(THIS_MODULE);
	return;
lost:
	atomic_long_inc(&sdiag_outcome_lost);
	module_put(THIS_MODULE);
}

/**
 * sdiag_outcome_reply - a supervisor's reply, as the kernel took it
 * @task: the target, waiting for the reply in seccomp
 * @sd: its syscall
 * @error: the reply's error (CONTINUE replies are not errors)
 *
 * Called from notif.c with the listener's lock held.
 */
void sdiag_outcome_reply(struct task_struct *task,
			 const struct seccomp_data *sd, int error)
{
	struct sdiag_deferred d = { .kind = SDIAG_DEFER_REPLY, .error = error };

	if (!READ_ONCE(sdiag_outcome_users) || !sdiag_visible_errno(-(long)error))
		return;
	d.sd.nr = sd->nr;
	d.sd.arch = sd->arch;
	sdiag_defer(task, &d);
}

static void sdiag_outcome_fill(struct seccomp_data *sd)
{
	struct pt_regs *user_regs = task_pt_regs(current);
	unsigned long args[6];
	int i;

	sd->nr = syscall_get_nr(current, user_regs);
	sd->arch = syscall_get_arch(current);
	syscall_get_arguments(current, user_regs, args);
	for (i = 0; i < ARRAY_SIZE(args); i++)
		sd->args[i] = args[i];
	sd->instruction_pointer = instruction_pointer(user_regs);
}

/*
 * Settles the outcome at entry when the chain's answer is cheap to know
 * (the filters decide on the number and the ABI along a short path): true
 * when nothing is left to look at.  No tracer wants the task.
 */
static bool sdiag_outcome_quick(const void *chain,
				const struct seccomp_data *sd)
{
	const void *match;
	u32 answer, data;

	if (!sdiag_chain_quick_answer(chain, sd, SDIAG_QUICK_BUDGET, &answer,
				      &match))
		return false;
	data = answer & SECCOMP_RET_DATA;
	switch (answer & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		/* seccomp caps the data at MAX_ERRNO; 0 is a success. */
		data = min_t(u32, data, MAX_ERRNO);
		if (data)
			sdiag_outcome_emit(sd->arch, sd->nr, data,
					   SDIAG_OUTCOME_ERRNO);
		return true;
	case SECCOMP_RET_TRACE:
		sdiag_outcome_emit(sd->arch, sd->nr, ENOSYS,
				   SDIAG_OUTCOME_TRACE);
		return true;
	case SECCOMP_RET_USER_NOTIF:
		/* With a listener, the reply is seen where it wakes the task. */
		if (!sdiag_filter_has_listener(match))
			sdiag_outcome_emit(sd->arch, sd->nr, ENOSYS,
					   SDIAG_OUTCOME_USER_NOTIF);
		return true;
	default:
		/* Allowed, logged, trapped or killed: no errno. */
		return true;
	}
}

/*
 * Decides what the task will get before seccomp runs its filters, in
 * bounded work: no filter runs here.
 */
static void sdiag_outcome_enter(void)
{
	struct sdiag_deferred d = { .kind = SDIAG_DEFER_CHAIN };
	unsigned int answer;
	const void *chain;
	u32 arch;
	int nr;

	/* Strict mode kills instead of failing: nothing to report. */
	if (current->seccomp.mode != SECCOMP_MODE_FILTER)
		return;
	/* A checkpoint/restore tracer switched seccomp off for the task. */
	if (IS_ENABLED(CONFIG_CHECKPOINT_RESTORE) &&
	    (current->ptrace & PT_SUSPEND_SECCOMP))
		return;
	chain = READ_ONCE(current->seccomp.filter);
	if (!chain || !sdiag_verdict_ready())
		return;
	arch = syscall_get_arch(current);
	nr = syscall_get_nr(current, task_pt_regs(current));
	if (sdiag_chain_cached_allow(chain, arch, nr))
		return;

	/* A tracer decides after seccomp: only the return tells. */
	d.traced = ptrace_event_enabled(current, PTRACE_EVENT_SECCOMP);
	if (!d.traced) {
		answer = sdiag_answers_find(chain, arch, nr);
		switch (answer) {
		case SDIAG_ANSWER_NO_ERRNO:
			return;
		case SDIAG_ANSWER_TRACE:
			sdiag_outcome_emit(arch, nr, ENOSYS,
					   SDIAG_OUTCOME_TRACE);
			return;
		case SDIAG_ANSWER_ASK:
			break;
		case SDIAG_ANSWER_NONE:
			d.build = true;
			break;
		default:
			sdiag_outcome_emit(arch, nr, answer,
					   SDIAG_OUTCOME_ERRNO);
			return;
		}
	}
	sdiag_outcome_fill(&d.sd);
	d.listener = sdiag_chain_has_listener(chain);
	/* It may sleep for its listener: settle now if cheap. */
	if (!d.traced && d.listener && sdiag_outcome_quick(chain, &d.sd))
		return;
	d.chain = chain;
	sdiag_defer(current, &d);
}

static struct sdiag_probe_gate sdiag_outcome_gate =
	SDIAG_PROBE_GATE_INIT(sdiag_outcome_gate, "__secure_computing",
			      sdiag_outcome_enter);

/* Load-time choice: an ftrace_ops where the kernel has them, else a kprobe. */
bool sdiag_outcome_ftrace = true;

/* How the probe is armed now: "ftrace", "kprobe" or "off". */
const char *sdiag_outcome_probe(void)
{
	switch (sdiag_probe_gate_kind(&sdiag_outcome_gate)) {
	case SDIAG_PROBE_FTRACE:
		return "ftrace";
	case SDIAG_PROBE_KPROBE:
		return "kprobe";
	default:
		return "off";
	}
}

/*
 * The seccomp_errno event and the count_errno parameter share the probe:
 * it is armed while either wants it.
 */
static DEFINE_MUTEX(sdiag_outcome_users_lock);
static bool sdiag_outcome_ready;	/* between init and exit */
bool sdiag_count_errno;

static int sdiag_outcome_get(void)
{
	int ret;

	lockdep_assert_held(&sdiag_outcome_users_lock);
	if (sdiag_outcome_users) {
		WRITE_ONCE(sdiag_outcome_users, sdiag_outcome_users + 1);
		return 0;
	}
	/* Without the layout nothing could be told: refuse, not pretend. */
	if (!sdiag_verdict_ready())
		return -EOPNOTSUPP;
	/* Looks for the first tasks to defer, before any probe can ask. */
	sdiag_pool_fill(&sdiag_deferred_pool);
	/* Replies are seen where seccomp wakes the target. */
	ret = sdiag_knotif_watch(true);
	if (ret)
		return ret;
	/* Tables are trusted only while their chains' end is watched. */
	ret = sdiag_answers_start();
	if (ret)
		goto stop_watch;
	ret = sdiag_probe_gate_arm(&sdiag_outcome_gate, sdiag_outcome_ftrace);
	if (ret)
		goto stop_answers;
	WRITE_ONCE(sdiag_outcome_users, 1);
	return 0;

stop_answers:
	sdiag_answers_stop();
stop_watch:
	sdiag_knotif_watch(false);
	return ret;
}

static void sdiag_outcome_put(void)
{
	lockdep_assert_held(&sdiag_outcome_users_lock);
	if (!sdiag_outcome_users)
		return;
	WRITE_ONCE(sdiag_outcome_users, sdiag_outcome_users - 1);
	if (sdiag_outcome_users)
		return;
	sdiag_probe_gate_disarm(&sdiag_outcome_gate);
	sdiag_answers_stop();
	sdiag_knotif_watch(false);
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

/* Probe hits kprobes did not hand over, and task_works not allocated. */
unsigned long sdiag_outcome_missed(void)
{
	return sdiag_probe_gate_missed(&sdiag_outcome_gate) +
	       atomic_long_read(&sdiag_outcome_lost);
}

int sdiag_outcome_init(void)
{
	int ret = 0;

	sdiag_verdict_init();
	sdiag_pool_init(&sdiag_deferred_pool, sizeof(struct sdiag_deferred),
			SDIAG_DEFERRED_SPARE);
	mutex_lock(&sdiag_outcome_users_lock);
	if (sdiag_count_errno)
		ret = sdiag_outcome_get();
	sdiag_outcome_ready = !ret;
	mutex_unlock(&sdiag_outcome_users_lock);
	if (ret)
		sdiag_pool_drain(&sdiag_deferred_pool);
	return ret;
}

void sdiag_outcome_exit(void)
{
	mutex_lock(&sdiag_outcome_users_lock);
	sdiag_outcome_ready = false;
	sdiag_probe_gate_close(&sdiag_outcome_gate);
	sdiag_answers_stop();
	mutex_unlock(&sdiag_outcome_users_lock);
	/* Every deferred look held a module reference: none is left. */
	sdiag_pool_drain(&sdiag_deferred_pool);
}
