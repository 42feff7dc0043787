// SPDX-License-Identifier: GPL-2.0
/*
 * What each chain answers for every syscall number, read once off its
 * classic BPF, so that the outcome probe decides at the entry of seccomp
 * with one lookup and no return probe (outcome.c).
 *
 * Most rules of real profiles decide on the number and the ABI alone.  A
 * table holds the answer for each number of the native and the compat
 * ABI (and x32's, where the kernel runs it), or SDIAG_ANSWER_ASK where
 * the answer depends on the arguments; it is built by the first task of
 * the chain that needs it, in its own task_work (preemptible, its memory
 * charged to the task), and it is keyed by the program of the chain's
 * newest filter, which exists exactly as long as the chain.  A probe on
 * bpf_prog_destroy(), through which seccomp frees every filter's
 * program, drops a table before its program can be freed and its address
 * used again: a table never outlives its chain.  If that probe ever
 * misses a hit, no table is trusted until the probe is armed again.
 *
 * At most SDIAG_ANSWERS_PER_USER tables per user and SDIAG_ANSWERS_MAX in
 * all: beyond, the user's oldest one goes, else the oldest of all, and its
 * chain's syscalls are looked at the slow way (outcome.c) until it is
 * built again.  Tables exist only while the outcome probe is armed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/filter.h>
#include <linux/hashtable.h>
#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seccomp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "answers.h"
#include "seccomp_diag.h"
#include "verdict.h"

#define SDIAG_ANSWERS_MAX	1024
/* A user who makes many chains makes the module forget its own first. */
#define SDIAG_ANSWERS_PER_USER	64
#define SDIAG_ANSWERS_HASH_BITS	8

#ifdef SECCOMP_ARCH_NATIVE

struct sdiag_answers {
	struct hlist_node node;
	struct list_head age;		/* oldest first */
	const struct bpf_prog *prog;	/* of the chain's newest filter */
	kuid_t uid;			/* who built it */
	struct rcu_head rcu;
	u16 native[SECCOMP_ARCH_NATIVE_NR];
#ifdef SECCOMP_ARCH_COMPAT
	u16 compat[SECCOMP_ARCH_COMPAT_NR];
#endif
#ifdef SDIAG_X32_NR
	u16 x32[SDIAG_X32_NR];
#endif
};

static DEFINE_HASHTABLE(sdiag_answers_hash, SDIAG_ANSWERS_HASH_BITS);
static LIST_HEAD(sdiag_answers_age);
/* Raw: taken in a probe on bpf_prog_destroy(), in any context. */
static DEFINE_RAW_SPINLOCK(sdiag_answers_lock);
static unsigned int sdiag_answers_count;
/* Tables may be added and trusted: the destroy probe is armed. */
static bool sdiag_answers_live;

static struct kprobe sdiag_destroy_probe;
/* Under the outcome probe's users lock: start and stop pair up. */
static bool sdiag_destroy_armed;

static struct sdiag_answers *sdiag_answers_lookup(const struct bpf_prog *prog)
{
	struct sdiag_answers *a;

	hash_for_each_possible_rcu(sdiag_answers_hash, a, node,
				   (unsigned long)prog)
		if (a->prog == prog)
			return a;
	return NULL;
}

static void sdiag_answers_drop(struct sdiag_answers *a)
{
	lockdep_assert_held(&sdiag_answers_lock);
	hash_del_rcu(&a->node);
	list_del(&a->age);
	sdiag_answers_count--;
	kfree_rcu(a, rcu);
}

static int sdiag_destroy_enter(struct kprobe *p, struct pt_regs *regs)
{
	const struct bpf_prog *prog = (void *)regs_get_kernel_argument(regs, 0);
	struct sdiag_answers *a;
	unsigned long flags;

	raw_spin_lock_irqsave(&sdiag_answers_lock, flags);
	a = sdiag_answers_lookup(prog);
	if (a)
		sdiag_answers_drop(a);
	raw_spin_unlock_irqrestore(&sdiag_answers_lock, flags);
	return 0;
}

/**
 * sdiag_answers_find - what a chain answers for a syscall number
 * @chain: the newest filter of the calling task's chain
 * @arch: the syscall's ABI
 * @nr: its number
 *
 * An errno, SDIAG_ANSWER_NO_ERRNO, SDIAG_ANSWER_TRACE, SDIAG_ANSWER_ASK,
 * or SDIAG_ANSWER_NONE when the chain has no table yet.  Any context.
 */
unsigned int sdiag_answers_find(const void *chain, u32 arch, int nr)
{
	const struct bpf_prog *prog = sdiag_chain_prog(chain);
	const struct sdiag_answers *a;
	unsigned int answer = SDIAG_ANSWER_NONE;

	/* A missed destroy may have left a table its program outlived. */
	if (!READ_ONCE(sdiag_answers_live) ||
	    READ_ONCE(sdiag_destroy_probe.nmissed))
		return SDIAG_ANSWER_ASK;
	rcu_read_lock();
	a = sdiag_answers_lookup(prog);
	if (!a)
		goto out;
	answer = SDIAG_ANSWER_ASK;
	if (nr < 0)
		goto out;
	if (arch == SECCOMP_ARCH_NATIVE && nr < SECCOMP_ARCH_NATIVE_NR)
		answer = a->native[nr];
#ifdef SDIAG_X32_NR
	else if (arch == SECCOMP_ARCH_NATIVE && (nr & SDIAG_X32_BIT) &&
		 (nr & ~SDIAG_X32_BIT) < SDIAG_X32_NR)
		answer = a->x32[nr & ~SDIAG_X32_BIT];
#endif
#ifdef SECCOMP_ARCH_COMPAT
	else if (arch == SECCOMP_ARCH_COMPAT && nr < SECCOMP_ARCH_COMPAT_NR)
		answer = a->compat[nr];
#endif
out:
	rcu_read_unlock();
	return answer;
}

/* The answer to @nr on @arch, as the outcome probe needs it. */
static u16 sdiag_answer_of(const void *chain, u32 arch, int nr)
{
	struct seccomp_data sd = { .nr = nr, .arch = arch };
	const void *match;
	u32 answer, data;

	if (!sdiag_chain_quick_answer(chain, &sd, UINT_MAX, &answer, &match))
		return SDIAG_ANSWER_ASK;
	data = answer & SECCOMP_RET_DATA;
	switch (answer & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		/* seccomp caps the data at MAX_ERRNO; 0 is a success. */
		return min_t(u32, data, MAX_ERRNO);
	case SECCOMP_RET_TRACE:
		return SDIAG_ANSWER_TRACE;
	case SECCOMP_RET_USER_NOTIF:
		/* Whether a listener replies is known only at the time. */
		return SDIAG_ANSWER_ASK;
	default:
		return SDIAG_ANSWER_NO_ERRNO;
	}
}

/* The answers to @base + 0 to @size - 1 on @arch. */
static bool sdiag_answers_fill(u16 *table, unsigned int size,
			       const void *chain, u32 arch, int base)
{
	unsigned int nr;

	for (nr = 0; nr < size; nr++) {
		table[nr] = sdiag_answer_of(chain, arch, base + nr);
		/* A chain of 32768 instructions takes a while: stay fair. */
		if (!(nr % 32)) {
			cond_resched();
			if (fatal_signal_pending(current))
				return false;
		}
	}
	return true;
}

/* Room for one more table of @uid's: its oldest goes, else the oldest. */
static void sdiag_answers_make_room(kuid_t uid)
{
	struct sdiag_answers *a, *oldest_of_uid = NULL;
	unsigned int of_uid = 0;

	lockdep_assert_held(&sdiag_answers_lock);
	list_for_each_entry(a, &sdiag_answers_age, age) {
		if (!uid_eq(a->uid, uid))
			continue;
		if (!oldest_of_uid)
			oldest_of_uid = a;
		of_uid++;
	}
	if (of_uid >= SDIAG_ANSWERS_PER_USER)
		sdiag_answers_drop(oldest_of_uid);
	else if (sdiag_answers_count >= SDIAG_ANSWERS_MAX)
		sdiag_answers_drop(list_first_entry(&sdiag_answers_age,
						    struct sdiag_answers, age));
}

/**
 * sdiag_answers_build - give a chain its table
 * @chain: the newest filter of the calling task's chain, which it holds
 *
 * Process context, preemptible: from the task's own task_work.
 */
void sdiag_answers_build(const void *chain)
{
	const struct bpf_prog *prog = sdiag_chain_prog(chain);
	struct sdiag_answers *a, *old;
	unsigned long flags;

	if (!prog || !READ_ONCE(sdiag_answers_live))
		return;
	rcu_read_lock();
	old = sdiag_answers_lookup(prog);
	rcu_read_unlock();
	if (old)
		return;
	a = kmalloc(sizeof(*a), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!a)
		return;
	a->prog = prog;
	a->uid = current_uid();
	if (!sdiag_answers_fill(a->native, SECCOMP_ARCH_NATIVE_NR, chain,
				SECCOMP_ARCH_NATIVE, 0))
		goto free;
#ifdef SDIAG_X32_NR
	if (!sdiag_answers_fill(a->x32, SDIAG_X32_NR, chain,
				SECCOMP_ARCH_NATIVE, SDIAG_X32_BIT))
		goto free;
#endif
#ifdef SECCOMP_ARCH_COMPAT
	if (!sdiag_answers_fill(a->compat, SECCOMP_ARCH_COMPAT_NR, chain,
				SECCOMP_ARCH_COMPAT, 0))
		goto free;
#endif
	raw_spin_lock_irqsave(&sdiag_answers_lock, flags);
	/* Stopped meanwhile, or a sibling was quicker. */
	if (!sdiag_answers_live || sdiag_answers_lookup(prog)) {
		raw_spin_unlock_irqrestore(&sdiag_answers_lock, flags);
		goto free;
	}
	sdiag_answers_make_room(a->uid);
	hash_add_rcu(sdiag_answers_hash, &a->node, (unsigned long)prog);
	list_add_tail(&a->age, &sdiag_answers_age);
	sdiag_answers_count++;
	raw_spin_unlock_irqrestore(&sdiag_answers_lock, flags);
	return;
free:
	kfree(a);
}

/* Arm the destroy probe, then let tables in.  Process context. */
int sdiag_answers_start(void)
{
	int ret;

	if (sdiag_destroy_armed)
		return 0;
	/* A kprobe once registered keeps state: start afresh. */
	memset(&sdiag_destroy_probe, 0, sizeof(sdiag_destroy_probe));
	sdiag_destroy_probe.symbol_name = "bpf_prog_destroy";
	sdiag_destroy_probe.pre_handler = sdiag_destroy_enter;
	ret = register_kprobe(&sdiag_destroy_probe);
	if (ret) {
		pr_err("cannot probe bpf_prog_destroy: %d\n", ret);
		return ret;
	}
	sdiag_destroy_armed = true;
	WRITE_ONCE(sdiag_answers_live, true);
	return 0;
}

/* Drop every table, then the destroy probe.  Process context. */
void sdiag_answers_stop(void)
{
	struct sdiag_answers *a, *next;
	unsigned long flags;

	if (!sdiag_destroy_armed)
		return;
	raw_spin_lock_irqsave(&sdiag_answers_lock, flags);
	WRITE_ONCE(sdiag_answers_live, false);
	list_for_each_entry_safe(a, next, &sdiag_answers_age, age)
		sdiag_answers_drop(a);
	raw_spin_unlock_irqrestore(&sdiag_answers_lock, flags);
	unregister_kprobe(&sdiag_destroy_probe);
	sdiag_destroy_armed = false;
}

#else /* !SECCOMP_ARCH_NATIVE */

/* Before 5.11 seccomp names no native ABI: every syscall is asked. */
unsigned int sdiag_answers_find(const void *chain, u32 arch, int nr)
{
	return SDIAG_ANSWER_ASK;
}

void sdiag_answers_build(const void *chain)
{
}

int sdiag_answers_start(void)
{
	return 0;
}

void sdiag_answers_stop(void)
{
}

#endif /* SECCOMP_ARCH_NATIVE */
