// SPDX-License-Identifier: GPL-2.0
/*
 * What a seccomp filter, or a task's whole chain of them, answers for a
 * syscall.
 *
 * On the syscall path the module asks only what costs the same whatever
 * the filters' size and the chain's depth: the kernel's own action cache
 * (struct action_cache in the newest filter, filled when the filter was
 * attached and never changed after) says in one bit test whether the chain
 * allows a syscall for any arguments, which is the common case.  Nothing
 * is cached by the module: an answer read off a filter the task holds
 * cannot be stale.
 *
 * The full answer (sdiag_chain_answer()) runs every filter like seccomp
 * does, so it is asked only in process context, preemptibly, from the
 * task's own return to user mode (outcome.c), never in a probe handler.
 * Most filters decide on the syscall number and the ABI alone; their
 * answer is read off the classic BPF the way seccomp builds its action
 * cache (seccomp_cache_prepare()), without running freshly JITed code.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/bitops.h>
#include <linux/filter.h>
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

/* Real chains are a few filters deep; 32 is the benchmark's worst case. */
#define SDIAG_LISTENER_SCAN 64

struct sdiag_layout sdiag_layout;
static bool sdiag_layout_known;

/*
 * The answer of @prog to @sd when it can depend on nothing but nr and
 * arch; false when it can, when the classic program is not kept, or when
 * the path is longer than *@budget instructions (what is left of it is
 * stored back).
 */
static bool sdiag_filter_const_answer(const struct bpf_prog *prog,
				      const struct seccomp_data *sd, u32 *ret,
				      unsigned int *budget)
{
	const struct sock_fprog_kern *fprog = prog->orig_prog;
	unsigned int pc;
	u32 acc = 0;

	if (!fprog)
		return false;
	for (pc = 0; pc < fprog->len; pc++) {
		const struct sock_filter *insn = &fprog->filter[pc];
		bool taken;

		if (!*budget)
			return false;
		--*budget;

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
	unsigned int budget = UINT_MAX;
	u32 ret;

	if (sdiag_filter_const_answer(prog, sd, &ret, &budget))
		return ret;
	return bpf_prog_run(prog, sd);
}

/* The filter's program, or NULL when the layout is wrong. */
const struct bpf_prog *sdiag_chain_prog(const void *filter)
{
	return READ_ONCE(*(struct bpf_prog **)(filter + sdiag_layout.prog));
}

static const void *sdiag_filter_prev(const void *filter)
{
	return READ_ONCE(*(void **)(filter + sdiag_layout.prev));
}

bool sdiag_verdict_ready(void)
{
	/* The layout is read after this: pairs with sdiag_verdict_init(). */
	return smp_load_acquire(&sdiag_layout_known);
}

#ifdef SDIAG_HAVE_SECCOMP_ACTION_CACHE
/*
 * Whether seccomp's own action cache lets @nr through on @arch for any
 * arguments, as seccomp_cache_check_allow() reads it: one bit of the
 * newest filter, which already accounts for every older one.
 */
bool sdiag_chain_cached_allow(const void *chain, u32 arch, int nr)
{
	const unsigned long *bitmap;
	unsigned int size;

	if (!sdiag_layout.action_cache || nr < 0)
		return false;
	if (arch == SECCOMP_ARCH_NATIVE) {
		bitmap = chain + sdiag_layout.allow_native;
		size = SECCOMP_ARCH_NATIVE_NR;
#ifdef SECCOMP_ARCH_COMPAT
	} else if (arch == SECCOMP_ARCH_COMPAT) {
		bitmap = chain + sdiag_layout.allow_compat;
		size = SECCOMP_ARCH_COMPAT_NR;
#endif
	} else {
		return false;
	}
	/* Bits past the table's end are set: seccomp never reads them. */
	if (nr >= size)
		return false;
	return test_bit(nr, bitmap);
}

/* Where the newest filter keeps the cache's bitmaps, from BTF. */
static void sdiag_action_cache_init(const struct sdiag_btf_member *cache_member)
{
	struct sdiag_btf_member cache[] = {
		{ .name = "allow_native",
		  .min_size = BITS_TO_LONGS(SECCOMP_ARCH_NATIVE_NR) * sizeof(long) },
#ifdef SECCOMP_ARCH_COMPAT
		{ .name = "allow_compat",
		  .min_size = BITS_TO_LONGS(SECCOMP_ARCH_COMPAT_NR) * sizeof(long) },
#endif
	};
	struct sdiag_btf_struct action_cache = {
		"action_cache", cache, ARRAY_SIZE(cache)
	};

	/* Without the cache every filtered syscall is looked at: slower. */
	if (!cache_member->size || sdiag_btf_find_structs(&action_cache, 1) ||
	    cache_member->size < cache[ARRAY_SIZE(cache) - 1].offset +
				 cache[ARRAY_SIZE(cache) - 1].size) {
		pr_info("no seccomp action cache in BTF: every filtered syscall is looked at\n");
		return;
	}
	sdiag_layout.allow_native = cache_member->offset + cache[0].offset;
#ifdef SECCOMP_ARCH_COMPAT
	sdiag_layout.allow_compat = cache_member->offset + cache[1].offset;
#endif
	sdiag_layout.action_cache = true;
}
#else
/* Before 5.11 seccomp has no action cache: every filter is looked at. */
bool sdiag_chain_cached_allow(const void *chain, u32 arch, int nr)
{
	return false;
}

static void sdiag_action_cache_init(const struct sdiag_btf_member *cache_member)
{
	pr_info("this kernel's seccomp has no action cache: every filtered syscall is looked at\n");
}
#endif

bool sdiag_filter_has_listener(const void *filter)
{
	return READ_ONCE(*(void **)(filter + sdiag_layout.notif));
}

/*
 * Whether seccomp may put the task to sleep: a filter of the chain has a
 * user-notification listener.  One load per filter and no filter run, for
 * the newest SDIAG_LISTENER_SCAN filters at most: a deeper chain counts as
 * one that may sleep, so that the work stays bounded whatever the depth.
 */
bool sdiag_chain_has_listener(const void *chain)
{
	unsigned int depth;

	for (depth = 0; chain && depth < SDIAG_LISTENER_SCAN; depth++) {
		if (sdiag_filter_has_listener(chain))
			return true;
		chain = sdiag_filter_prev(chain);
	}
	return chain;
}

/*
 * seccomp_run_filters() lets the uprobe syscalls through on the native ABI
 * whatever the filters say (through its action cache).
 */
static bool sdiag_uprobe_exception(const struct seccomp_data *sd)
{
#if defined(__NR_uretprobe) || defined(__NR_uprobe)
	if (sd->arch != SECCOMP_ARCH_NATIVE)
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

/**
 * sdiag_chain_answer - what a filter chain answers, as seccomp decides it
 * @chain: the newest filter of a chain the caller holds
 * @sd: the syscall
 * @match: the filter whose answer won, NULL for ALLOW
 *
 * seccomp's precedence: the lowest action wins and, among equal ones, the
 * newest filter's.  Runs filters: process context, preemptible.
 */
u32 sdiag_chain_answer(const void *chain, const struct seccomp_data *sd,
		       const void **match)
{
	u32 answer = SECCOMP_RET_ALLOW;
	unsigned int depth, budget;

	*match = NULL;
	if (sdiag_uprobe_exception(sd) ||
	    sdiag_chain_cached_allow(chain, sd->arch, sd->nr))
		return SECCOMP_RET_ALLOW;
	for (depth = 0; chain && depth < SDIAG_MAX_CHAIN; depth++) {
		const struct bpf_prog *prog = sdiag_chain_prog(chain);
		u32 cur;

		if (!prog)
			break;
		budget = UINT_MAX;
		if (!sdiag_filter_const_answer(prog, sd, &cur, &budget))
			cur = bpf_prog_run_pin_on_cpu(prog, sd);
		if ((s32)(cur & SECCOMP_RET_ACTION_FULL) <
		    (s32)(answer & SECCOMP_RET_ACTION_FULL)) {
			answer = cur;
			*match = chain;
		}
		cond_resched();
		chain = sdiag_filter_prev(chain);
	}
	return answer;
}

/**
 * sdiag_chain_quick_answer - the chain's answer, if cheap to know
 * @chain: the newest filter of a chain the caller holds
 * @sd: the syscall
 * @budget: classic instructions to follow at most, in all
 * @ret: the answer
 * @match: the filter whose answer won, NULL for ALLOW
 *
 * Like sdiag_chain_answer(), but runs no filter: false when a filter
 * reads more than the number and the ABI, or when the answer lies beyond
 * @budget instructions.  Any context: the work is bounded by @budget.
 */
bool sdiag_chain_quick_answer(const void *chain, const struct seccomp_data *sd,
			      unsigned int budget, u32 *ret,
			      const void **match)
{
	u32 answer = SECCOMP_RET_ALLOW;

	*match = NULL;
	if (sdiag_uprobe_exception(sd)) {
		*ret = SECCOMP_RET_ALLOW;
		return true;
	}
	for (; chain; chain = sdiag_filter_prev(chain)) {
		const struct bpf_prog *prog = sdiag_chain_prog(chain);
		u32 cur;

		if (!prog || !sdiag_filter_const_answer(prog, sd, &cur, &budget))
			return false;
		if ((s32)(cur & SECCOMP_RET_ACTION_FULL) <
		    (s32)(answer & SECCOMP_RET_ACTION_FULL)) {
			answer = cur;
			*match = chain;
		}
	}
	*ret = answer;
	return true;
}

void sdiag_verdict_init(void)
{
	struct sdiag_btf_member filter[] = {
		{ .name = "prev", .points_to = "seccomp_filter" },
		{ .name = "prog", .points_to = "bpf_prog" },
		{ .name = "notif", .points_to = "notification" },
	};
	/* Optional: found apart, so that its absence costs only speed. */
	struct sdiag_btf_member cache = { .name = "cache", .min_size = 1 };
	struct sdiag_btf_member knotif[] = {
		{ .name = "task", .points_to = "task_struct" },
		{ .name = "id", .size = sizeof(u64) },
		{ .name = "data", .points_to = "seccomp_data" },
		{ .name = "state", .size = sizeof(int) },
		{ .name = "error", .size = sizeof(int) },
		{ .name = "val", .size = sizeof(long) },
		{ .name = "flags", .size = sizeof(u32) },
		{ .name = "ready", .size = sizeof(struct completion) },
	};
	struct sdiag_btf_struct structs[] = {
		{ "seccomp_filter", filter, ARRAY_SIZE(filter) },
		{ "seccomp_filter", &cache, 1 },
		{ "seccomp_knotif", knotif, ARRAY_SIZE(knotif) },
	};
	int ret;

	ret = sdiag_btf_find_structs(structs, 1);
	if (ret) {
		pr_info("no layout of struct seccomp_filter in BTF (%d): no seccomp_errno events\n",
			ret);
		return;
	}
	sdiag_layout.prev = filter[0].offset;
	sdiag_layout.prog = filter[1].offset;
	sdiag_layout.notif = filter[2].offset;

	if (sdiag_btf_find_structs(&structs[1], 1))
		cache.size = 0;
	sdiag_action_cache_init(&cache);

	if (!sdiag_btf_find_structs(&structs[2], 1)) {
		sdiag_layout.knotif_task = knotif[0].offset;
		sdiag_layout.knotif_id = knotif[1].offset;
		sdiag_layout.knotif_data = knotif[2].offset;
		sdiag_layout.knotif_state = knotif[3].offset;
		sdiag_layout.knotif_error = knotif[4].offset;
		sdiag_layout.knotif_val = knotif[5].offset;
		sdiag_layout.knotif_flags = knotif[6].offset;
		sdiag_layout.knotif_ready = knotif[7].offset;
		sdiag_layout.knotif = true;
	} else {
		pr_info("no layout of struct seccomp_knotif in BTF: no user-notification replies seen\n");
	}
	/* The event may already be enabled: publish the layout whole. */
	smp_store_release(&sdiag_layout_known, true);
}
