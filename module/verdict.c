// SPDX-License-Identifier: GPL-2.0
/*
 * What a seccomp filter, or a task's whole chain of them, answers for a
 * syscall, found without waiting for seccomp to say it.
 *
 * Most filters decide on the syscall number and the ABI alone.  For those
 * the answer is read off the filter's classic BPF the way seccomp builds
 * its own action cache (seccomp_cache_prepare()): only nr and arch known,
 * every other load ends the walk.  Such an answer holds for any arguments,
 * and no freshly JITed code has to run inside a probe.  A filter that does
 * look at the arguments or the instruction pointer is run for real.
 *
 * Chain answers are cached per CPU, keyed by the chain's newest filter.
 * A freed filter's address can come back as the head of another chain, so
 * while the cache is armed every bpf_prog_destroy() moves a generation on
 * and older entries stop matching.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/filter.h>
#include <linux/hash.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <asm/unistd.h>

#include "btf.h"
#include "verdict.h"

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

#define SDIAG_VERDICT_BITS 6

struct sdiag_verdict {
	const void *chain;
	unsigned long gen;
	u32 arch;
	int nr;
	u32 answer;
	bool constant;		/* else the chain reads more than nr and arch */
};

struct sdiag_verdict_cache {
	struct sdiag_verdict slot[1 << SDIAG_VERDICT_BITS];
};

static DEFINE_PER_CPU(struct sdiag_verdict_cache, sdiag_verdicts);
static atomic_long_t sdiag_verdict_gen = ATOMIC_LONG_INIT(1);
static bool sdiag_verdict_cache_on;

static struct kprobe sdiag_destroy_probe;	/* ages the cache */
static DEFINE_MUTEX(sdiag_verdict_lock);	/* orders arm, disarm and exit */
static bool sdiag_verdict_gone;

/*
 * The answer of @prog to @sd when it can depend on nothing but nr and
 * arch; false when it can, or when the classic program is not kept.
 */
static bool sdiag_filter_const_answer(const struct bpf_prog *prog,
				      const struct seccomp_data *sd, u32 *ret)
{
	const struct sock_fprog_kern *fprog = prog->orig_prog;
	unsigned int pc;
	u32 acc = 0;

	if (!fprog)
		return false;
	for (pc = 0; pc < fprog->len; pc++) {
		const struct sock_filter *insn = &fprog->filter[pc];
		bool taken;

		switch (insn->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (insn->k == offsetof(struct seccomp_data, nr))
				acc = sd->nr;
			else if (insn->k == offsetof(struct seccomp_data, arch))
				acc = sd->arch;
			else
				return false;
			continue;
		case BPF_ALU | BPF_AND | BPF_K:
			acc &= insn->k;
			continue;
		case BPF_JMP | BPF_JA:
			if (insn->k >= fprog->len - pc)
				return false;
			pc += insn->k;
			continue;
		case BPF_JMP | BPF_JEQ | BPF_K:
			taken = acc == insn->k;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			taken = acc >= insn->k;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			taken = acc > insn->k;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			taken = acc & insn->k;
			break;
		case BPF_RET | BPF_K:
			*ret = insn->k;
			return true;
		default:
			return false;
		}
		pc += taken ? insn->jt : insn->jf;
	}
	/* The kernel checked every jump: not a filter seccomp accepted. */
	return false;
}

/* What @prog answers for @sd, as seccomp would run it. */
u32 sdiag_filter_answer(const struct bpf_prog *prog,
			const struct seccomp_data *sd)
{
	u32 ret;

	if (sdiag_filter_const_answer(prog, sd, &ret))
		return ret;
	return bpf_prog_run(prog, sd);
}

/*
 * seccomp_run_filters() lets the uprobe syscalls through on the native ABI
 * whatever the filters say (through its action cache).
 */
static bool sdiag_uprobe_exception(const struct seccomp_data *sd)
{
#if defined(__NR_uretprobe) || defined(__NR_uprobe)
	if (sd->arch != AUDIT_ARCH_X86_64)
		return false;
#ifdef __NR_uretprobe
	if (sd->nr == __NR_uretprobe)
		return true;
#endif
#ifdef __NR_uprobe
	if (sd->nr == __NR_uprobe)
		return true;
#endif
#endif
	return false;
}

/*
 * The chain's answer with seccomp's precedence: the lowest action wins
 * and, among equal ones, the newest filter's.  With @const_only, false
 * as soon as a filter's answer depends on more than nr and arch.
 */
static bool sdiag_chain_walk(const void *filter, const struct seccomp_data *sd,
			     bool const_only, u32 *ret)
{
	u32 answer = SECCOMP_RET_ALLOW;
	unsigned int depth;

	for (depth = 0; filter; depth++) {
		const struct bpf_prog *prog;
		u32 cur;

		if (depth == SDIAG_MAX_CHAIN)
			return false;
		prog = READ_ONCE(*(struct bpf_prog **)(filter + sdiag_layout.prog));
		if (!prog)
			return false;
		if (!const_only)
			cur = bpf_prog_run(prog, sd);
		else if (!sdiag_filter_const_answer(prog, sd, &cur))
			return false;
		if ((s32)(cur & SECCOMP_RET_ACTION_FULL) <
		    (s32)(answer & SECCOMP_RET_ACTION_FULL))
			answer = cur;
		filter = READ_ONCE(*(void **)(filter + sdiag_layout.prev));
	}
	*ret = answer;
	return true;
}

/*
 * What the current task's filter chain answers for @sd.  False when the
 * chain's layout is unknown.  Called with preemption off, from a probe on
 * the task's own syscall path: the task holds its chain, so nothing on it
 * is freed meanwhile.
 */
bool sdiag_chain_answer(const struct seccomp_data *sd, u32 *ret)
{
	struct sdiag_verdict *verdict;
	const void *chain;
	unsigned long gen;
	unsigned int slot;
	bool constant;

	/* Pairs with the release in sdiag_verdict_init(). */
	if (!smp_load_acquire(&sdiag_layout_known))
		return false;
	if (sdiag_uprobe_exception(sd)) {
		*ret = SECCOMP_RET_ALLOW;
		return true;
	}
	chain = READ_ONCE(current->seccomp.filter);
	/* A free the probe missed could leave any entry stale. */
	if (!READ_ONCE(sdiag_verdict_cache_on) ||
	    READ_ONCE(sdiag_destroy_probe.nmissed))
		return sdiag_chain_walk(chain, sd, false, ret);

	/*
	 * A chain at a freed one's address was attached after the bump:
	 * pairs with smp_mb__after_atomic() in sdiag_prog_destroy_enter().
	 */
	smp_rmb();
	gen = atomic_long_read(&sdiag_verdict_gen);
	slot = hash_32(hash_ptr(chain, 32) ^ sd->arch ^ sd->nr,
		       SDIAG_VERDICT_BITS);
	verdict = &this_cpu_ptr(&sdiag_verdicts)->slot[slot];
	if (verdict->chain == chain && verdict->gen == gen &&
	    verdict->arch == sd->arch && verdict->nr == sd->nr) {
		if (!verdict->constant)
			return sdiag_chain_walk(chain, sd, false, ret);
		*ret = verdict->answer;
		return true;
	}

	constant = sdiag_chain_walk(chain, sd, true, ret);
	verdict->chain = chain;
	verdict->gen = gen;
	verdict->arch = sd->arch;
	verdict->nr = sd->nr;
	verdict->answer = constant ? *ret : 0;
	verdict->constant = constant;
	return constant || sdiag_chain_walk(chain, sd, false, ret);
}

/* Any filter may be going: no cached answer is trusted any longer. */
static int sdiag_prog_destroy_enter(struct kprobe *kp, struct pt_regs *regs)
{
	atomic_long_inc(&sdiag_verdict_gen);
	/* Seen before the memory comes back: pairs with sdiag_chain_answer(). */
	smp_mb__after_atomic();
	return 0;
}

static const struct kprobe sdiag_destroy_template = {
	.symbol_name = "bpf_prog_destroy",
	.pre_handler = sdiag_prog_destroy_enter,
};

/*
 * Tracepoint callback context: start caching chain answers.  Without the
 * probe on frees every answer is found afresh, which is slower but as
 * right, so a failure here is no reason to refuse the event.
 */
void sdiag_verdict_cache_arm(void)
{
	int ret;

	mutex_lock(&sdiag_verdict_lock);
	if (sdiag_verdict_gone || sdiag_verdict_cache_on)
		goto out;
	/* A kprobe once registered keeps state: start from the template. */
	sdiag_destroy_probe = sdiag_destroy_template;
	ret = register_kprobe(&sdiag_destroy_probe);
	if (ret) {
		pr_info("cannot probe %s (%d): seccomp_errno evaluates filters afresh at every syscall\n",
			sdiag_destroy_template.symbol_name, ret);
		goto out;
	}
	/* Entries made while frees went unseen are stale from now on. */
	atomic_long_inc(&sdiag_verdict_gen);
	WRITE_ONCE(sdiag_verdict_cache_on, true);
out:
	mutex_unlock(&sdiag_verdict_lock);
}

static void sdiag_verdict_cache_stop(void)
{
	lockdep_assert_held(&sdiag_verdict_lock);
	if (!sdiag_verdict_cache_on)
		return;
	WRITE_ONCE(sdiag_verdict_cache_on, false);
	unregister_kprobe(&sdiag_destroy_probe);
}

/* Call once no probe can look up answers any more. */
void sdiag_verdict_cache_disarm(void)
{
	mutex_lock(&sdiag_verdict_lock);
	sdiag_verdict_cache_stop();
	mutex_unlock(&sdiag_verdict_lock);
}

void sdiag_verdict_init(void)
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
		return;
	}
	sdiag_layout.prev = members[0].offset;
	sdiag_layout.prog = members[1].offset;
	/* The event may already be enabled: publish the layout whole. */
	smp_store_release(&sdiag_layout_known, true);
}

/* Module exit: the event's callbacks may still come, and must not arm. */
void sdiag_verdict_exit(void)
{
	mutex_lock(&sdiag_verdict_lock);
	sdiag_verdict_cache_stop();
	sdiag_verdict_gone = true;
	mutex_unlock(&sdiag_verdict_lock);
}
