// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp_errno: the syscalls seccomp fails with an errno instead of running
 * them, and why.
 *
 * A return probe on __secure_computing() sees the verdict: -1 means the
 * syscall is skipped, and the task's return register then holds -errno
 * (RET_TRAP and the kill actions roll it back to the syscall number, so
 * they never look like errors).  The probe relies on nothing but that
 * return value and the task's registers, whose layout is ABI: the
 * function's arguments changed in 6.15.
 *
 * The errno alone does not say who chose it: RET_ERRNO(ENOSYS) and RET_TRACE
 * without a tracer both leave -ENOSYS, and a supervisor's error reply to a
 * user notification looks just like RET_ERRNO.  So the return handler runs
 * the task's filter chain again on the seccomp_data saved at entry and
 * applies seccomp's precedence to recover the action.  The chain is private
 * to kernel/seccomp.c; its layout comes from the kernel's BTF, and without
 * BTF the action is reported as unknown.
 *
 * The probe costs every filtered syscall, so it is registered only while
 * the seccomp_errno event is enabled, from the tracepoint's registration
 * callbacks.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/filter.h>
#include <linux/kprobes.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/seccomp.h>
#include <asm/syscall.h>

#include "btf.h"
#include "probe_gate.h"
#include "seccomp_diag.h"
#include "trace.h"

/*
 * Every task inside a filtered syscall holds an instance until it returns,
 * and one waiting for its supervisor or its tracer can hold it for hours.
 */
#define SDIAG_OUTCOME_MAXACTIVE 4096

/*
 * seccomp refuses chains over 32768 instructions, counting 4 extra per
 * filter: a longer walk means the layout is wrong.
 */
#define SDIAG_MAX_CHAIN 8192

/* Where struct seccomp_filter keeps its links, once known from BTF. */
struct sdiag_filter_layout {
	unsigned int prev;
	unsigned int prog;
};

static struct sdiag_filter_layout sdiag_layout;
static bool sdiag_layout_known;

static int sdiag_outcome_enter(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	struct seccomp_data *sd = (void *)ri->data;
	struct pt_regs *user_regs = task_pt_regs(current);
	unsigned long args[6];
	int i;

	/* Strict mode kills instead of failing: nothing to report. */
	if (current->seccomp.mode != SECCOMP_MODE_FILTER)
		return 1;

	sd->nr = syscall_get_nr(current, user_regs);
	sd->arch = syscall_get_arch(current);
	syscall_get_arguments(current, user_regs, args);
	for (i = 0; i < ARRAY_SIZE(args); i++)
		sd->args[i] = args[i];
	sd->instruction_pointer = instruction_pointer(user_regs);
	return 0;
}

/*
 * Which action of the chain seccomp applied to @sd: the lowest action
 * wins and, among equal ones, the newest filter's.  @err is what the task
 * got, for RET_ERRNO to be trusted only when it matches.
 */
static enum sdiag_outcome sdiag_classify(const struct seccomp_data *sd,
					 int err)
{
	const struct sdiag_filter_layout *layout = &sdiag_layout;
	u32 ret = SECCOMP_RET_ALLOW;
	unsigned int depth = 0;
	const void *filter;

	/* Pairs with the release in sdiag_outcome_init(). */
	if (!smp_load_acquire(&sdiag_layout_known))
		return SDIAG_OUTCOME_UNKNOWN;

	/* The task holds its chain: nothing on it is freed while it runs. */
	filter = READ_ONCE(current->seccomp.filter);
	for (; filter && depth < SDIAG_MAX_CHAIN; depth++) {
		const struct bpf_prog *prog =
			READ_ONCE(*(struct bpf_prog **)(filter + layout->prog));
		u32 cur;

		if (!prog)
			return SDIAG_OUTCOME_UNKNOWN;
		cur = bpf_prog_run(prog, sd);
		if ((s32)(cur & SECCOMP_RET_ACTION_FULL) <
		    (s32)(ret & SECCOMP_RET_ACTION_FULL))
			ret = cur;
		filter = READ_ONCE(*(void **)(filter + layout->prev));
	}

	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		/* seccomp caps the data at MAX_ERRNO. */
		if (min_t(u32, ret & SECCOMP_RET_DATA, MAX_ERRNO) == err)
			return SDIAG_OUTCOME_ERRNO;
		/* The chain changed under us (TSYNC) or a tracer meddled. */
		return SDIAG_OUTCOME_UNKNOWN;
	case SECCOMP_RET_USER_NOTIF:
		return SDIAG_OUTCOME_USER_NOTIF;
	case SECCOMP_RET_TRACE:
		return SDIAG_OUTCOME_TRACE;
	default:
		return SDIAG_OUTCOME_UNKNOWN;
	}
}

static int sdiag_outcome_return(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	const struct seccomp_data *sd = (const void *)ri->data;
	long err;

	if ((int)regs_return_value(regs) != -1)
		return 0;
	err = -syscall_get_error(current, task_pt_regs(current));
	if (err <= 0)
		return 0;

	atomic_long_inc(&sdiag_errno_outcomes);
	trace_seccomp_errno(sd->arch, sd->nr, err, sdiag_classify(sd, err));
	return 0;
}

static const struct kretprobe sdiag_outcome_template = {
	.kp.symbol_name = "__secure_computing",
	.entry_handler = sdiag_outcome_enter,
	.handler = sdiag_outcome_return,
	.data_size = sizeof(struct seccomp_data),
	.maxactive = SDIAG_OUTCOME_MAXACTIVE,
};

static struct sdiag_probe_gate sdiag_outcome_gate =
	SDIAG_PROBE_GATE_INIT(sdiag_outcome_gate, &sdiag_outcome_template);

/* Tracepoint callback: the first user of seccomp_errno arrived. */
int sdiag_outcome_reg(void)
{
	return sdiag_probe_gate_arm(&sdiag_outcome_gate);
}

/* Tracepoint callback: the last user of seccomp_errno left. */
void sdiag_outcome_unreg(void)
{
	sdiag_probe_gate_disarm(&sdiag_outcome_gate);
}

unsigned long sdiag_outcome_missed(void)
{
	return sdiag_probe_gate_missed(&sdiag_outcome_gate);
}

int sdiag_outcome_init(void)
{
	struct sdiag_btf_member members[] = {
		{ .name = "prev", .points_to = "seccomp_filter" },
		{ .name = "prog", .points_to = "bpf_prog" },
	};
	int ret;

	ret = sdiag_btf_find_members("seccomp_filter", members,
				     ARRAY_SIZE(members));
	if (ret) {
		pr_info("no layout of struct seccomp_filter in BTF (%d): seccomp_errno reports action=unknown\n",
			ret);
		return 0;
	}
	sdiag_layout.prev = members[0].offset;
	sdiag_layout.prog = members[1].offset;
	/* The event may already be enabled: publish the layout whole. */
	smp_store_release(&sdiag_layout_known, true);
	return 0;
}

void sdiag_outcome_exit(void)
{
	sdiag_probe_gate_close(&sdiag_outcome_gate);
}
