// SPDX-License-Identifier: GPL-2.0
/*
 * Check every seccomp filter a task installs: run it on the reserved probe
 * number for every ABI and warn when it answers EPERM there.
 *
 * Two return probes cooperate.  do_seccomp() brackets an install: its entry
 * registers the task as installing, its return value tells whether the
 * filter was really attached.  bpf_prog_create_from_user() hands back the
 * new filter, ready to run, while the task is registered; its other callers
 * (af_packet fanout, io_uring) never run inside do_seccomp().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/filter.h>
#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/spinlock.h>
#include <asm/ptrace.h>

#include "casualties.h"
#include "seccomp_diag.h"
#include "trace.h"
#include "verdict.h"

/* A filter install in progress, kept in the do_seccomp() probe instance. */
struct sdiag_install {
	struct list_head node;
	struct task_struct *task;
	unsigned int flags;
	unsigned int probe_nr;
	struct bpf_prog *prog;		/* the new filter, once built */
	u32 action[SDIAG_NR_ABIS];	/* its answer to probe_nr */
};

struct sdiag_build {
	struct bpf_prog **pfp;
	struct sdiag_install *install;
};

static LIST_HEAD(sdiag_installs);
static DEFINE_RAW_SPINLOCK(sdiag_installs_lock);

/*
 * Unprivileged tasks install filters: they must not flood the log.  What
 * the ratelimit drops is counted here and said with the next warning, in
 * our own words rather than the ratelimit's "callbacks suppressed".
 */
static DEFINE_RATELIMIT_STATE(sdiag_warn_rs, 5 * HZ, 5);
static atomic_long_t sdiag_warn_suppressed = ATOMIC_LONG_INIT(0);

#define SDIAG_NAMES_SHOWN 8

static struct sdiag_install *sdiag_find_install(struct task_struct *task)
{
	struct sdiag_install *install, *found = NULL;
	unsigned long irqflags;

	raw_spin_lock_irqsave(&sdiag_installs_lock, irqflags);
	list_for_each_entry(install, &sdiag_installs, node) {
		if (install->task == task) {
			found = install;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&sdiag_installs_lock, irqflags);
	return found;
}

/*
 * What @prog answers for syscall @nr of @abi with zero arguments: read off
 * its classic BPF when only nr and arch matter, as for most filters.
 */
static u32 sdiag_run(const struct bpf_prog *prog, enum sdiag_abi abi,
		     unsigned int nr)
{
	const struct sdiag_abi_desc *desc = &sdiag_abis[abi];
	struct seccomp_data sd = {
		.nr = nr | desc->nr_bit,
		.arch = desc->audit_arch,
		.instruction_pointer =
			instruction_pointer(task_pt_regs(current)),
	};

	return sdiag_filter_answer(prog, &sd);
}

static bool sdiag_is_eperm(u32 action)
{
	return (action & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO &&
	       (action & SECCOMP_RET_DATA) == EPERM;
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

/* Longer than any syscall name, with its separating space. */
#define SDIAG_NAME_MAX 32

/*
 * Write to @names the implemented syscalls of @abi that the filter
 * answers exactly like the probe number, well-known casualties first.
 */
static unsigned int sdiag_list_casualties(const struct sdiag_install *install,
					  enum sdiag_abi abi, char *names,
					  size_t size)
{
	u32 unknown = install->action[abi];
	unsigned int count = 0, shown = 0, nr;
	size_t len = 0;
	int i;

	names[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(sdiag_casualties); i++) {
		int known = sdiag_find_nr(abi, sdiag_casualties[i].name);

		if (known < 0 || sdiag_run(install->prog, abi, known) != unknown)
			continue;
		count++;
		len += scnprintf(names + len, size - len, " %s",
				 sdiag_casualties[i].name);
		shown++;
		if (shown == SDIAG_NAMES_SHOWN)
			break;
	}
	for (nr = 0; nr < sdiag_abis[abi].table_len; nr++) {
		const char *name = sdiag_syscall_name(abi, nr);

		if (!name || sdiag_is_casualty_name(name) ||
		    sdiag_run(install->prog, abi, nr) != unknown)
			continue;
		count++;
		if (shown < SDIAG_NAMES_SHOWN) {
			len += scnprintf(names + len, size - len, " %s",
					 name);
			shown++;
		}
	}
	/* The well-known loop stops early once the line is full. */
	for (i++; i < ARRAY_SIZE(sdiag_casualties); i++) {
		int known = sdiag_find_nr(abi, sdiag_casualties[i].name);

		if (known >= 0 && sdiag_run(install->prog, abi, known) == unknown)
			count++;
	}
	return count;
}

static void sdiag_warn(const struct sdiag_install *install,
		       unsigned long flagged)
{
	char comm[TASK_COMM_LEN * 4 + 1];
	char abis[sizeof("x86_64,i386,x32")] = "";
	char names[SDIAG_NAMES_SHOWN * SDIAG_NAME_MAX];
	enum sdiag_abi abi, first = SDIAG_NR_ABIS;
	unsigned int count;

	sdiag_escape_comm(comm, current->comm);
	for (abi = 0; abi < SDIAG_NR_ABIS; abi++) {
		if (!(flagged & BIT(abi)))
			continue;
		if (first == SDIAG_NR_ABIS)
			first = abi;
		else
			strcat(abis, ",");
		strcat(abis, sdiag_abis[abi].name);
	}

	pr_warn("\"%s\" pid %d (pid %d in its namespace, cgroup %llu) installed a seccomp filter that answers reserved syscall %u with EPERM on %s: unknown syscalls must fail with ENOSYS, or fallbacks from new syscalls break\n",
		comm, task_pid_nr(current), task_pid_vnr(current),
		sdiag_cgroup_id(), install->probe_nr, abis);

	/*
	 * Hundreds of filter runs: on the stack, without a lock that would
	 * keep interrupts off meanwhile.
	 */
	count = sdiag_list_casualties(install, first, names, sizeof(names));
	pr_warn("\"%s\" pid %d: the filter answers %u implemented %s syscalls like unknown ones, with EPERM:%s%s\n",
		comm, task_pid_nr(current), count, sdiag_abis[first].name,
		count ? names : " none", count > SDIAG_NAMES_SHOWN ?
		" ..." : "");
}

static void sdiag_report(const struct sdiag_install *install)
{
	unsigned long flagged = 0;
	long suppressed;
	enum sdiag_abi abi;

	for (abi = 0; abi < SDIAG_NR_ABIS; abi++) {
		bool eperm;

		if (!sdiag_abi_supported(abi))
			continue;
		eperm = sdiag_is_eperm(install->action[abi]);
		if (eperm)
			flagged |= BIT(abi);
		trace_filter_check(abi, install->probe_nr | sdiag_abis[abi].nr_bit,
				   install->action[abi], eperm);
	}
	atomic_long_inc(&sdiag_filters_checked);
	if (!flagged)
		return;
	atomic_long_inc(&sdiag_filters_flagged);
	if (!__ratelimit(&sdiag_warn_rs)) {
		atomic_long_inc(&sdiag_warn_suppressed);
		return;
	}
	suppressed = atomic_long_xchg(&sdiag_warn_suppressed, 0);
	if (suppressed)
		pr_warn("%ld more flagged filters were not reported (ratelimited); filters_flagged counts them all\n",
			suppressed);
	sdiag_warn(install, flagged);
}

static int sdiag_install_enter(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	struct sdiag_install *install = (void *)ri->data;
	unsigned long irqflags;

	if (regs_get_kernel_argument(regs, 0) != SECCOMP_SET_MODE_FILTER ||
	    !READ_ONCE(sdiag_check))
		return 1;
	install->task = current;
	install->flags = regs_get_kernel_argument(regs, 1);
	install->prog = NULL;
	raw_spin_lock_irqsave(&sdiag_installs_lock, irqflags);
	list_add(&install->node, &sdiag_installs);
	raw_spin_unlock_irqrestore(&sdiag_installs_lock, irqflags);
	return 0;
}

/*
 * do_seccomp() returns 0 once the filter is attached, a listener fd with
 * NEW_LISTENER, and with TSYNC the id of a thread it could not
 * synchronize: the filter was not attached then.
 */
static bool sdiag_attached(unsigned int flags, long ret)
{
	return ret == 0 || (ret > 0 && (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER));
}

static int sdiag_install_return(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	struct sdiag_install *install = (void *)ri->data;
	unsigned long irqflags;

	raw_spin_lock_irqsave(&sdiag_installs_lock, irqflags);
	list_del(&install->node);
	raw_spin_unlock_irqrestore(&sdiag_installs_lock, irqflags);

	if (install->prog &&
	    sdiag_attached(install->flags, regs_return_value(regs)))
		sdiag_report(install);
	return 0;
}

static int sdiag_build_enter(struct kretprobe_instance *ri,
			     struct pt_regs *regs)
{
	struct sdiag_build *build = (void *)ri->data;

	/* seccomp always passes its filter check callback, af_packet none. */
	if (!regs_get_kernel_argument(regs, 2))
		return 1;
	build->install = sdiag_find_install(current);
	if (!build->install)
		return 1;
	build->pfp = (struct bpf_prog **)regs_get_kernel_argument(regs, 0);
	return 0;
}

static int sdiag_build_return(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	struct sdiag_build *build = (void *)ri->data;
	struct sdiag_install *install = build->install;
	enum sdiag_abi abi;

	if (regs_return_value(regs))
		return 0;
	install->prog = *build->pfp;
	install->probe_nr = READ_ONCE(sdiag_probe_nr);
	for (abi = 0; abi < SDIAG_NR_ABIS; abi++)
		if (sdiag_abi_supported(abi))
			install->action[abi] = sdiag_run(install->prog, abi,
							 install->probe_nr);
	return 0;
}

/* Installs sleep (allocation, TSYNC's locks): leave room for many. */
static struct kretprobe sdiag_install_probe = {
	.kp.symbol_name = "do_seccomp",
	.entry_handler = sdiag_install_enter,
	.handler = sdiag_install_return,
	.data_size = sizeof(struct sdiag_install),
	.maxactive = 256,
};

static struct kretprobe sdiag_build_probe = {
	.kp.symbol_name = "bpf_prog_create_from_user",
	.entry_handler = sdiag_build_enter,
	.handler = sdiag_build_return,
	.data_size = sizeof(struct sdiag_build),
	.maxactive = 256,
};

static struct kretprobe *sdiag_check_probes[] = {
	&sdiag_build_probe,
	&sdiag_install_probe,
};

unsigned long sdiag_check_missed(void)
{
	return sdiag_install_probe.nmissed + sdiag_build_probe.nmissed;
}

int sdiag_check_init(void)
{
	int ret;

	ratelimit_set_flags(&sdiag_warn_rs, RATELIMIT_MSG_ON_RELEASE);
	ret = register_kretprobes(sdiag_check_probes,
				  ARRAY_SIZE(sdiag_check_probes));
	if (ret)
		pr_err("cannot probe %s and %s: %d\n",
		       sdiag_install_probe.kp.symbol_name,
		       sdiag_build_probe.kp.symbol_name, ret);
	return ret;
}

void sdiag_check_exit(void)
{
	unregister_kretprobes(sdiag_check_probes,
			      ARRAY_SIZE(sdiag_check_probes));
}
