// SPDX-License-Identifier: GPL-2.0
/*
 * The foundation: the module is loaded, and the errno a syscall unknown to
 * a filter fails with is the one its default action says.  That is the
 * behaviour seccomp_diag reports on: EPERM for a syscall the filter does
 * not know hides "not implemented here" behind "not allowed".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "kselftest_harness.h"
#include "sdiag_util.h"

/* faccessat2 (Linux 5.8): glibc falls back to faccessat on ENOSYS only. */
#ifndef __NR_faccessat2
#define __NR_faccessat2 439
#endif

TEST(module_loaded)
{
	char value[32];

	if (access("/sys/module/seccomp_diag", F_OK))
		SKIP(return, "seccomp_diag is not loaded (not in the test VM?)");
	ASSERT_EQ(0, access(SDIAG_SYSFS, F_OK))
		TH_LOG("the module is loaded but %s is missing", SDIAG_SYSFS);
	ASSERT_EQ(0, sdiag_param_read("probe_nr", value, sizeof(value)));
	ASSERT_LE(0, sdiag_counter("filters_checked"));
	ASSERT_LE(0, sdiag_counter("filters_flagged"));
}

TEST(probe_nr_unfiltered_is_enosys)
{
	unsigned int probe = sdiag_probe_nr();

	errno = 0;
	ASSERT_EQ(-1, syscall(probe));
	ASSERT_EQ(SDIAG_ENOSYS, errno)
		TH_LOG("syscall %u is expected to be unimplemented", probe);
}

/* What a child saw under the filter, in memory shared with the test. */
struct enosys_result {
	long probe_ret, newer_ret, allowed_ret;
	int probe_errno, newer_errno;
	int load_ret;
	pid_t parent;
};

FIXTURE(filtered) {
	struct enosys_result *res;
	unsigned int probe;
};

FIXTURE_VARIANT(filtered) {
	int default_errno;
};

FIXTURE_VARIANT_ADD(filtered, eperm) {
	.default_errno = EPERM,
};

FIXTURE_VARIANT_ADD(filtered, enosys) {
	.default_errno = SDIAG_ENOSYS,
};

FIXTURE_SETUP(filtered)
{
	self->res = sdiag_shared(sizeof(*self->res));
	ASSERT_NE(NULL, self->res);
	self->probe = sdiag_probe_nr();
}

FIXTURE_TEARDOWN(filtered)
{
	munmap(self->res, sizeof(*self->res));
}

struct filtered_child {
	struct enosys_result *res;
	unsigned int probe;
	int default_errno;
};

/*
 * Installs a libseccomp filter with the default action under test, then
 * tries the probe number, a real newer syscall, and one it allows.
 */
static int filtered_child(void *arg)
{
	const struct filtered_child *c = arg;
	struct enosys_result *res = c->res;
	scmp_filter_ctx ctx;

	ctx = seccomp_init(SCMP_ACT_ERRNO(c->default_errno));
	if (!ctx)
		return 2;
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit_group), 0) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(getppid), 0))
		return 3;
	res->load_ret = seccomp_load(ctx);
	if (res->load_ret)
		return 4;

	errno = 0;
	res->probe_ret = syscall(c->probe);
	res->probe_errno = errno;
	errno = 0;
	res->newer_ret = syscall(__NR_faccessat2, AT_FDCWD, ".", F_OK, 0);
	res->newer_errno = errno;
	res->allowed_ret = syscall(__NR_getppid);
	return 0;
}

TEST_F(filtered, default_errno_answers_unknown_syscalls)
{
	struct filtered_child c = {
		.res = self->res,
		.probe = self->probe,
		.default_errno = variant->default_errno,
	};
	pid_t pid;

	pid = sdiag_spawn(filtered_child, &c);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sdiag_wait(pid))
		TH_LOG("child failed to install its filter (load %d)",
		       self->res->load_ret);

	EXPECT_EQ(-1, self->res->probe_ret);
	EXPECT_EQ(variant->default_errno, self->res->probe_errno)
		TH_LOG("reserved syscall %u: errno %d", self->probe,
		       self->res->probe_errno);
	EXPECT_EQ(-1, self->res->newer_ret);
	EXPECT_EQ(variant->default_errno, self->res->newer_errno)
		TH_LOG("faccessat2: errno %d", self->res->newer_errno);
	EXPECT_EQ(getpid(), self->res->allowed_ret)
		TH_LOG("getppid is allowed and must still work");
}

/*
 * The chain semantics the module judges by: every filter runs, and
 * between two errno answers the newest filter's wins.  An older filter
 * that allows does not undo a newer EPERM, nor a newer one that allows
 * an older EPERM.
 */
FIXTURE(stacked) {
	struct enosys_result *res;
	unsigned int probe;
};

FIXTURE_VARIANT(stacked) {
	unsigned int first, second;	/* default actions, oldest first */
	int want;			/* errno the probe number gets */
};

FIXTURE_VARIANT_ADD(stacked, eperm_then_enosys) {
	.first = SCMP_ACT_ERRNO(EPERM),
	.second = SCMP_ACT_ERRNO(SDIAG_ENOSYS),
	.want = SDIAG_ENOSYS,
};

FIXTURE_VARIANT_ADD(stacked, enosys_then_eperm) {
	.first = SCMP_ACT_ERRNO(SDIAG_ENOSYS),
	.second = SCMP_ACT_ERRNO(EPERM),
	.want = EPERM,
};

FIXTURE_VARIANT_ADD(stacked, eperm_then_allow) {
	.first = SCMP_ACT_ERRNO(EPERM),
	.second = SCMP_ACT_ALLOW,
	.want = EPERM,
};

FIXTURE_SETUP(stacked)
{
	self->res = sdiag_shared(sizeof(*self->res));
	ASSERT_NE(NULL, self->res);
	self->probe = sdiag_probe_nr();
}

FIXTURE_TEARDOWN(stacked)
{
	munmap(self->res, sizeof(*self->res));
}

struct stacked_child {
	struct enosys_result *res;
	unsigned int probe;
	unsigned int actions[2];
};

static int stacked_child(void *arg)
{
	const struct stacked_child *c = arg;
	int i;

	for (i = 0; i < 2; i++) {
		scmp_filter_ctx ctx = seccomp_init(c->actions[i]);

		if (!ctx)
			return 2;
		/* seccomp_load() sets no_new_privs with prctl() first */
		if (c->actions[i] != SCMP_ACT_ALLOW &&
		    (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit_group), 0) ||
		     seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 0) ||
		     seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(seccomp), 0)))
			return 3;
		c->res->load_ret = seccomp_load(ctx);
		seccomp_release(ctx);
		if (c->res->load_ret)
			return 4;
	}
	errno = 0;
	c->res->probe_ret = syscall(c->probe);
	c->res->probe_errno = errno;
	return 0;
}

TEST_F(stacked, newest_errno_wins)
{
	struct stacked_child c = {
		.res = self->res,
		.probe = self->probe,
		.actions = { variant->first, variant->second },
	};

	ASSERT_EQ(0, sdiag_wait(sdiag_spawn(stacked_child, &c)))
		TH_LOG("child failed to install its filters (load %d)",
		       self->res->load_ret);
	EXPECT_EQ(-1, self->res->probe_ret);
	EXPECT_EQ(variant->want, self->res->probe_errno)
		TH_LOG("reserved syscall %u: errno %d", self->probe,
		       self->res->probe_errno);
}

TEST_HARNESS_MAIN
