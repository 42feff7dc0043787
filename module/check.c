// SPDX-License-Identifier: GPL-2.0
/*
 * Judge the seccomp filter chain a task ends up with, once it is final:
 * what it answers for the reserved probe number on every ABI, and for
 * the casualty syscalls of casualties.h.
 *
 * Seccomp runs every filter of a task's chain and the lowest action wins;
 * between equal actions (two errnos) the newest filter's answer wins.  So
 * a filter is not judged alone: bwrap installing an EPERM allow-list and
 * then an ENOSYS one leaves its program with ENOSYS.
 *
 * A verdict is final when the task that installed filters execs, when it
 * exits, or after SDIAG_QUIET with no further install by it.  Only final
 * verdicts are counted and printed.
 *
 * Probes do bounded work with preemption off and only record: a plain
 * kprobe on do_seccomp() notes the installing task in a record of its
 * own (pool.h: a task waiting inside seccomp() costs memory, never another
 * user's check) and queues task work, which runs when that seccomp()
 * returns to user mode: there, preemptibly and in the task's own context
 * (which holds its chain), the filters new since the last evaluation are
 * run on the probe number and the casualties (every syscall number too
 * while the chain is flagged) and folded into the record's answers.  The report
 * at exit (task work again, before the parent can see the exit), at exec
 * or after the quiet time (a worker) reads only those copied answers:
 * nothing keeps a pointer to a filter, and no task work waits on a task
 * that sleeps.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/filter.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/seccomp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/task_work.h>
#include <linux/tracepoint.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <asm/ptrace.h>
#include <trace/events/sched.h>

#include "btf.h"
#include "pool.h"
#include "casualties.h"
#include "seccomp_diag.h"
#include "trace.h"
#include "verdict.h"

/* No further install by the task for this long: its verdict is final. */
#define SDIAG_QUIET		HZ

/* The probe number, then the casualties, of each ABI. */
#define SDIAG_KEYS		(1 + ARRAY_SIZE(sdiag_casualties))

/* Records kept free beyond half of those in use (pool.h). */
#define SDIAG_INSTALL_SPARE	64
#define SDIAG_INSTALL_HASH_BITS	10

/*
 * seccomp refuses chains over 32768 instructions, counting 4 extra per
 * filter: a longer walk means the layout is wrong.
 */
#define SDIAG_MAX_CHAIN		8192

#define SDIAG_NAMES_SHOWN	8
/* Longer than any syscall name, with its separating space. */
#define SDIAG_NAME_MAX		32

/*
 * A task that installed filters and has no final verdict yet.  In the
 * table, the task work of the record runs only while @queued, and the
 * record is on the quiet list only while not; out of the table, whoever
 * took it out owns it.  The task is only compared with current,
 * never dereferenced: the exit tracepoint takes the record out before
 * the task can go.
 */
struct sdiag_install_rec {
	struct hlist_node hnode;
	struct list_head lru;		/* settled first, or ready */
	struct callback_head twork;
	struct task_struct *task;
	const void *chain_before;	/* at the first install: compared only */
	const void *evaluated;		/* chain folded into @key: compared */
	const void *tabled;		/* chain folded into @answers: compared */
	unsigned long settled;		/* jiffies: last evaluation done */
	bool queued;			/* its task work is queued or running */
	bool exiting;			/* exit came while queued: report then */
	kuid_t uid;
	pid_t pid;
	pid_t vpid;
	u64 cgroup;
	unsigned int probe_nr;		/* the one @key was made for */
	/*
	 * What the chain answers with zero arguments: for the probe number
	 * and the casualties of each ABI, and, while the chain is flagged,
	 * for every number of every ABI (for the list of the second line;
	 * allocated in the task's context, charged to it).
	 */
	u32 key[SDIAG_NR_ABIS][SDIAG_KEYS];
	u32 *answers;
	char comm[TASK_COMM_LEN];
};

static struct sdiag_pool sdiag_install_pool;
static bool sdiag_install_armed;	/* init attached the probes */
static DEFINE_HASHTABLE(sdiag_install_table, SDIAG_INSTALL_HASH_BITS);
static LIST_HEAD(sdiag_install_lru);	/* settled, not queued */
static LIST_HEAD(sdiag_install_ready);	/* final at exec, to report */
/* Task work queued and not finished: module exit waits for it. */
static atomic_t sdiag_install_inflight = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(sdiag_install_idle);
static DEFINE_RAW_SPINLOCK(sdiag_install_lock);
static atomic_long_t sdiag_install_missed = ATOMIC_LONG_INIT(0);

static void sdiag_install_quiet_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(sdiag_install_quiet_work, sdiag_install_quiet_fn);

/* Where struct seccomp_filter keeps its links, from BTF. */
static unsigned int sdiag_install_prev_off;
static unsigned int sdiag_install_prog_off;

/* Where each ABI's numbers start in the answers, and their total. */
static unsigned int sdiag_install_off[SDIAG_NR_ABIS];
static unsigned int sdiag_install_nrs;
/*
 * The casualties' numbers by ABI: from this kernel's table, else their
 * unified number (a kernel without the syscall answers ENOSYS there, so
 * EPERM breaks the caller all the same), -1 where neither exists.  Only
 * those in the table are listed among the implemented syscalls.
 */
static int sdiag_install_cas_nr[SDIAG_NR_ABIS][ARRAY_SIZE(sdiag_casualties)];
static bool sdiag_install_cas_listed[SDIAG_NR_ABIS][ARRAY_SIZE(sdiag_casualties)];

/* A final verdict, made from a record's answers. */
struct sdiag_install_verdict {
	u32 reserved[SDIAG_NR_ABIS];
	unsigned long casualty_eperm[SDIAG_NR_ABIS];	/* by table index */
	unsigned long flagged;		/* ABIs: reserved EPERM, usable */
	unsigned long casualty;		/* ABIs: reserved fine, casualty EPERM */
	unsigned long info;		/* ABIs: reserved EPERM, switched off */
	unsigned int probe_nr;
};

static_assert(ARRAY_SIZE(sdiag_casualties) <= BITS_PER_LONG);

/*
 * Per-user ratelimit of the log lines: SDIAG_RL_BURST verdicts per
 * SDIAG_RL_INTERVAL for each uid, so that one user's flood does not hide
 * another's.  What a user loses is counted and said with the next line
 * printed for that user; a slot taken over by another user hands its
 * count to sdiag_rl_evicted.
 */
#define SDIAG_RL_SLOTS		32
#define SDIAG_RL_BURST		5
#define SDIAG_RL_INTERVAL	(5 * HZ)

struct sdiag_rl_slot {
	kuid_t uid;
	bool used;
	unsigned long begin;
	unsigned long last;
	unsigned int printed;
	unsigned long suppressed;
};

static struct sdiag_rl_slot sdiag_rl[SDIAG_RL_SLOTS];
static unsigned long sdiag_rl_evicted;
static DEFINE_MUTEX(sdiag_rl_lock);

static bool sdiag_is_eperm(u32 action)
{
	return (action & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO &&
	       (action & SECCOMP_RET_DATA) == EPERM;
}

static u64 sdiag_cgroup_id(void)
{
	u64 id = 0;

#ifdef CONFIG_CGROUPS
	rcu_read_lock();
	id = cgroup_id(task_dfl_cgroup(current));
	rcu_read_unlock();
#endif
	return id;
}

static int sdiag_find_nr(enum sdiag_abi abi, const char *name)
{
	unsigned int nr;

	for (nr = 0; nr < sdiag_abis[abi].table_len; nr++) {
		const char *sym = sdiag_syscall_name(abi, nr);

		if (sym && !strcmp(sym, name))
			return nr;
	}
	return -1;
}

static bool sdiag_is_casualty_name(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sdiag_casualties); i++)
		if (!strcmp(name, sdiag_casualties[i].name))
			return true;
	return false;
}

static u32 sdiag_install_action(u32 ret)
{
	return ret & SECCOMP_RET_ACTION_FULL;
}

/*
 * Fold one answer of a filter newer than every filter folded so far:
 * the lowest action wins, and between equal ones the newer filter.  The
 * filter runs as seccomp runs it, pinned to the CPU, preemptibly.
 */
static void sdiag_install_fold_one(const struct bpf_prog *prog,
				   struct seccomp_data *sd, u32 *ans)
{
	u32 cur;

	migrate_disable();
	cur = sdiag_filter_answer(prog, sd);
	migrate_enable();
	if ((s32)sdiag_install_action(cur) <= (s32)sdiag_install_action(*ans))
		*ans = cur;
	cond_resched();
}

static void sdiag_install_fold_keys(struct sdiag_install_rec *rec,
				    const struct bpf_prog *prog)
{
	struct seccomp_data sd = {
		.instruction_pointer =
			instruction_pointer(task_pt_regs(current)),
	};
	enum sdiag_abi abi;
	unsigned int k;

	for (abi = 0; abi < SDIAG_NR_ABIS; abi++) {
		if (!sdiag_abi_supported(abi))
			continue;
		sd.arch = sdiag_abis[abi].audit_arch;
		for (k = 0; k < SDIAG_KEYS; k++) {
			int nr = k ? sdiag_install_cas_nr[abi][k - 1] :
				     rec->probe_nr;

			if (nr < 0)
				continue;
			sd.nr = nr | sdiag_abis[abi].nr_bit;
			sdiag_install_fold_one(prog, &sd, &rec->key[abi][k]);
		}
	}
}

static void sdiag_install_fold_table(struct sdiag_install_rec *rec,
				     const struct bpf_prog *prog)
{
	struct seccomp_data sd = {
		.instruction_pointer =
			instruction_pointer(task_pt_regs(current)),
	};
	enum sdiag_abi abi;
	unsigned int nr;

	for (abi = 0; abi < SDIAG_NR_ABIS; abi++) {
		sd.arch = sdiag_abis[abi].audit_arch;
		for (nr = 0; nr < sdiag_abis[abi].table_len; nr++) {
			if (!sdiag_syscall_name(abi, nr))
				continue;
			sd.nr = nr | sdiag_abis[abi].nr_bit;
			sdiag_install_fold_one(prog, &sd,
					       &rec->answers[sdiag_install_off[abi] + nr]);
		}
	}
}

static const void *sdiag_install_prev(const void *filter)
{
	return READ_ONCE(*(void **)(filter + sdiag_install_prev_off));
}

/*
 * The filters of @chain newer than @upto, newest first, in a new array;
 * -EAGAIN when @upto is not in the chain.
 */
static int sdiag_install_collect(const void *chain, const void *upto,
				 const struct bpf_prog ***progs,
				 unsigned int *count)
{
	const void *filter;
	unsigned int n = 0;

	for (filter = chain; filter && filter != upto && n < SDIAG_MAX_CHAIN;
	     filter = sdiag_install_prev(filter))
		n++;
	if (filter != upto && (upto || n == SDIAG_MAX_CHAIN))
		return upto ? -EAGAIN : -ELOOP;
	*progs = kvmalloc_array(n, sizeof(**progs), GFP_KERNEL);
	if (!*progs)
		return -ENOMEM;
	for (*count = 0, filter = chain; *count < n;
	     filter = sdiag_install_prev(filter))
		(*progs)[(*count)++] = READ_ONCE(*(struct bpf_prog **)
						 (filter + sdiag_install_prog_off));
	return 0;
}

static bool sdiag_install_flagged_now(const struct sdiag_install_rec *rec)
{
	enum sdiag_abi abi;

	for (abi = 0; abi < SDIAG_NR_ABIS; abi++)
		if (sdiag_abi_enabled(abi) && sdiag_is_eperm(rec->key[abi][0]))
			return true;
	return false;
}

/*
 * Task work, after the install returned: fold the filters added since the
 * last evaluation, oldest first.  The task holds its chain, and a TSYNC
 * by a sibling only replaces it with one that contains it.  The whole
 * table is kept only while the chain is flagged: other chains cost a few
 * runs per filter.
 */
static void sdiag_install_evaluate(struct sdiag_install_rec *rec)
{
	const void *chain = READ_ONCE(current->seccomp.filter);
	unsigned int probe_nr = READ_ONCE(sdiag_probe_nr);
	const struct bpf_prog **progs;
	unsigned int n, i, k;
	enum sdiag_abi abi;
	int ret;

	rec->cgroup = sdiag_cgroup_id();
	if (!chain || chain == rec->evaluated)
		return;
	if (probe_nr != rec->probe_nr)
		rec->evaluated = NULL;
	ret = sdiag_install_collect(chain, rec->evaluated, &progs, &n);
	if (ret == -EAGAIN) {
		rec->evaluated = NULL;
		ret = sdiag_install_collect(chain, NULL, &progs, &n);
	}
	if (ret)
		goto missed;
	if (!rec->evaluated) {
		rec->probe_nr = probe_nr;
		rec->tabled = NULL;
		for (abi = 0; abi < SDIAG_NR_ABIS; abi++)
			for (k = 0; k < SDIAG_KEYS; k++)
				rec->key[abi][k] = SECCOMP_RET_ALLOW;
	}
	for (i = n; i--; )
		if (progs[i])
			sdiag_install_fold_keys(rec, progs[i]);
	kvfree(progs);
	rec->evaluated = chain;

	if (!sdiag_install_flagged_now(rec))
		return;
	if (!rec->answers) {
		rec->answers = kvmalloc_array(sdiag_install_nrs,
					      sizeof(*rec->answers),
					      GFP_KERNEL_ACCOUNT);
		if (!rec->answers)
			goto missed;
		rec->tabled = NULL;
	}
	ret = sdiag_install_collect(chain, rec->tabled, &progs, &n);
	if (ret == -EAGAIN) {
		rec->tabled = NULL;
		ret = sdiag_install_collect(chain, NULL, &progs, &n);
	}
	if (ret)
		goto missed;
	if (!rec->tabled)
		for (i = 0; i < sdiag_install_nrs; i++)
			rec->answers[i] = SECCOMP_RET_ALLOW;
	for (i = n; i--; )
		if (progs[i])
			sdiag_install_fold_table(rec, progs[i]);
	kvfree(progs);
	rec->tabled = chain;
	return;

missed:
	/* Judged on what was folded before, if anything. */
	atomic_long_inc(&sdiag_install_missed);
}

/* The verdict from the folded answers: no filter is looked at. */
static void sdiag_install_verdict(const struct sdiag_install_rec *rec,
				  struct sdiag_install_verdict *v)
{
	enum sdiag_abi abi;
	int i;

	memset(v, 0, sizeof(*v));
	v->probe_nr = rec->probe_nr;
	for (abi = 0; abi < SDIAG_NR_ABIS; abi++) {
		bool eperm;

		if (!sdiag_abi_supported(abi))
			continue;
		v->reserved[abi] = rec->key[abi][0];
		for (i = 0; i < ARRAY_SIZE(sdiag_casualties); i++)
			if (sdiag_install_cas_nr[abi][i] >= 0 &&
			    sdiag_is_eperm(rec->key[abi][1 + i]))
				__set_bit(i, &v->casualty_eperm[abi]);
		eperm = sdiag_is_eperm(v->reserved[abi]);
		if (!sdiag_abi_enabled(abi)) {
			if (eperm)
				__set_bit(abi, &v->info);
		} else if (eperm) {
			__set_bit(abi, &v->flagged);
		} else if (v->casualty_eperm[abi]) {
			__set_bit(abi, &v->casualty);
		}
	}
}

/*
 * Write to @names the implemented syscalls of @abi that the chain answers
 * exactly like the probe number, casualties first; how many there are.
 */
static unsigned int sdiag_list_like_unknown(const struct sdiag_install_rec *rec,
					    enum sdiag_abi abi, char *names,
					    size_t size)
{
	const u32 *answers = rec->answers ?
			     &rec->answers[sdiag_install_off[abi]] : NULL;
	u32 unknown = rec->key[abi][0];
	unsigned int count = 0, shown = 0, nr;
	size_t len = 0;
	int i;

	names[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(sdiag_casualties); i++) {
		if (!sdiag_install_cas_listed[abi][i] ||
		    rec->key[abi][1 + i] != unknown)
			continue;
		count++;
		if (shown < SDIAG_NAMES_SHOWN) {
			len += scnprintf(names + len, size - len, " %s",
					 sdiag_casualties[i].name);
			shown++;
		}
	}
	/* Without the table (no memory), the casualties alone. */
	for (nr = 0; answers && rec->tabled == rec->evaluated &&
	     nr < sdiag_abis[abi].table_len; nr++) {
		const char *name = sdiag_syscall_name(abi, nr);

		if (!name || sdiag_is_casualty_name(name) ||
		    answers[nr] != unknown)
			continue;
		count++;
		if (shown < SDIAG_NAMES_SHOWN) {
			len += scnprintf(names + len, size - len, " %s", name);
			shown++;
		}
	}
	return count;
}

/*
 * Task names are chosen by unprivileged users: escape everything that
 * could end a log line, fake a field or reach a terminal as a control
 * sequence.  isprint() is not enough: it takes Latin-1 bytes as printable.
 */
static void sdiag_escape_comm(char *out, const char *comm)
{
	for (; *comm; comm++) {
		unsigned char c = *comm;

		if (c >= ' ' && c <= '~' && c != '"' && c != '\\')
			*out++ = c;
		else
			out += sprintf(out, "\\x%02x", c);
	}
	*out = '\0';
}

static void sdiag_abi_list(unsigned long abis, char *out)
{
	enum sdiag_abi abi;

	out[0] = '\0';
	for (abi = 0; abi < SDIAG_NR_ABIS; abi++) {
		if (!(abis & BIT(abi)))
			continue;
		if (out[0])
			strcat(out, ",");
		strcat(out, sdiag_abis[abi].name);
	}
}

/*
 * May @uid print one more verdict now?  Says what it lost before.  The
 * caller holds sdiag_rl_lock and prints the verdict before dropping it.
 */
static bool sdiag_rl_allow(kuid_t uid)
{
	struct sdiag_rl_slot *slot = NULL, *oldest = NULL;
	unsigned long now = jiffies, suppressed = 0, evicted;
	bool allow;
	int i;

	lockdep_assert_held(&sdiag_rl_lock);
	for (i = 0; i < SDIAG_RL_SLOTS; i++) {
		struct sdiag_rl_slot *s = &sdiag_rl[i];

		if (s->used && uid_eq(s->uid, uid)) {
			slot = s;
			break;
		}
		if (!oldest || !s->used ||
		    (oldest->used && time_before(s->last, oldest->last)))
			oldest = s;
	}
	if (!slot) {
		slot = oldest;
		if (slot->used)
			sdiag_rl_evicted += slot->suppressed;
		*slot = (struct sdiag_rl_slot){ .uid = uid, .used = true,
						.begin = now };
	}
	slot->last = now;
	if (time_after_eq(now, slot->begin + SDIAG_RL_INTERVAL)) {
		slot->begin = now;
		slot->printed = 0;
	}
	allow = slot->printed < SDIAG_RL_BURST;
	if (allow) {
		slot->printed++;
		suppressed = slot->suppressed;
		slot->suppressed = 0;
	} else {
		slot->suppressed++;
	}
	evicted = allow ? sdiag_rl_evicted : 0;
	if (allow)
		sdiag_rl_evicted = 0;

	if (suppressed)
		pr_warn("uid %u: %lu more verdicts were not printed (ratelimited); the counters count them all\n",
			from_kuid(&init_user_ns, uid), suppressed);
	if (evicted)
		pr_warn("%lu more verdicts of other users were not printed (ratelimited); the counters count them all\n",
			evicted);
	return allow;
}

static void sdiag_install_print(const struct sdiag_install_rec *rec,
				const struct sdiag_install_verdict *v)
{
	char comm[TASK_COMM_LEN * 4 + 1];
	char abis[SDIAG_ABI_LIST_SIZE];
	char names[SDIAG_NAMES_SHOWN * SDIAG_NAME_MAX];
	u64 cgroup = rec->cgroup;
	unsigned int count;
	size_t len;
	int i;

	sdiag_escape_comm(comm, rec->comm);
	if (v->flagged) {
		enum sdiag_abi first = __ffs(v->flagged);

		sdiag_abi_list(v->flagged, abis);
		pr_warn("\"%s\" pid %d (pid %d in its namespace, cgroup %llu) installed a seccomp filter that answers reserved syscall %u with EPERM on %s: unknown syscalls must fail with ENOSYS, or fallbacks from new syscalls break\n",
			comm, rec->pid, rec->vpid, cgroup, v->probe_nr, abis);
		count = sdiag_list_like_unknown(rec, first, names,
						sizeof(names));
		pr_warn("\"%s\" pid %d: the filter answers %u implemented %s syscalls like unknown ones, with EPERM:%s%s\n",
			comm, rec->pid, count, sdiag_abis[first].name,
			count ? names : " none",
			count > SDIAG_NAMES_SHOWN ? " ..." : "");
	}
	if (v->casualty) {
		enum sdiag_abi first = __ffs(v->casualty);

		sdiag_abi_list(v->casualty, abis);
		len = 0;
		names[0] = '\0';
		for (i = 0; i < ARRAY_SIZE(sdiag_casualties); i++)
			if (v->casualty_eperm[first] & BIT(i))
				len += scnprintf(names + len,
						 sizeof(names) - len, " %s",
						 sdiag_casualties[i].name);
		pr_warn("\"%s\" pid %d: casualty finding (pid %d in its namespace, cgroup %llu): the filter answers reserved syscall %u correctly, but EPERM on %s for:%s: their callers fall back to older syscalls only on ENOSYS\n",
			comm, rec->pid, rec->vpid, cgroup, v->probe_nr, abis,
			names);
	}
	/* Worth a line only when nothing else is said. */
	if (v->info && !v->flagged && !v->casualty) {
		sdiag_abi_list(v->info, abis);
		pr_info("\"%s\" pid %d: information: the filter answers reserved syscall %u with EPERM on %s, an ABI this kernel has switched off: not a finding\n",
			comm, rec->pid, v->probe_nr, abis);
	}
}

/*
 * Print, trace and count a final verdict: bounded work on copied data.
 * In that order, so that a reader who sees the event or a counter move
 * finds every line of the verdict already in the log.  The lines are
 * printed under the ratelimit's lock, so those of two verdicts never
 * interleave; each also names the pid it is about.
 */
static void sdiag_install_report(const struct sdiag_install_rec *rec)
{
	struct sdiag_install_verdict v;
	enum sdiag_abi abi;

	/* Every install failed, or nothing could be folded. */
	if (!rec->evaluated || rec->evaluated == rec->chain_before ||
	    !READ_ONCE(sdiag_check))
		return;
	sdiag_install_verdict(rec, &v);
	if (v.flagged || v.casualty || v.info) {
		mutex_lock(&sdiag_rl_lock);
		if (sdiag_rl_allow(rec->uid))
			sdiag_install_print(rec, &v);
		mutex_unlock(&sdiag_rl_lock);
	}
	for (abi = 0; abi < SDIAG_NR_ABIS; abi++) {
		if (!sdiag_abi_supported(abi))
			continue;
		trace_filter_check(rec->pid, rec->comm, abi,
				   v.probe_nr | sdiag_abis[abi].nr_bit,
				   v.reserved[abi], v.flagged & BIT(abi),
				   v.casualty & BIT(abi),
				   hweight_long(v.casualty_eperm[abi]),
				   sdiag_abi_enabled(abi));
	}
	/* The records above are stored before a counter says they exist. */
	smp_mb__before_atomic();
	atomic_long_inc(&sdiag_filters_checked);
	if (v.flagged)
		atomic_long_inc(&sdiag_filters_flagged);
	if (v.casualty)
		atomic_long_inc(&sdiag_filters_casualties);
}

static struct sdiag_install_rec *sdiag_install_find(struct task_struct *task)
{
	struct sdiag_install_rec *rec;

	lockdep_assert_held(&sdiag_install_lock);
	hash_for_each_possible(sdiag_install_table, rec, hnode,
			       hash_ptr(task, SDIAG_INSTALL_HASH_BITS))
		if (rec->task == task)
			return rec;
	return NULL;
}

static void sdiag_install_unlink(struct sdiag_install_rec *rec)
{
	lockdep_assert_held(&sdiag_install_lock);
	hash_del(&rec->hnode);
	list_del_init(&rec->lru);
}

/* Process context: back to the pool, answers freed. */
static void sdiag_install_free_rec(struct sdiag_install_rec *rec)
{
	kvfree(rec->answers);
	sdiag_pool_put(&sdiag_install_pool, rec);
}

/*
 * The last thing task work of ours does: module exit waits for the count
 * to reach zero, then for every task to leave this code (RCU tasks).
 */
static void sdiag_install_done(void)
{
	if (atomic_dec_and_test(&sdiag_install_inflight))
		wake_up(&sdiag_install_idle);
}

/* Task work at exit: the record is out of the table, ours. */
static void sdiag_install_final_fn(struct callback_head *twork)
{
	struct sdiag_install_rec *rec =
		container_of(twork, struct sdiag_install_rec, twork);

	sdiag_install_report(rec);
	sdiag_install_free_rec(rec);
	sdiag_install_done();
}

/*
 * Evaluated and not queued: on the quiet list, newest last, so that the
 * worker stops at the first record that is not quiet yet.  A task waiting
 * inside seccomp() is never on it: the worker does not walk over it.
 */
static void sdiag_install_settle(struct sdiag_install_rec *rec)
{
	lockdep_assert_held(&sdiag_install_lock);
	rec->settled = jiffies;
	list_move_tail(&rec->lru, &sdiag_install_lru);
}

/*
 * Task work when an install returns to user mode: fold the new filters.
 * An exit that came meanwhile left the verdict to us.
 */
static void sdiag_install_eval_fn(struct callback_head *twork)
{
	struct sdiag_install_rec *rec =
		container_of(twork, struct sdiag_install_rec, twork);
	unsigned long flags;
	bool final;

	sdiag_install_evaluate(rec);
	raw_spin_lock_irqsave(&sdiag_install_lock, flags);
	rec->queued = false;
	final = rec->exiting;
	if (final)
		sdiag_install_unlink(rec);
	else
		sdiag_install_settle(rec);
	raw_spin_unlock_irqrestore(&sdiag_install_lock, flags);
	if (final) {
		sdiag_install_report(rec);
		sdiag_install_free_rec(rec);
	} else {
		schedule_delayed_work(&sdiag_install_quiet_work, SDIAG_QUIET);
	}
	sdiag_install_done();
}

/* Queue @fn as task work of current, counted until it is done. */
static bool sdiag_install_queue(struct sdiag_install_rec *rec,
				task_work_func_t fn)
{
	lockdep_assert_held(&sdiag_install_lock);
	atomic_inc(&sdiag_install_inflight);
	init_task_work(&rec->twork, fn);
	if (task_work_add(current, &rec->twork, TWA_RESUME)) {
		atomic_dec(&sdiag_install_inflight);
		return false;
	}
	rec->queued = true;
	return true;
}

/*
 * Report the records final at exec, and those quiet for long enough (all
 * of them when @all), from here, on copied answers.  When the next one
 * will be quiet, in jiffies; 0 for none.
 */
static unsigned long sdiag_install_report_quiet(bool all)
{
	struct sdiag_install_rec *rec, *next;
	unsigned long flags, now = jiffies, wait = 0;
	LIST_HEAD(done);

	raw_spin_lock_irqsave(&sdiag_install_lock, flags);
	list_splice_tail_init(&sdiag_install_ready, &done);
	list_for_each_entry_safe(rec, next, &sdiag_install_lru, lru) {
		if (!all && time_before(now, rec->settled + SDIAG_QUIET)) {
			wait = rec->settled + SDIAG_QUIET - now;
			break;
		}
		sdiag_install_unlink(rec);
		list_add_tail(&rec->lru, &done);
	}
	raw_spin_unlock_irqrestore(&sdiag_install_lock, flags);

	list_for_each_entry_safe(rec, next, &done, lru) {
		list_del_init(&rec->lru);
		sdiag_install_report(rec);
		sdiag_install_free_rec(rec);
	}
	return wait;
}

static void sdiag_install_quiet_fn(struct work_struct *work)
{
	unsigned long wait = sdiag_install_report_quiet(false);

	if (wait)
		schedule_delayed_work(&sdiag_install_quiet_work, wait);
}

/*
 * do_seccomp() entry: bounded bookkeeping.  The filters are evaluated by
 * task work when this seccomp() returns to user mode, whatever it did.
 */
static int sdiag_install_enter(struct kprobe *kp, struct pt_regs *regs)
{
	struct sdiag_install_rec *rec;
	unsigned long flags;

	if ((unsigned int)regs_get_kernel_argument(regs, 0) !=
	    SECCOMP_SET_MODE_FILTER || !READ_ONCE(sdiag_check))
		return 0;

	raw_spin_lock_irqsave(&sdiag_install_lock, flags);
	rec = sdiag_install_find(current);
	if (!rec) {
		/* Only current adds its own record: none can appear meanwhile. */
		raw_spin_unlock_irqrestore(&sdiag_install_lock, flags);
		rec = sdiag_pool_get(&sdiag_install_pool);
		if (!rec)
			goto missed;
		memset(rec, 0, sizeof(*rec));
		INIT_LIST_HEAD(&rec->lru);
		rec->task = current;
		rec->chain_before = READ_ONCE(current->seccomp.filter);
		raw_spin_lock_irqsave(&sdiag_install_lock, flags);
		hash_add(sdiag_install_table, &rec->hnode,
			 hash_ptr(current, SDIAG_INSTALL_HASH_BITS));
	}
	rec->uid = current_uid();
	rec->pid = task_pid_nr(current);
	rec->vpid = task_pid_vnr(current);
	strscpy_pad(rec->comm, current->comm, sizeof(rec->comm));
	/* One evaluation queued at a time sees every install before it. */
	if (!rec->queued) {
		list_del_init(&rec->lru);
		if (!sdiag_install_queue(rec, sdiag_install_eval_fn)) {
			sdiag_install_settle(rec);
			raw_spin_unlock_irqrestore(&sdiag_install_lock, flags);
			schedule_delayed_work(&sdiag_install_quiet_work,
					      SDIAG_QUIET);
			goto missed;
		}
	}
	raw_spin_unlock_irqrestore(&sdiag_install_lock, flags);
	return 0;

missed:
	atomic_long_inc(&sdiag_install_missed);
	return 0;
}

/*
 * Exec or exit: the verdict is final.  At exit, task work reports it
 * before the parent can see the exit; at exec, the worker, right after: a
 * task that its tracer stops at exec must not keep task work of ours, and
 * so the module, waiting.
 */
static void sdiag_install_final_now(bool exiting)
{
	struct sdiag_install_rec *rec;
	unsigned long flags;
	bool kick = false;

	raw_spin_lock_irqsave(&sdiag_install_lock, flags);
	rec = sdiag_install_find(current);
	if (!rec)
		goto unlock;
	if (rec->queued) {
		/* Killed inside seccomp(): the evaluation reports. */
		rec->exiting = exiting;
		goto unlock;
	}
	sdiag_install_unlink(rec);
	if (!exiting || !sdiag_install_queue(rec, sdiag_install_final_fn)) {
		list_add_tail(&rec->lru, &sdiag_install_ready);
		kick = true;
	}
unlock:
	raw_spin_unlock_irqrestore(&sdiag_install_lock, flags);
	if (kick)
		mod_delayed_work(system_wq, &sdiag_install_quiet_work, 0);
}

/* Final at exec: reported by the worker right after. */
static void sdiag_install_exec(void *data, struct task_struct *task,
			       pid_t old_pid, struct linux_binprm *bprm)
{
	sdiag_install_final_now(false);
}

/* exit_task_work() runs the task work later in do_exit(). */
#ifdef SDIAG_EXIT_HAS_GROUP_DEAD
static void sdiag_install_exit(void *data, struct task_struct *task,
			       bool group_dead)
#else
static void sdiag_install_exit(void *data, struct task_struct *task)
#endif
{
	sdiag_install_final_now(true);
}

static struct kprobe sdiag_install_probe = {
	.symbol_name = "do_seccomp",
	.pre_handler = sdiag_install_enter,
};

struct sdiag_install_tp {
	const char *name;
	void *probe;
	struct tracepoint *tp;
};

static struct sdiag_install_tp sdiag_install_tps[] = {
	{ .name = "sched_process_exec", .probe = sdiag_install_exec },
	{ .name = "sched_process_exit", .probe = sdiag_install_exit },
};

static void sdiag_install_tp_find(struct tracepoint *tp, void *priv)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sdiag_install_tps); i++)
		if (!strcmp(tp->name, sdiag_install_tps[i].name))
			sdiag_install_tps[i].tp = tp;
}

static void sdiag_install_tp_unregister(int count)
{
	while (count--)
		tracepoint_probe_unregister(sdiag_install_tps[count].tp,
					    sdiag_install_tps[count].probe,
					    NULL);
}

unsigned long sdiag_check_missed(void)
{
	return sdiag_install_probe.nmissed +
	       atomic_long_read(&sdiag_install_missed);
}

static int sdiag_install_layout(void)
{
	struct sdiag_btf_member members[] = {
		{ .name = "prev", .points_to = "seccomp_filter" },
		{ .name = "prog", .points_to = "bpf_prog" },
	};
	struct sdiag_btf_struct filter = {
		"seccomp_filter", members, ARRAY_SIZE(members)
	};
	int ret;

	ret = sdiag_btf_find_structs(&filter, 1);
	if (ret)
		return ret;
	sdiag_install_prev_off = members[0].offset;
	sdiag_install_prog_off = members[1].offset;
	return 0;
}

int sdiag_check_init(void)
{
	int ret, i;

	/* The events and counters of other parts still work without it. */
	ret = sdiag_install_layout();
	if (ret) {
		pr_warn("no layout of struct seccomp_filter in BTF (%d): filter chains are not checked\n",
			ret);
		return 0;
	}
	for (i = 0; i < SDIAG_NR_ABIS; i++) {
		int c;

		sdiag_install_off[i] = sdiag_install_nrs;
		sdiag_install_nrs += sdiag_abis[i].table_len;
		for (c = 0; c < ARRAY_SIZE(sdiag_casualties); c++) {
			int nr = sdiag_find_nr(i, sdiag_casualties[c].name);

			sdiag_install_cas_listed[i][c] = nr >= 0;
			if (nr < 0 && sdiag_casualties[c].unified_nr)
				nr = sdiag_casualties[c].unified_nr;
			sdiag_install_cas_nr[i][c] = nr;
		}
	}
	sdiag_pool_init(&sdiag_install_pool, sizeof(struct sdiag_install_rec),
			SDIAG_INSTALL_SPARE);
	sdiag_pool_fill(&sdiag_install_pool);

	/* The tracepoints are looked up by name: check the types here. */
	check_trace_callback_type_sched_process_exec(sdiag_install_exec);
	check_trace_callback_type_sched_process_exit(sdiag_install_exit);
	for_each_kernel_tracepoint(sdiag_install_tp_find, NULL);
	for (i = 0; i < ARRAY_SIZE(sdiag_install_tps); i++) {
		ret = -ENOENT;
		if (sdiag_install_tps[i].tp)
			ret = tracepoint_probe_register(sdiag_install_tps[i].tp,
							sdiag_install_tps[i].probe,
							NULL);
		if (ret) {
			pr_err("cannot attach to tracepoint %s: %d\n",
			       sdiag_install_tps[i].name, ret);
			goto unregister_tps;
		}
	}
	ret = register_kprobe(&sdiag_install_probe);
	if (ret) {
		pr_err("cannot probe %s: %d\n", sdiag_install_probe.symbol_name,
		       ret);
		goto unregister_tps;
	}
	sdiag_install_armed = true;
	return 0;

unregister_tps:
	sdiag_install_tp_unregister(i);
	tracepoint_synchronize_unregister();
	sdiag_pool_drain(&sdiag_install_pool);
	return ret;
}

/*
 * With the probes gone, no task work of ours is queued any more; wait for
 * the queued ones (each runs when its seccomp() returns, or in do_exit()),
 * then for every task to have left their code.  What is left in the table
 * becomes final now: a task that still sleeps after its install does not
 * keep the module.
 */
void sdiag_check_exit(void)
{
	if (!sdiag_install_armed)
		return;
	unregister_kprobe(&sdiag_install_probe);
	sdiag_install_tp_unregister(ARRAY_SIZE(sdiag_install_tps));
	tracepoint_synchronize_unregister();
	while (!wait_event_timeout(sdiag_install_idle,
				   !atomic_read(&sdiag_install_inflight),
				   10 * HZ))
		pr_warn("unloading waits for %d tasks to return from seccomp() or to exit\n",
			atomic_read(&sdiag_install_inflight));
	synchronize_rcu_tasks();
	cancel_delayed_work_sync(&sdiag_install_quiet_work);
	sdiag_install_report_quiet(true);
	sdiag_pool_drain(&sdiag_install_pool);
}
