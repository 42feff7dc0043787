// SPDX-License-Identifier: GPL-2.0
/*
 * The biggest inputs seccomp accepts: filters of BPF_MAXINSNS (4096)
 * instructions and stacks as deep as the 32768-instruction limit allows.
 * Each filter costs its length plus 4, counted after seccomp translated
 * it to eBPF, so how many fit is found by trying: installs go on until
 * seccomp refuses one with ENOMEM, with and without the module's check,
 * and the module must not change how many fit.  It must check each of
 * them without an error or a missed probe; what that costs is logged.
 *
 * The largest filters allow only numbers that no syscall has, so that an
 * EPERM one takes the module's most expensive path: every implemented
 * syscall runs through all 4096 instructions when it lists the casualties.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "sdiag_util.h"

/* kernel/seccomp.c's MAX_INSNS_PER_PATH: no stack can hold more filters. */
#define SDIAG_MAX_PATH_INSNS	((int)((1 << 18) / sizeof(struct sock_filter)))
#define SDIAG_DENIED_CALLS	20

struct sdiag_limits_report {
	long installed;
	int last_errno;
	int wrong_answers;
	double install_usec_sum, install_usec_max;
	double call_usec_sum;
};

struct sdiag_missed {
	long check, outcome, nested;
};

static double sdiag_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int sdiag_read_missed(struct sdiag_missed *m)
{
	char buf[128];

	if (sdiag_read_file(SDIAG_SYSFS "/probes_missed", buf, sizeof(buf)))
		return -1;
	return sscanf(buf, "check %ld outcome %ld nested %ld", &m->check,
		      &m->outcome, &m->nested) == 3 ? 0 : -1;
}

/*
 * @len instructions: allow what the child needs, then a list of numbers no
 * syscall has, then @dflt for everything else.
 */
static void sdiag_bpf_largest(struct sdiag_bpf *f, int len, unsigned int dflt)
{
	static const int needed[] = {
		__NR_seccomp, __NR_exit_group, __NR_exit,
		__NR_clock_gettime,	/* without a vDSO clocksource */
	};
	int i = 0;

	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	while (f->len + 3 <= len) {
		sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1,
			      i < (int)ARRAY_SIZE(needed) ? needed[i] : 2000 + i);
		sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
		i++;
	}
	if (f->len + 2 == len)
		sdiag_bpf_add(f, BPF_JMP | BPF_JA, 0, 0, 0);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, dflt);
}

static void sdiag_timed_install(struct sdiag_limits_report *r,
				const struct sdiag_bpf *f)
{
	double start = sdiag_usec(), took;

	if (sdiag_install(f, 0)) {
		r->last_errno = errno;
		return;
	}
	took = sdiag_usec() - start;
	r->installed++;
	r->install_usec_sum += took;
	if (took > r->install_usec_max)
		r->install_usec_max = took;
}

struct sdiag_largest_arg {
	struct sdiag_limits_report *report;
	unsigned int dflt;
};

/* As many 4096-instruction filters as fit, then one more. */
static int sdiag_install_largest(void *p)
{
	struct sdiag_largest_arg *arg = p;
	struct sdiag_limits_report *r = arg->report;
	static struct sdiag_bpf f;
	int i;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 1;
	sdiag_bpf_largest(&f, BPF_MAXINSNS, arg->dflt);
	for (i = 0; i <= SDIAG_MAX_PATH_INSNS / BPF_MAXINSNS && !r->last_errno;
	     i++)
		sdiag_timed_install(r, &f);
	return 0;
}

/* One-instruction filters until seccomp refuses. */
static int sdiag_install_deepest(void *p)
{
	struct sdiag_limits_report *r = p;
	struct sdiag_bpf f = { 0 };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 1;
	sdiag_bpf_add(&f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	while (!r->last_errno && r->installed <= SDIAG_MAX_PATH_INSNS)
		sdiag_timed_install(r, &f);
	return 0;
}

/*
 * The deepest stack whose bottom filter denies getppid with EACCES: every
 * denied call walks the whole chain, as does the module's outcome probe.
 */
static int sdiag_deny_at_bottom(void *p)
{
	struct sdiag_limits_report *r = p;
	struct sdiag_bpf f = { 0 };
	double start;
	int i;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 1;
	sdiag_bpf_add(&f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	sdiag_bpf_add(&f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, __NR_getppid);
	sdiag_bpf_add(&f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | EACCES);
	sdiag_bpf_add(&f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	sdiag_timed_install(r, &f);
	f.len = 0;
	sdiag_bpf_add(&f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	while (!r->last_errno && r->installed <= SDIAG_MAX_PATH_INSNS)
		sdiag_timed_install(r, &f);
	for (i = 0; i < SDIAG_DENIED_CALLS; i++) {
		start = sdiag_usec();
		if (syscall(__NR_getppid) != -1 || errno != EACCES)
			r->wrong_answers++;
		r->call_usec_sum += sdiag_usec() - start;
	}
	return 0;
}

FIXTURE(limits) {
	char check_saved[8];
	long checked, flagged, errnos;
	struct sdiag_missed missed;
	struct sdiag_limits_report *report;
};

FIXTURE_SETUP(limits)
{
	if (!sdiag_module_loaded())
		SDIAG_SETUP_SKIP(return, "seccomp_diag is not loaded");
	ASSERT_EQ(0, sdiag_param_read("check", self->check_saved,
				      sizeof(self->check_saved)));
	ASSERT_EQ(0, sdiag_param_set("check", "Y"));
	self->report = sdiag_shared(sizeof(*self->report));
	ASSERT_NE(NULL, self->report);
	self->checked = sdiag_counter("filters_checked");
	self->flagged = sdiag_counter("filters_flagged");
	self->errnos = sdiag_counter("errno_outcomes");
	ASSERT_EQ(0, sdiag_read_missed(&self->missed));
}

FIXTURE_TEARDOWN(limits)
{
	if (self->check_saved[0])
		sdiag_param_set("check", self->check_saved);
}

/* The module missed no probe hit since the fixture was set up. */
static void sdiag_assert_no_misses(struct __test_metadata *_metadata,
				   const struct sdiag_missed *before)
{
	struct sdiag_missed now;

	ASSERT_EQ(0, sdiag_read_missed(&now));
	EXPECT_EQ(before->check, now.check);
	EXPECT_EQ(before->outcome, now.outcome);
	/* nested counts interrupts' complete() calls, none of ours. */
}

static void sdiag_run_child(struct __test_metadata *_metadata,
			    int (*fn)(void *), void *arg,
			    struct sdiag_limits_report *r)
{
	memset(r, 0, sizeof(*r));
	ASSERT_EQ(0, sdiag_wait(sdiag_spawn(fn, arg)));
}

TEST_F(limits, oversized_filter_refused_uncounted)
{
	static struct sdiag_bpf f;
	struct sock_filter big[BPF_MAXINSNS + 1];
	struct sock_fprog prog = { BPF_MAXINSNS + 1, big };

	if (sdiag_setup_skipped())
		return;

	sdiag_bpf_largest(&f, BPF_MAXINSNS, SECCOMP_RET_ERRNO | EPERM);
	memcpy(big, f.insns, sizeof(f.insns));
	big[BPF_MAXINSNS] = big[BPF_MAXINSNS - 1];
	big[BPF_MAXINSNS - 1] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA,
							     0, 0, 0);
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	EXPECT_EQ(-1, sdiag_seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(self->checked, sdiag_counter("filters_checked"));
	sdiag_assert_no_misses(_metadata, &self->missed);
}

FIXTURE(largest) {
	struct sdiag_limits_report *report;
};

FIXTURE_VARIANT(largest) {
	unsigned int dflt;
	bool flagged;
};

FIXTURE_VARIANT_ADD(largest, eperm) {
	.dflt = SECCOMP_RET_ERRNO | EPERM,
	.flagged = true,
};

FIXTURE_VARIANT_ADD(largest, enosys) {
	.dflt = SECCOMP_RET_ERRNO | SDIAG_ENOSYS,
	.flagged = false,
};

FIXTURE_SETUP(largest)
{
	if (!sdiag_module_loaded())
		SDIAG_SETUP_SKIP(return, "seccomp_diag is not loaded");
	self->report = sdiag_shared(sizeof(*self->report));
	ASSERT_NE(NULL, self->report);
}

FIXTURE_TEARDOWN(largest)
{
	sdiag_param_set("check", "Y");
}

/*
 * 4096-instruction filters until the task's path is full: the chain is
 * judged once, when the task exits; the one that does not fit is refused
 * by seccomp and changes nothing.
 */
TEST_F(largest, filters_checked_up_to_the_limit)
{
	struct sdiag_largest_arg arg = { self->report, variant->dflt };
	struct sdiag_limits_report *r = self->report;
	long checked, flagged, fit;
	struct sdiag_missed missed;
	double without;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, sdiag_read_missed(&missed));
	/* What the install costs without the check, for comparison. */
	ASSERT_EQ(0, sdiag_param_set("check", "N"));
	checked = sdiag_counter("filters_checked");
	sdiag_run_child(_metadata, sdiag_install_largest, &arg, r);
	ASSERT_EQ(ENOMEM, r->last_errno);
	ASSERT_LT(0, r->installed);
	EXPECT_EQ(checked, sdiag_counter("filters_checked"));
	fit = r->installed;
	without = r->install_usec_sum / r->installed;

	ASSERT_EQ(0, sdiag_param_set("check", "Y"));
	/* An EPERM filter's casualty list is made only when it is logged. */
	if (variant->flagged)
		ASSERT_LE(0, sdiag_ratelimit_wait(1));
	checked = sdiag_counter("filters_checked");
	flagged = sdiag_counter("filters_flagged");
	sdiag_run_child(_metadata, sdiag_install_largest, &arg, r);
	ASSERT_EQ(fit, r->installed)
		TH_LOG("install %ld: %s", r->installed + 1,
		       strerror(r->last_errno));
	EXPECT_EQ(ENOMEM, r->last_errno);
	EXPECT_EQ(checked + 1, sdiag_counter("filters_checked"));
	EXPECT_EQ(flagged + variant->flagged, sdiag_counter("filters_flagged"));
	sdiag_assert_no_misses(_metadata, &missed);
	TH_LOG("%ld %d-insn filters fit; install %.0f us unchecked, %.0f us checked",
	       fit, BPF_MAXINSNS, without, r->install_usec_sum / r->installed);
	TH_LOG("slowest checked install %.0f us%s", r->install_usec_max,
	       variant->flagged ? " (logged, with its casualty list)" : "");
}

/* One-instruction filters, as many as fit: the chain judged, none missed. */
/*
 * Without seccomp's action cache (before 5.11) every syscall runs the whole
 * stack: under emulation the deepest stacks take minutes, not seconds.
 */
TEST_F_TIMEOUT(limits, deepest_stack_checked, 600)
{
	struct sdiag_limits_report *r = self->report;
	double without;
	long depth;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, sdiag_param_set("check", "N"));
	sdiag_run_child(_metadata, sdiag_install_deepest, r, r);
	ASSERT_EQ(ENOMEM, r->last_errno);
	ASSERT_LT(1000, r->installed);
	EXPECT_EQ(self->checked, sdiag_counter("filters_checked"));
	depth = r->installed;
	without = r->install_usec_sum / r->installed;

	ASSERT_EQ(0, sdiag_param_set("check", "Y"));
	sdiag_run_child(_metadata, sdiag_install_deepest, r, r);
	ASSERT_EQ(depth, r->installed)
		TH_LOG("install %ld: %s", r->installed + 1,
		       strerror(r->last_errno));
	EXPECT_EQ(ENOMEM, r->last_errno);
	EXPECT_EQ(self->checked + 1, sdiag_counter("filters_checked"));
	EXPECT_EQ(self->flagged, sdiag_counter("filters_flagged"));
	sdiag_assert_no_misses(_metadata, &self->missed);
	TH_LOG("%ld stacked filters: %.1f us per install without the check, %.1f us with it",
	       depth, without, r->install_usec_sum / r->installed);
}

/*
 * A syscall denied by the bottom filter of the deepest stack is traced
 * with the right errno and action, once per call.
 */
TEST_F_TIMEOUT(limits, deepest_stack_outcome_traced, 600)
{
	struct sdiag_limits_report *r = self->report;
	struct sdiag_trace trace = { 0 };
	char *text, *line;
	double without;
	int events = 0, ret;
	long depth;

	if (sdiag_setup_skipped())
		return;

	sdiag_run_child(_metadata, sdiag_deny_at_bottom, r, r);
	ASSERT_EQ(ENOMEM, r->last_errno);
	ASSERT_LT(1000, r->installed);
	ASSERT_EQ(0, r->wrong_answers);
	depth = r->installed;
	without = r->call_usec_sum / SDIAG_DENIED_CALLS;
	EXPECT_EQ(self->errnos, sdiag_counter("errno_outcomes"));

	ret = sdiag_trace_open(&trace, "seccomp_errno");
	if (ret == -ENOENT)
		SDIAG_SKIP(return, "no tracefs or no seccomp_errno event");
	ASSERT_EQ(0, ret);
	sdiag_run_child(_metadata, sdiag_deny_at_bottom, r, r);
	text = sdiag_trace_read(&trace);
	sdiag_trace_close(&trace);
	ASSERT_NE(NULL, text);
	ASSERT_EQ(depth, r->installed);
	EXPECT_EQ(0, r->wrong_answers);
	for (line = strstr(text, "seccomp_errno:"); line;
	     line = strstr(line + 1, "seccomp_errno:")) {
		char *end = strchrnul(line, '\n');

		if (memmem(line, end - line, " err=13", 7) &&
		    memmem(line, end - line, " action=errno", 13))
			events++;
	}
	EXPECT_EQ(SDIAG_DENIED_CALLS, events)
		TH_LOG("trace: %.300s", text);
	free(text);
	EXPECT_EQ(self->errnos + SDIAG_DENIED_CALLS,
		  sdiag_counter("errno_outcomes"));
	sdiag_assert_no_misses(_metadata, &self->missed);
	TH_LOG("syscall denied under %ld filters: %.0f us untraced, %.0f us traced",
	       depth, without, r->call_usec_sum / SDIAG_DENIED_CALLS);
}

TEST_HARNESS_MAIN
