// SPDX-License-Identifier: GPL-2.0
/*
 * The seccomp_diag:seccomp_errno and seccomp_diag:notif_reply trace events,
 * read through a private tracefs instance.
 *
 * Filters are installed in children (or threads) so that the test process
 * itself stays free to write to tracefs; events are matched by the pid or
 * tgid of those children, so that other activity on the machine is ignored.
 */
#define _GNU_SOURCE
#ifdef __x86_64__
#include <cpuid.h>
#endif
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/utsname.h>

#include "sdiag_util.h"
#include "kselftest_harness.h"

#define EVENTS_DIR	"events/seccomp_diag"
#define MAX_EVENTS	64

/* Syscalls a child under a deny-by-default filter still needs. */
static const int child_needs[] = {
	SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(brk), SCMP_SYS(munmap),
};

/* One event as tracefs prints it: its name and its "key=value" fields. */
struct event {
	char name[32];
	char fields[512];	/* starts with a space: " pid=1 tgid=1 ..." */
};

/* The value of field @key of @ev, or "" (into one of a few buffers). */
static const char *field(const struct event *ev, const char *key)
{
	static char bufs[8][128];
	static int next;
	char *buf = bufs[next++ % 8], pattern[64];
	const char *start;
	size_t len;

	snprintf(pattern, sizeof(pattern), " %s=", key);
	start = strstr(ev->fields, pattern);
	if (!start)
		return "";
	start += strlen(pattern);
	len = strcspn(start, " ");
	if (len >= sizeof(bufs[0]))
		len = sizeof(bufs[0]) - 1;
	memcpy(buf, start, len);
	buf[len] = '\0';
	return buf;
}

static long field_long(const struct event *ev, const char *key)
{
	return strtol(field(ev, key), NULL, 0);
}

/* "13(EACCES)", as the event prints an errno. */
static const char *errno_text(int err, const char *name)
{
	static char bufs[4][32];
	static int next;
	char *buf = bufs[next++ % 4];

	snprintf(buf, sizeof(bufs[0]), "%d(%s)", err, name);
	return buf;
}

static const char *tracefs_top(void)
{
	return sdiag_tracefs();
}

/* The events found in the trace buffer of a private instance. */
struct trace_log {
	char dir[256];
	struct event events[MAX_EVENTS];
	int nr_events;
};

FIXTURE(trace) {
	struct trace_log log;
};

static int instance_write(const char *dir, const char *file, const char *val)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return sdiag_write_file(path, val, strlen(val));
}

static int event_enable(const char *dir, const char *event, bool on)
{
	char file[128];

	snprintf(file, sizeof(file), EVENTS_DIR "/%s/enable", event);
	return instance_write(dir, file, on ? "1" : "0");
}

FIXTURE_SETUP(trace)
{
	const char *top = tracefs_top();
	char path[512];

	self->log.dir[0] = '\0';
	if (!top)
		SDIAG_SETUP_SKIP(return, "no tracefs with instances");
	snprintf(path, sizeof(path), "%s/" EVENTS_DIR "/seccomp_errno", top);
	if (access(path, F_OK))
		SDIAG_SETUP_SKIP(return, "no seccomp_diag trace events (module not loaded?)");
	snprintf(self->log.dir, sizeof(self->log.dir), "%s/instances/sdiag_trace_test_%d",
		 top, getpid());
	ASSERT_EQ(0, mkdir(self->log.dir, 0700)) {
		TH_LOG("cannot create tracefs instance %s: %m", self->log.dir);
		self->log.dir[0] = '\0';
	}
}

FIXTURE_TEARDOWN(trace)
{
	if (!self->log.dir[0])
		return;
	/* Removing the instance disables its events: state is restored. */
	event_enable(self->log.dir, "seccomp_errno", false);
	event_enable(self->log.dir, "notif_reply", false);
	rmdir(self->log.dir);
}

/*
 * Collect the events named @name whose field @key is @value into
 * self->log.events; returns how many there are.
 */
static int collect(struct __test_metadata *_metadata, struct trace_log *self,
		   const char *name, const char *key, long value)
{
	struct sdiag_trace t = { 0 };
	char *text, *line, *save, tag[48];
	int n = 0;

	snprintf(t.dir, sizeof(t.dir), "%s", self->dir);
	text = sdiag_trace_read(&t);
	ASSERT_NE(NULL, text);
	snprintf(tag, sizeof(tag), " %s: ", name);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		const char *rest = strstr(line, tag);
		struct event ev;

		if (line[0] == '#' || !rest)
			continue;
		snprintf(ev.name, sizeof(ev.name), "%s", name);
		snprintf(ev.fields, sizeof(ev.fields), " %s",
			 rest + strlen(tag));
		if (field_long(&ev, key) != value)
			continue;
		if (n < MAX_EVENTS)
			self->events[n] = ev;
		if (n < 8)
			TH_LOG("%s:%s", name, ev.fields);
		n++;
	}
	free(text);
	self->nr_events = n;
	return n;
}

/* What a syscall returned in a child, reported through shared memory. */
struct result {
	long ret;
	int err;
	pid_t tid;
	long calls;
	int stop;		/* set by the parent */
	int errs[3];		/* for children that make several calls */
};

struct child {
	bool unfiltered;		/* no filter at all */
	unsigned int dflt;			/* default action */
	unsigned int action;		/* for @nr */
	int nr;				/* the syscall the rule is for, -1: none */
	bool i386;			/* also filter the i386 ABI */
	long (*call)(struct child *c);	/* what to run under the filter */
	long arg;
	struct result *res;
};

static long call_getppid(struct child *c)
{
	(void)c;
	return syscall(SYS_getppid);
}

#ifdef __x86_64__
/* getppid through the i386 ABI: number 64 there. */
static long call_i386_getppid(struct child *c)
{
	long ret;

	(void)c;
	asm volatile ("int $0x80" : "=a" (ret) : "a" (64)
		      : "memory", "r8", "r9", "r10", "r11");
	ret = (int)ret;
	if (ret < 0 && ret > -4096) {
		errno = -ret;
		return -1;
	}
	return ret;
}

static long call_i386_getpid(void)
{
	long ret;

	asm volatile ("int $0x80" : "=a" (ret) : "a" (20)
		      : "memory", "r8", "r9", "r10", "r11");
	return (int)ret;
}

/* Kernels without ia32 emulation may kill a task trying: ask a child. */
static int i386_getpid_matches(void *unused)
{
	(void)unused;
	return call_i386_getpid() == getpid() ? 0 : 1;
}

static bool i386_syscalls_work(void)
{
	return sdiag_wait(sdiag_spawn(i386_getpid_matches, NULL)) == 0;
}
#else
/* An AArch64 task cannot make AArch32 syscalls: no compat ABI to call. */
static long call_i386_getppid(struct child *c)
{
	(void)c;
	errno = SDIAG_ENOSYS;
	return -1;
}

static bool i386_syscalls_work(void)
{
	return false;
}
#endif

/* getppid @arg times. */
static long call_getppid_loop(struct child *c)
{
	long i;

	for (i = 0; i < c->arg; i++)
		syscall(SYS_getppid);
	return 0;
}

/* getppid three times, each errno in res->errs. */
static long call_getppid_thrice(struct child *c)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c->res->errs); i++) {
		errno = 0;
		syscall(SYS_getppid);
		c->res->errs[i] = errno;
	}
	return 0;
}

/* getppid until the parent says stop; the result is how many calls. */
static long call_getppid_until_stop(struct child *c)
{
	for (c->res->calls = 0;
	     !__atomic_load_n(&c->res->stop, __ATOMIC_RELAXED);
	     c->res->calls++)
		syscall(SYS_getppid);
	return 0;
}

/*
 * Two raw filters, both failing getppid with an errno: the older always
 * with EPERM, the newer with EACCES when the first argument is 1.  Among
 * equal actions the newest filter's wins, so the argument decides.
 */
static long call_getppid_arg_decides(struct child *c)
{
	struct sock_filter older[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter newer[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog older_prog = { ARRAY_SIZE(older), older };
	struct sock_fprog newer_prog = { ARRAY_SIZE(newer), newer };
	static const long arg0[] = { 1, 2, 1 };
	unsigned int i;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    sdiag_seccomp(SECCOMP_SET_MODE_FILTER, 0, &older_prog) ||
	    sdiag_seccomp(SECCOMP_SET_MODE_FILTER, 0, &newer_prog))
		return -2;
	for (i = 0; i < ARRAY_SIZE(arg0); i++) {
		errno = 0;
		syscall(SYS_getppid, arg0[i]);
		c->res->errs[i] = errno;
	}
	return 0;
}

/* Does not return on success: the child's only job is the call. */
static int child_main(void *arg)
{
	struct child *c = arg;
	scmp_filter_ctx ctx;
	unsigned int i;

	c->res->tid = gettid();
	if (!c->unfiltered) {
		ctx = seccomp_init(c->dflt);
		if (!ctx)
			return 10;
#ifdef __x86_64__
		if (c->i386 && seccomp_arch_add(ctx, SCMP_ARCH_X86))
			return 11;
#endif
		if (c->dflt != SCMP_ACT_ALLOW)
			for (i = 0; i < ARRAY_SIZE(child_needs); i++)
				if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW,
						     child_needs[i], 0))
					return 12;
		if (c->nr >= 0 && seccomp_rule_add(ctx, c->action, c->nr, 0))
			return 13;
		if (seccomp_load(ctx))
			return 14;
		/* No seccomp_release(): its munmap may be what we deny. */
	}
	errno = 0;
	c->res->ret = c->call(c);
	c->res->err = errno;
	return 0;
}

/* Run @c in a child; its pid, the result in c->res. */
static pid_t run_child(struct __test_metadata *_metadata, struct child *c)
{
	pid_t pid;

	c->res = sdiag_shared(sizeof(*c->res));
	ASSERT_NE(NULL, c->res);
	pid = sdiag_spawn(child_main, c);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sdiag_wait(pid)) {
		TH_LOG("the child could not install its filter");
	}
	return pid;
}

static void expect_errno_event(struct __test_metadata *_metadata,
			       const struct event *ev, pid_t pid,
			       const char *arch, int nr, const char *err,
			       const char *action)
{
	EXPECT_EQ(pid, field_long(ev, "pid"));
	EXPECT_EQ(pid, field_long(ev, "tgid"));
	EXPECT_STREQ(arch, field(ev, "arch"));
	EXPECT_EQ(nr, field_long(ev, "nr"));
	EXPECT_STREQ(err, field(ev, "err"));
	EXPECT_STREQ(action, field(ev, "action"));
}

/*
 * Run @c, whose call must fail with @err (named @name), and expect one
 * seccomp_errno event about it: @arch's syscall @nr, denied by @action.
 */
static void expect_one_errno(struct __test_metadata *_metadata,
			     struct trace_log *log, struct child *c,
			     const char *arch, int nr, int err,
			     const char *name, const char *action)
{
	pid_t pid = run_child(_metadata, c);

	EXPECT_EQ(-1, c->res->ret);
	EXPECT_EQ(err, c->res->err);
	ASSERT_EQ(1, collect(_metadata, log, "seccomp_errno", "tgid", pid));
	expect_errno_event(_metadata, &log->events[0], pid, arch, nr,
			   errno_text(err, name), action);
}

/* Run @c, whose call must fail with EPERM, and expect no event: its pid. */
static pid_t expect_eperm_unseen(struct __test_metadata *_metadata,
				 struct trace_log *log, struct child *c)
{
	pid_t pid = run_child(_metadata, c);

	EXPECT_EQ(EPERM, c->res->err);
	EXPECT_EQ(0, collect(_metadata, log, "seccomp_errno", "tgid", pid));
	return pid;
}

/* A filter whose default is EPERM, over a getppid call. */
#define EPERM_DEFAULT_CHILD						\
	{ .dflt = SCMP_ACT_ERRNO(EPERM), .nr = -1, .call = call_getppid }

/* The common container mistake and its fix, on the very same syscall. */
TEST_F(trace, default_eperm_and_default_enosys)
{
	struct child eperm = EPERM_DEFAULT_CHILD;
	struct child enosys = {
		.dflt = SCMP_ACT_ERRNO(SDIAG_ENOSYS), .nr = -1, .call = call_getppid,
	};

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	expect_one_errno(_metadata, &self->log, &eperm, SDIAG_NATIVE_ABI,
			 SYS_getppid, EPERM, "EPERM", "errno");
	expect_one_errno(_metadata, &self->log, &enosys, SDIAG_NATIVE_ABI,
			 SYS_getppid, SDIAG_ENOSYS, "ENOSYS", "errno");
}

TEST_F(trace, errno_rule_eacces)
{
	struct child c = {
		.dflt = SCMP_ACT_ALLOW, .action = SCMP_ACT_ERRNO(EACCES),
		.nr = SYS_getppid, .call = call_getppid,
	};

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	expect_one_errno(_metadata, &self->log, &c, SDIAG_NATIVE_ABI,
			 SYS_getppid, EACCES, "EACCES", "errno");
}

/* RET_TRACE without a tracer: the same ENOSYS as RET_ERRNO(ENOSYS). */
TEST_F(trace, trace_without_tracer)
{
	struct child c = {
		.dflt = SCMP_ACT_ALLOW, .action = SCMP_ACT_TRACE(7),
		.nr = SYS_getppid, .call = call_getppid,
	};

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	expect_one_errno(_metadata, &self->log, &c, SDIAG_NATIVE_ABI,
			 SYS_getppid, SDIAG_ENOSYS, "ENOSYS", "trace");
}

/* Arguments the filter reads: every call is judged on its own. */
TEST_F(trace, errno_decided_by_argument)
{
	struct child c = { .unfiltered = true, .call = call_getppid_arg_decides };
	static const char * const want[] = { "13(EACCES)", "1(EPERM)", "13(EACCES)" };
	pid_t pid;
	int i;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	pid = run_child(_metadata, &c);
	ASSERT_EQ(0, c.res->ret) {
		TH_LOG("the child could not install its two filters");
	}
	EXPECT_EQ(EACCES, c.res->errs[0]);
	EXPECT_EQ(EPERM, c.res->errs[1]);
	EXPECT_EQ(EACCES, c.res->errs[2]);
	ASSERT_EQ(3, collect(_metadata, &self->log, "seccomp_errno", "tgid", pid));
	for (i = 0; i < 3; i++)
		expect_errno_event(_metadata, &self->log.events[i], pid,
				   SDIAG_NATIVE_ABI, SYS_getppid, want[i], "errno");
}

/*
 * Children one after the other, each with a filter of its own: a freed
 * filter's memory tends to come back for the next one, and the answer
 * remembered for the old filter must not be taken for the new one's.
 * Each child calls three times: its first call leaves its chain's answers
 * remembered, the others are decided from them.
 */
TEST_F(trace, errno_follows_each_new_filter)
{
	const int calls = ARRAY_SIZE(((struct result *)0)->errs);
	int i, j;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	for (i = 0; i < 16; i++) {
		int err = i % 2 ? EACCES : EPERM;
		const char *want = err == EPERM ? "1(EPERM)" : "13(EACCES)";
		struct child c = {
			.dflt = SCMP_ACT_ALLOW, .action = SCMP_ACT_ERRNO(err),
			.nr = SYS_getppid, .call = call_getppid_thrice,
		};
		pid_t pid = run_child(_metadata, &c);

		for (j = 0; j < calls; j++)
			EXPECT_EQ(err, c.res->errs[j]);
		ASSERT_EQ(calls, collect(_metadata, &self->log,
					 "seccomp_errno", "tgid", pid)) {
			TH_LOG("child %d: one event per call", i);
		}
		for (j = 0; j < calls; j++)
			expect_errno_event(_metadata, &self->log.events[j], pid,
					   SDIAG_NATIVE_ABI, SYS_getppid, want,
					   "errno");
	}
}

TEST_F(trace, i386_syscall)
{
	struct child c = {
		.dflt = SCMP_ACT_ALLOW, .action = SCMP_ACT_ERRNO(EPERM),
		.nr = SCMP_SYS(getppid), .i386 = true,
		.call = call_i386_getppid,
	};

	if (sdiag_setup_skipped())
		return;

	if (!i386_syscalls_work())
		SDIAG_SKIP(return, "no i386 syscalls through int $0x80 here (%s)",
			   SDIAG_NATIVE_ABI);
	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	/* getppid is 64 on i386 */
	expect_one_errno(_metadata, &self->log, &c, "i386", 64, EPERM, "EPERM",
			 "errno");
}

TEST_F(trace, allowed_syscalls_no_event)
{
	struct child c = {
		.dflt = SCMP_ACT_ALLOW, .action = SCMP_ACT_ERRNO(EPERM),
		.nr = SYS_acct, .call = call_getppid_loop, .arg = 100,
	};
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	ASSERT_EQ(0, event_enable(self->log.dir, "notif_reply", true));
	pid = run_child(_metadata, &c);
	EXPECT_EQ(0, collect(_metadata, &self->log, "seccomp_errno", "tgid", pid));
	EXPECT_EQ(0, collect(_metadata, &self->log, "notif_reply", "pid", pid));

	/* The same filter denying what the child calls: now there is one. */
	c.action = SCMP_ACT_ERRNO(EPERM);
	c.nr = SYS_getppid;
	c.call = call_getppid;
	pid = run_child(_metadata, &c);
	EXPECT_EQ(1, collect(_metadata, &self->log, "seccomp_errno", "tgid", pid));
}

/* Whether seccomp_errno is enabled anywhere but in our instance. */
static bool armed_elsewhere(const char *mine)
{
	const char *top = tracefs_top();
	char path[512], val[8];
	struct dirent *d;
	bool armed = false;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/" EVENTS_DIR "/seccomp_errno/enable",
		 top);
	if (!sdiag_read_file(path, val, sizeof(val)) && val[0] != '0')
		return true;
	snprintf(path, sizeof(path), "%s/instances", top);
	dir = opendir(path);
	if (!dir)
		return false;
	while (!armed && (d = readdir(dir))) {
		if (d->d_name[0] == '.' || strstr(mine, d->d_name))
			continue;
		snprintf(path, sizeof(path),
			 "%s/instances/%s/" EVENTS_DIR "/seccomp_errno/enable",
			 top, d->d_name);
		armed = !sdiag_read_file(path, val, sizeof(val)) &&
			val[0] != '0';
	}
	closedir(dir);
	return armed;
}

/*
 * Why someone other than this test arms the outcome probe (another
 * instance's seccomp_errno, count_errno=1), or NULL.
 */
static const char *probe_armed_by_others(struct __test_metadata *_metadata,
					 const char *mine)
{
	char counting[8];

	if (armed_elsewhere(mine))
		return "seccomp_errno is enabled by someone else";
	EXPECT_EQ(0, sdiag_param_read("count_errno", counting, sizeof(counting)));
	if (counting[0] == 'Y')
		return "count_errno=1 arms the probe with the event off";
	return NULL;
}

TEST_F(trace, disabled_no_event_no_count)
{
	struct child c = EPERM_DEFAULT_CHILD;
	const char *skip;
	long before;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	skip = probe_armed_by_others(_metadata, self->log.dir);
	if (skip)
		SDIAG_SKIP(return, "%s", skip);
	before = sdiag_counter("errno_outcomes");
	ASSERT_LE(0, before);
	expect_eperm_unseen(_metadata, &self->log, &c);
	EXPECT_EQ(before, sdiag_counter("errno_outcomes"));

	/* Armed, the same child counts... */
	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	pid = run_child(_metadata, &c);
	EXPECT_EQ(1, collect(_metadata, &self->log, "seccomp_errno", "tgid", pid));
	EXPECT_LE(before + 1, sdiag_counter("errno_outcomes"));

	/* ...and disarmed again, it no longer does. */
	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", false));
	before = sdiag_counter("errno_outcomes");
	expect_eperm_unseen(_metadata, &self->log, &c);
	EXPECT_EQ(before, sdiag_counter("errno_outcomes"));
}

/*
 * QEMU's multi-threaded TCG breaks live patching of kernel text while
 * another vCPU runs it: toggling any ftrace user or kprobe (this module's,
 * the function tracer, or one made through kprobe_events) under a syscall
 * loop crashes such a guest; with -accel tcg,thread=single it does not.
 */
static bool under_tcg(void)
{
#ifdef __x86_64__
	unsigned int eax, sig[3];

	__cpuid(0x40000000, eax, sig[0], sig[1], sig[2]);
	return !memcmp(sig, "TCGTCGTCGTCG", sizeof(sig));
#else
	/* No hypervisor signature to read: assume the worst. */
	return true;
#endif
}

/* count_errno: the counter alone, with no event written. */
TEST_F(trace, count_errno_counts_with_event_off)
{
	struct child c = EPERM_DEFAULT_CHILD;
	char saved[8];
	long before;

	if (sdiag_setup_skipped())
		return;

	if (armed_elsewhere(self->log.dir))
		SDIAG_SKIP(return, "seccomp_errno is enabled by someone else");
	ASSERT_EQ(0, sdiag_param_read("count_errno", saved, sizeof(saved)));
	ASSERT_EQ(0, sdiag_param_set("count_errno", "1"));

	before = sdiag_counter("errno_outcomes");
	expect_eperm_unseen(_metadata, &self->log, &c);
	EXPECT_EQ(before + 1, sdiag_counter("errno_outcomes")) {
		TH_LOG("count_errno=1 did not count the denied getppid");
	}

	/* The event and the parameter share the probe: one leaving keeps it. */
	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", false));
	before = sdiag_counter("errno_outcomes");
	run_child(_metadata, &c);
	EXPECT_EQ(before + 1, sdiag_counter("errno_outcomes"));

	ASSERT_EQ(0, sdiag_param_set("count_errno", "0"));
	before = sdiag_counter("errno_outcomes");
	run_child(_metadata, &c);
	EXPECT_EQ(EPERM, c.res->err);
	EXPECT_EQ(before, sdiag_counter("errno_outcomes")) {
		TH_LOG("count_errno=0 with the event off still counted");
	}
	EXPECT_EQ(0, sdiag_param_set("count_errno", saved));
}

/* Arming and disarming while a child keeps failing syscalls. */
TEST_F(trace, toggle_while_syscalls_run)
{
	struct child c = {
		.dflt = SCMP_ACT_ALLOW, .action = SCMP_ACT_ERRNO(EPERM),
		.nr = SYS_getppid, .call = call_getppid_until_stop,
	};
	long before = sdiag_counter("errno_outcomes");
	cpu_set_t one;
	pid_t pid;
	int i;

	if (sdiag_setup_skipped())
		return;

	if (under_tcg()) {
		CPU_ZERO(&one);
		ASSERT_EQ(0, sched_getaffinity(0, sizeof(one), &one));
		for (i = 0; !CPU_ISSET(i, &one); i++)
			;
		CPU_ZERO(&one);
		CPU_SET(i, &one);
		ASSERT_EQ(0, sched_setaffinity(0, sizeof(one), &one));
		TH_LOG("QEMU TCG: toggling on CPU %d only, the child runs there too", i);
	}
	c.res = sdiag_shared(sizeof(*c.res));
	ASSERT_NE(NULL, c.res);
	pid = sdiag_spawn(child_main, &c);
	ASSERT_LT(0, pid);
	for (i = 0; i < 40; i++) {
		EXPECT_EQ(0, event_enable(self->log.dir, "seccomp_errno", i % 2 == 0));
		EXPECT_EQ(0, event_enable(self->log.dir, "notif_reply", i % 2 == 0));
		usleep(2000);
	}
	__atomic_store_n(&c.res->stop, 1, __ATOMIC_RELAXED);
	ASSERT_EQ(0, sdiag_wait(pid));
	TH_LOG("%d toggles during %ld calls, %ld outcomes counted", i,
	       c.res->calls, sdiag_counter("errno_outcomes") - before);
	EXPECT_LT(0, c.res->calls);
	EXPECT_LT(0, collect(_metadata, &self->log, "seccomp_errno", "tgid", pid));
}

/* A thread that installs a user-notification filter and makes a syscall. */
struct notif_target {
	int nr;
	int again;	/* more calls after the first */
	long args[3];
	int listener;
	pid_t tid;
	long ret;
	int err;
	int ready[2];	/* the listener is there */
};

static void *notif_target_main(void *arg)
{
	struct notif_target *t = arg;
	scmp_filter_ctx ctx;
	char ok = 1;

	t->tid = gettid();
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx || seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, t->nr, 0) ||
	    seccomp_load(ctx))
		ok = 0;
	else
		t->listener = seccomp_notify_fd(ctx);
	if (write(t->ready[1], &ok, 1) != 1 || !ok)
		return NULL;
	do {
		errno = 0;
		t->ret = syscall(t->nr, t->args[0], t->args[1], t->args[2]);
		t->err = errno;
	} while (t->again-- > 0);
	return NULL;
}

/* Start @t and receive its notification: the notification id. */
static __u64 notif_start(struct __test_metadata *_metadata,
			 struct notif_target *t, pthread_t *thread)
{
	struct seccomp_notif req;
	char ok = 0;

	ASSERT_EQ(0, pipe(t->ready));
	ASSERT_EQ(0, pthread_create(thread, NULL, notif_target_main, t));
	ASSERT_EQ(1, read(t->ready[0], &ok, 1));
	ASSERT_EQ(1, ok) {
		TH_LOG("no user notification filter (libseccomp or kernel too old?)");
	}
	memset(&req, 0, sizeof(req));
	ASSERT_EQ(0, ioctl(t->listener, SECCOMP_IOCTL_NOTIF_RECV, &req)) {
		TH_LOG("SECCOMP_IOCTL_NOTIF_RECV: %m");
	}
	EXPECT_EQ(t->tid, (pid_t)req.pid);
	EXPECT_EQ(t->nr, req.data.nr);
	return req.id;
}

static int notif_send(int listener, __u64 id, int error, long val,
		      unsigned int flags)
{
	struct seccomp_notif_resp resp = {
		.id = id, .error = error, .val = val, .flags = flags,
	};

	return ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) ? -errno : 0;
}

static void notif_finish(struct notif_target *t, pthread_t thread)
{
	pthread_join(thread, NULL);
	close(t->listener);
	close(t->ready[0]);
	close(t->ready[1]);
}

static void expect_reply_event(struct __test_metadata *_metadata,
			       const struct event *ev,
			       const struct notif_target *t, __u64 id,
			       int error, long val, const char *flags, int ret)
{
	char id_text[32];

	snprintf(id_text, sizeof(id_text), "0x%llx", (unsigned long long)id);
	EXPECT_EQ(getpid(), field_long(ev, "pid"));
	EXPECT_STREQ(id_text, field(ev, "id"));
	EXPECT_EQ(t->tid, field_long(ev, "target"));
	EXPECT_EQ(t->nr, field_long(ev, "nr"));
	EXPECT_STREQ(SDIAG_NATIVE_ABI, field(ev, "arch"));
	EXPECT_EQ(error, field_long(ev, "error"));
	EXPECT_EQ(val, field_long(ev, "val"));
	EXPECT_STREQ(flags, field(ev, "flags"));
	EXPECT_EQ(ret, field_long(ev, "ret"));
}

TEST_F(trace, notif_error_reply)
{
	struct notif_target t = { .nr = SYS_getppid };
	pthread_t thread;
	__u64 id;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	ASSERT_EQ(0, event_enable(self->log.dir, "notif_reply", true));
	id = notif_start(_metadata, &t, &thread);
	ASSERT_EQ(0, notif_send(t.listener, id, -EACCES, 0, 0));
	notif_finish(&t, thread);
	EXPECT_EQ(-1, t.ret);
	EXPECT_EQ(EACCES, t.err);

	ASSERT_EQ(1, collect(_metadata, &self->log, "notif_reply", "pid", getpid()));
	expect_reply_event(_metadata, &self->log.events[0], &t, id, -EACCES, 0,
			   "0x0()", 0);
	ASSERT_EQ(1, collect(_metadata, &self->log, "seccomp_errno", "tgid", getpid()));
	EXPECT_EQ(t.tid, field_long(&self->log.events[0], "pid"));
	EXPECT_EQ(SYS_getppid, field_long(&self->log.events[0], "nr"));
	EXPECT_STREQ(errno_text(EACCES, "EACCES"), field(&self->log.events[0], "err"));
	EXPECT_STREQ("user_notif", field(&self->log.events[0], "action"));
}

TEST_F(trace, notif_continue_runs_the_syscall)
{
	/* mkdirat: newer architectures have no mkdir */
	struct notif_target t = { .nr = SYS_mkdirat };
	char path[64];
	struct stat st;
	pthread_t thread;
	__u64 id;

	if (sdiag_setup_skipped())
		return;

	snprintf(path, sizeof(path), "/tmp/sdiag_trace_test_%d", getpid());
	rmdir(path);
	t.args[0] = AT_FDCWD;
	t.args[1] = (long)path;
	t.args[2] = 0700;
	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	ASSERT_EQ(0, event_enable(self->log.dir, "notif_reply", true));
	id = notif_start(_metadata, &t, &thread);
	ASSERT_EQ(0, notif_send(t.listener, id, 0, 0,
				SECCOMP_USER_NOTIF_FLAG_CONTINUE));
	notif_finish(&t, thread);
	EXPECT_EQ(0, t.ret);
	EXPECT_EQ(0, stat(path, &st)) {
		TH_LOG("CONTINUE did not run mkdir(%s)", path);
	}
	rmdir(path);

	ASSERT_EQ(1, collect(_metadata, &self->log, "notif_reply", "pid", getpid()));
	expect_reply_event(_metadata, &self->log.events[0], &t, id, 0, 0,
			   "0x1(CONTINUE)", 0);
	EXPECT_EQ(0, collect(_metadata, &self->log, "seccomp_errno", "tgid", getpid()));
}

/*
 * The kernel refuses CONTINUE with an error or a value, and unknown flags:
 * the event shows the one reply it took, never a refused one.
 */
TEST_F(trace, notif_rejected_replies)
{
	struct notif_target t = { .nr = SYS_getppid };
	pthread_t thread;
	__u64 id;
	int ret;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	ASSERT_EQ(0, event_enable(self->log.dir, "notif_reply", true));
	id = notif_start(_metadata, &t, &thread);
	EXPECT_EQ(-EINVAL, notif_send(t.listener, id, -EPERM, 0,
				      SECCOMP_USER_NOTIF_FLAG_CONTINUE));
	EXPECT_EQ(-EINVAL, notif_send(t.listener, id, 0, 1,
				      SECCOMP_USER_NOTIF_FLAG_CONTINUE));
	EXPECT_EQ(-EINVAL, notif_send(t.listener, id, -EPERM, 0, 0x80));
	/* Rejected replies leave the notification waiting for a real one. */
	ASSERT_EQ(0, notif_send(t.listener, id, -EPERM, 0, 0));
	/* One reply per notification: gone, or answered and still there. */
	ret = notif_send(t.listener, id, -EACCES, 0, 0);
	EXPECT_TRUE(ret == -ENOENT || ret == -EINPROGRESS) {
		TH_LOG("a second reply got %d", ret);
	}
	notif_finish(&t, thread);
	EXPECT_EQ(EPERM, t.err);

	ASSERT_EQ(1, collect(_metadata, &self->log, "notif_reply", "pid", getpid()));
	expect_reply_event(_metadata, &self->log.events[0], &t, id, -EPERM, 0,
			   "0x0()", 0);
	ASSERT_EQ(1, collect(_metadata, &self->log, "seccomp_errno", "tgid", getpid()));
	EXPECT_STREQ("user_notif", field(&self->log.events[0], "action"));
	EXPECT_STREQ(errno_text(EPERM, "EPERM"), field(&self->log.events[0], "err"));
}

/*
 * A reply to a notification received while notif_reply was off: the
 * kernel's copy still names the target and its syscall.
 */
TEST_F(trace, notif_reply_without_recv)
{
	struct notif_target t = { .nr = SYS_getppid };
	pthread_t thread;
	__u64 id;

	if (sdiag_setup_skipped())
		return;

	id = notif_start(_metadata, &t, &thread);
	ASSERT_EQ(0, event_enable(self->log.dir, "notif_reply", true));
	ASSERT_EQ(0, notif_send(t.listener, id, -EPERM, 0, 0));
	notif_finish(&t, thread);
	EXPECT_EQ(EPERM, t.err);

	ASSERT_EQ(1, collect(_metadata, &self->log, "notif_reply", "pid", getpid()));
	expect_reply_event(_metadata, &self->log.events[0], &t, id, -EPERM, 0,
			   "0x0()", 0);
}

/* Instances missed are shown per probe, as plain counters. */
TEST_F(trace, probes_missed_readable)
{
	unsigned long check, outcome, nested;
	char buf[256];
	int found;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, sdiag_read_file(SDIAG_SYSFS "/probes_missed", buf, sizeof(buf)));
	found = sscanf(buf, "check %lu\noutcome %lu\nnested %lu\n", &check,
		       &outcome, &nested);
	ASSERT_EQ(3, found) {
		TH_LOG("probes_missed: %s", buf);
	}
	TH_LOG("missed: check %lu, outcome %lu; nested %lu", check, outcome,
	       nested);
}

/* Whether ftrace can attach to @func: it is in available_filter_functions. */
static bool ftrace_can_trace(const char *func)
{
	char path[512], line[256];
	bool found = false;
	size_t len = strlen(func);
	FILE *f;

	snprintf(path, sizeof(path), "%s/available_filter_functions",
		 tracefs_top());
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, func, len) &&
			(line[len] == '\n' || line[len] == ' ');
	fclose(f);
	return found;
}

/* The enabled_functions line of @func, "" when ftrace does not call it. */
static void ftrace_enabled_line(const char *func, char *buf, size_t size)
{
	char path[512];
	size_t len = strlen(func);
	FILE *f;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/enabled_functions", tracefs_top());
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(buf, size, f))
		if (!strncmp(buf, func, len) && buf[len] == ' ')
			break;
	if (feof(f))
		buf[0] = '\0';
	fclose(f);
}

/*
 * The entry probe is armed with the event and gone without it; it is the
 * module's own ftrace_ops where the kernel has them (ftrace_regs callbacks
 * since 5.11) and outcome_ftrace allows, else a kprobe.
 */
TEST_F(trace, outcome_probe_follows_the_event)
{
	char kind[16], want_ftrace[8], line[512];
	const char *want, *caller, *skip;
	struct utsname uts;
	int major, minor, found;

	if (sdiag_setup_skipped())
		return;

	skip = probe_armed_by_others(_metadata, self->log.dir);
	if (skip)
		SDIAG_SKIP(return, "%s", skip);
	ASSERT_EQ(0, sdiag_read_file(SDIAG_SYSFS "/outcome_probe", kind, sizeof(kind)));
	EXPECT_STREQ("off", kind);

	ASSERT_EQ(0, sdiag_param_read("outcome_ftrace", want_ftrace,
				      sizeof(want_ftrace)));
	ASSERT_EQ(0, uname(&uts));
	found = sscanf(uts.release, "%d.%d", &major, &minor);
	ASSERT_EQ(2, found);
	if (want_ftrace[0] == 'Y' && (major > 5 || (major == 5 && minor >= 11)) &&
	    ftrace_can_trace("__secure_computing")) {
		want = "ftrace";
		caller = "sdiag_probe_gate_ftrace";
	} else {
		want = "kprobe";
		caller = "kprobe_ftrace_handler";
	}
	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", true));
	ASSERT_EQ(0, sdiag_read_file(SDIAG_SYSFS "/outcome_probe", kind, sizeof(kind)));
	EXPECT_STREQ(want, kind);
	/*
	 * Where ftrace names the one callback of the function ("->func",
	 * x86_64's trampolines), it must be the probe's; arm64 names none,
	 * and a kprobe not on ftrace leaves no line at all.
	 */
	ftrace_enabled_line("__secure_computing", line, sizeof(line));
	if (strstr(line, "->"))
		EXPECT_NE(NULL, strstr(line, caller)) {
			TH_LOG("enabled_functions: %s", line);
		}
	ASSERT_EQ(0, event_enable(self->log.dir, "seccomp_errno", false));
	ASSERT_EQ(0, sdiag_read_file(SDIAG_SYSFS "/outcome_probe", kind, sizeof(kind)));
	EXPECT_STREQ("off", kind);
	ftrace_enabled_line("__secure_computing", line, sizeof(line));
	EXPECT_STREQ("", line);
}

/*
 * Leave seccomp_errno and notif_reply enabled and a task blocked in a
 * user notification, for the module unload that ends a VM run: the
 * supervisor answers once the module is gone, and the task returns
 * through the probe's trampoline after its handler went away.
 */
static bool module_gone(void)
{
	return access("/sys/module/seccomp_diag", F_OK) != 0;
}

/* A supervisor thread that waits in RECV for the target's second call. */
struct waiting_supervisor {
	int listener;
	pid_t tid;
	long ret;
};

static void *waiting_supervisor_main(void *arg)
{
	struct waiting_supervisor *w = arg;
	struct seccomp_notif req;

	w->tid = gettid();
	memset(&req, 0, sizeof(req));
	w->ret = ioctl(w->listener, SECCOMP_IOCTL_NOTIF_RECV, &req);
	if (!w->ret)
		w->ret = notif_send(w->listener, req.id, 0, 0,
				    SECCOMP_USER_NOTIF_FLAG_CONTINUE);
	return NULL;
}

/* Whether thread @tid sleeps in ioctl(2). */
static bool sleeping_in_ioctl(pid_t tid)
{
	char path[64], buf[64];

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", tid);
	return !sdiag_read_file(path, buf, sizeof(buf)) &&
	       atoi(buf) == SYS_ioctl;
}

/*
 * Through the unload, the target sits in seccomp (the seccomp_errno probe
 * holds an instance) and a second supervisor thread sits in RECV (the
 * notif_reply probe holds one).  Both return after the module is gone.
 */
static void blocked_across_unload(int ready_fd)
{
	struct notif_target t = { .nr = SYS_getppid, .again = 1 };
	struct waiting_supervisor w = { .tid = 0 };
	struct seccomp_notif req;
	pthread_t thread, supervisor;
	char ok = 0, line[200];
	int i, kmsg, len;

	if (pipe(t.ready) || pthread_create(&thread, NULL, notif_target_main, &t) ||
	    read(t.ready[0], &ok, 1) != 1 || !ok)
		_exit(1);
	memset(&req, 0, sizeof(req));
	if (ioctl(t.listener, SECCOMP_IOCTL_NOTIF_RECV, &req))
		_exit(1);
	w.listener = t.listener;
	if (pthread_create(&supervisor, NULL, waiting_supervisor_main, &w))
		_exit(1);
	for (i = 0; i < 10000 && !(w.tid && sleeping_in_ioctl(w.tid)); i++)
		usleep(1000);
	if (write(ready_fd, &ok, 1) != 1)
		_exit(1);
	close(ready_fd);
	/* Ten minutes at most: then whatever the module does, let go. */
	for (i = 0; i < 600000 && !module_gone(); i++)
		usleep(1000);
	notif_send(t.listener, req.id, 0, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE);
	pthread_join(supervisor, NULL);
	pthread_join(thread, NULL);
	kmsg = open("/dev/kmsg", O_WRONLY);
	len = snprintf(line, sizeof(line),
		       "sdiag_selftest: task %d in a user notification and supervisor %d in RECV %s: getppid %ld, RECV+SEND %ld\n",
		       t.tid, w.tid, module_gone() ? "across the module unload" :
		       "(module still loaded)", t.ret, w.ret);
	if (kmsg >= 0 && write(kmsg, line, len) != len)
		_exit(1);
	_exit(0);
}

static bool in_vmtest(void)
{
	struct utsname uts;

	if (getenv("SDIAG_LEAVE_ARMED"))
		return true;
	return !uname(&uts) && !strcmp(uts.nodename, "vmtest");
}

/* After the trace fixture: the harness runs fixtures in order. */
FIXTURE(unload) {
};

FIXTURE_SETUP(unload)
{
}

FIXTURE_TEARDOWN(unload)
{
}

TEST_F(unload, leave_armed_for_unload)
{
	const char *top = tracefs_top();
	char path[512], ok = 0;
	int ready[2], devnull;
	pid_t pid;

	if (!in_vmtest())
		SDIAG_SKIP(return, "leaves events on: VM only (or SDIAG_LEAVE_ARMED=1)");
	if (!top)
		SDIAG_SKIP(return, "no tracefs");
	snprintf(path, sizeof(path), "%s/" EVENTS_DIR "/seccomp_errno/enable", top);
	if (access(path, F_OK))
		SDIAG_SKIP(return, "no seccomp_diag trace events");
	ASSERT_EQ(0, sdiag_write_file(path, "1", 1));
	snprintf(path, sizeof(path), "%s/" EVENTS_DIR "/notif_reply/enable", top);
	ASSERT_EQ(0, sdiag_write_file(path, "1", 1));

	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* Out of the harness's reach: it waits for the test only. */
		setsid();
		if (fork())
			_exit(0);
		devnull = open("/dev/null", O_RDWR);
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
		close(ready[0]);
		blocked_across_unload(ready[1]);
	}
	close(ready[1]);
	ASSERT_EQ(0, sdiag_wait(pid));
	ASSERT_EQ(1, read(ready[0], &ok, 1)) {
		TH_LOG("the task did not block in its user notification");
	}
	TH_LOG("events left on; a task waits for its supervisor, another supervisor in RECV");
}

TEST_HARNESS_MAIN
