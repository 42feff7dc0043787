// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp_diag: observe seccomp without changing what it decides.
 *
 * Warns when the filter chain a task ends up with answers a reserved,
 * unused syscall number with EPERM (which breaks every userspace fallback
 * from a new syscall to an old one), or a syscall whose callers fall back
 * only on ENOSYS (check.c), and traces the syscalls seccomp fails with an
 * errno.  Counters live in /sys/kernel/seccomp_diag/, readable by root
 * only: they tell what every tenant's sandbox does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/sysfs.h>

#include "seccomp_diag.h"

atomic_long_t sdiag_filters_checked = ATOMIC_LONG_INIT(0);
atomic_long_t sdiag_filters_flagged = ATOMIC_LONG_INIT(0);
atomic_long_t sdiag_filters_casualties = ATOMIC_LONG_INIT(0);

#define COUNTER_ATTR(_name, _counter)					\
static ssize_t _name##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%ld\n", atomic_long_read(&(_counter)));	\
}									\
static struct kobj_attribute _name##_attr = __ATTR(_name, 0400, _name##_show, NULL)

COUNTER_ATTR(filters_checked, sdiag_filters_checked);
COUNTER_ATTR(filters_flagged, sdiag_filters_flagged);
COUNTER_ATTR(filters_casualties, sdiag_filters_casualties);

static ssize_t errno_outcomes_show(struct kobject *kobj,
				   struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", sdiag_errno_outcomes());
}

static struct kobj_attribute errno_outcomes_attr =
	__ATTR(errno_outcomes, 0400, errno_outcomes_show, NULL);

/*
 * Installs and outcomes not seen for want of a probe instance or of
 * memory, and the reply probe's hits it could not look at (never a
 * reply: notif.c).
 */
static ssize_t probes_missed_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "check %lu\noutcome %lu\nnested %lu\n",
			  sdiag_check_missed(), sdiag_outcome_missed(),
			  sdiag_notif_nested());
}

static struct kobj_attribute probes_missed_attr =
	__ATTR(probes_missed, 0400, probes_missed_show, NULL);

/* What watches seccomp's entry now: ftrace, kprobe or off. */
static ssize_t outcome_probe_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", sdiag_outcome_probe());
}

static struct kobj_attribute outcome_probe_attr =
	__ATTR(outcome_probe, 0400, outcome_probe_show, NULL);

static struct attribute *sdiag_attrs[] = {
	&filters_checked_attr.attr,
	&filters_flagged_attr.attr,
	&filters_casualties_attr.attr,
	&errno_outcomes_attr.attr,
	&probes_missed_attr.attr,
	&outcome_probe_attr.attr,
	NULL,
};

static const struct attribute_group sdiag_group = {
	.attrs = sdiag_attrs,
};

static struct kobject *sdiag_kobj;

static int __init sdiag_init(void)
{
	int ret;

	sdiag_abi_init();
	sdiag_kobj = kobject_create_and_add("seccomp_diag", kernel_kobj);
	if (!sdiag_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(sdiag_kobj, &sdiag_group);
	if (ret)
		goto put_kobj;
	ret = sdiag_outcome_init();
	if (ret)
		goto put_kobj;
	ret = sdiag_notif_init();
	if (ret)
		goto exit_outcome;
	ret = sdiag_check_init();
	if (ret)
		goto exit_notif;
	pr_info("version %s loaded, probe_nr %u, check %s\n", SECCOMP_DIAG_VERSION,
		sdiag_probe_nr, sdiag_check ? "on" : "off");
	return 0;

exit_notif:
	sdiag_notif_exit();
exit_outcome:
	sdiag_outcome_exit();
put_kobj:
	kobject_put(sdiag_kobj);
	return ret;
}

static void __exit sdiag_exit(void)
{
	sdiag_check_exit();
	sdiag_notif_exit();
	sdiag_outcome_exit();
	kobject_put(sdiag_kobj);
}

module_init(sdiag_init);
module_exit(sdiag_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The seccomp-diag developers");
MODULE_DESCRIPTION("Warn about seccomp filters that answer unknown syscalls with EPERM; trace seccomp errno outcomes");
MODULE_VERSION(SECCOMP_DIAG_VERSION);
