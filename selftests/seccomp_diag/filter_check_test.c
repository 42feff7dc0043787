// SPDX-License-Identifier: GPL-2.0
/*
 * The filter check at install time: which filters get flagged, what the
 * kernel log says about them, what the filter_check trace event reports,
 * the counters, and the check and probe_nr knobs.
 *
 * Filters are installed by children (they would otherwise constrain the
 * test itself); the test reads the kernel log through /dev/kmsg from the
 * record after the last one that existed before the child ran.  Tests that
 * need a warning line first make room for it under the module's ratelimit
 * (sdiag_ratelimit_wait()); the flood test runs last.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "sdiag_util.h"

/* A child that installs one filter, with what it takes to set it up. */
enum install_method {
	VIA_SECCOMP,
	VIA_PRCTL,
};

struct install_result {
	long ret;
	int err;
	pid_t thread_tid;
	int threads_ready;
};

struct installer {
	const struct sdiag_bpf *filter;
	unsigned int flags;
	enum install_method method;
	const char *comm;
	bool unprivileged;
	/* threads alive during the install, for TSYNC */
	int threads;
	/* one more thread that installs @thread_filter of its own first */
	const struct sdiag_bpf *thread_filter;
	struct install_result *res;
};

static void *idle_thread(void *arg)
{
	struct installer *in = arg;

	__atomic_add_fetch(&in->res->threads_ready, 1, __ATOMIC_SEQ_CST);
	for (;;)
		pause();
	return NULL;
}

/* Leaves this thread with a filter of its own, which TSYNC cannot join. */
static void *diverging_thread(void *arg)
{
	struct installer *in = arg;

	in->res->thread_tid = gettid();
	if (sdiag_install(in->thread_filter, 0))
		in->res->thread_tid = -errno;
	__atomic_add_fetch(&in->res->threads_ready, 1, __ATOMIC_SEQ_CST);
	for (;;)
		pause();
	return NULL;
}

static int install_child(void *arg)
{
	struct installer *in = arg;
	struct install_result *res = in->res;
	struct sock_fprog prog = {
		.len = in->filter->len,
		.filter = (struct sock_filter *)in->filter->insns,
	};
	int i, want = in->threads;
	pthread_t thread;

	if (in->comm && prctl(PR_SET_NAME, in->comm, 0, 0, 0))
		return 2;
	if (in->unprivileged && sdiag_become(SDIAG_NOBODY))
		return 3;
	for (i = 0; i < in->threads; i++)
		if (pthread_create(&thread, NULL, idle_thread, in))
			return 4;
	if (in->thread_filter) {
		if (pthread_create(&thread, NULL, diverging_thread, in))
			return 4;
		want++;
	}
	while (__atomic_load_n(&res->threads_ready, __ATOMIC_SEQ_CST) < want)
		sched_yield();

	errno = 0;
	if (in->method == VIA_PRCTL)
		res->ret = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog,
				 0, 0);
	else
		res->ret = sdiag_install(in->filter, in->flags);
	res->err = errno;
	/* exit_group is allowed by every filter installed here */
	return 0;
}

/* Escape a comm the way the module documents it. */
static void escape_comm(char *out, const char *comm)
{
	for (; *comm; comm++) {
		unsigned char c = *comm;

		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
			out += sprintf(out, "\\x%02x", c);
		else
			*out++ = c;
	}
	*out = '\0';
}

static bool valid_abi_list(const char *abis)
{
	char copy[64], *tok, *save;

	snprintf(copy, sizeof(copy), "%s", abis);
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (strcmp(tok, "x86_64") && strcmp(tok, "i386") &&
		    strcmp(tok, "x32") && strcmp(tok, "aarch64") &&
		    strcmp(tok, "arm"))
			return false;
	return abis[0] != '\0';
}

/* What the second warning line says. */
struct casualties {
	unsigned int count;
	char abi[16];
	char names[512];
	bool more;
};

/*
 * Check both warning lines about @pid against the documented format.
 * @abis is the exact ABI list expected, or NULL for "native ABI first".
 */
static void check_warning(struct __test_metadata *_metadata,
			  const struct sdiag_log *log, pid_t pid,
			  const char *comm, unsigned int probe,
			  const char *abis, struct casualties *cas)
{
	char escaped[16 * 4 + 1], head[160], tail[256], got_abis[64];
	const char *first, *second, *p;
	static const char advice[] =
		": unknown syscalls must fail with ENOSYS, or fallbacks from new syscalls break";
	unsigned long long cgroup;
	unsigned int shown;
	int consumed = 0, matched, n1, n2;
	size_t len;

	escape_comm(escaped, comm);
	first = sdiag_log_warning(log, pid, true, &n1);
	second = sdiag_log_warning(log, pid, false, &n2);
	ASSERT_NE(NULL, first)
		TH_LOG("no warning about pid %d in %d new log records", pid,
		       log->n);
	ASSERT_EQ(1, n1);
	ASSERT_NE(NULL, second)
		TH_LOG("first line without second: %s", first);
	ASSERT_EQ(1, n2);

	snprintf(head, sizeof(head),
		 "seccomp_diag: \"%s\" pid %d (pid %d in its namespace, cgroup ",
		 escaped, pid, pid);
	ASSERT_EQ(0, strncmp(first, head, strlen(head)))
		TH_LOG("got '%s', want it to start with '%s'", first, head);
	p = first + strlen(head);
	matched = sscanf(p, "%llu%n", &cgroup, &consumed);
	ASSERT_EQ(1, matched) TH_LOG("no cgroup id in '%s'", first);
	p += consumed;
	len = snprintf(tail, sizeof(tail),
		       ") installed a seccomp filter that answers reserved syscall %u with EPERM on ",
		       probe);
	ASSERT_EQ(0, strncmp(p, tail, len)) TH_LOG("got '%s'", first);
	p += len;
	matched = sscanf(p, "%63[^:]", got_abis);
	ASSERT_EQ(1, matched) TH_LOG("no ABIs in '%s'", first);
	if (abis) {
		ASSERT_STREQ(abis, got_abis);
	} else {
		ASSERT_EQ(0, strncmp(got_abis, SDIAG_NATIVE_ABI,
				     strlen(SDIAG_NATIVE_ABI)))
			TH_LOG("ABIs '%s'", got_abis);
	}
	ASSERT_TRUE(valid_abi_list(got_abis))
		TH_LOG("ABIs '%s'", got_abis);
	p += strlen(got_abis);
	ASSERT_STREQ(advice, p);

	snprintf(head, sizeof(head),
		 "seccomp_diag: \"%s\" pid %d: the filter answers ", escaped,
		 pid);
	ASSERT_EQ(0, strncmp(second, head, strlen(head)))
		TH_LOG("got '%s', want it to start with '%s'", second, head);
	p = second + strlen(head);
	memset(cas, 0, sizeof(*cas));
	consumed = 0;
	matched = sscanf(p, "%u implemented %15s syscalls like unknown ones, with EPERM:%n",
			 &cas->count, cas->abi, &consumed);
	ASSERT_EQ(2, matched)
		TH_LOG("got '%s'", second);
	ASSERT_NE(0, consumed) TH_LOG("got '%s'", second);
	ASSERT_EQ(0, strncmp(got_abis, cas->abi, strlen(cas->abi)))
		TH_LOG("second line names %s, first %s", cas->abi, got_abis);
	snprintf(cas->names, sizeof(cas->names), "%s", p + consumed);
	len = strlen(cas->names);
	if (len >= 4 && !strcmp(cas->names + len - 4, " ...")) {
		cas->more = true;
		cas->names[len - 4] = '\0';
	}
	/* A filter that answers no real syscall like the probe says so. */
	if (!cas->count)
		ASSERT_STREQ(" none", cas->names);
	/* at most 8 names, then " ..." when there are more */
	shown = 0;
	for (p = cas->names; cas->count && *p; p++)
		shown += *p == ' ';
	ASSERT_EQ(cas->count < 8 ? cas->count : 8, shown)
		TH_LOG("got '%s'", second);
	ASSERT_EQ(cas->count > 8, cas->more) TH_LOG("got '%s'", second);
	TH_LOG("flagged on %s: %u %s syscalls:%s%s", got_abis, cas->count,
	       cas->abi, cas->names, cas->more ? " ..." : "");
}

/* Whether @name is one of the space-separated words of @names. */
static bool has_name(const char *names, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = strstr(names, name); p; p = strstr(p + 1, name))
		if (p[-1] == ' ' && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}

static void first_name(const struct casualties *cas, char *out, size_t size)
{
	snprintf(out, size, "%s", cas->names + 1);
	out[strcspn(out, " ")] = '\0';
}

/* A libseccomp filter turned into plain classic BPF. */
static int libseccomp_bpf(scmp_filter_ctx ctx, struct sdiag_bpf *f)
{
	ssize_t len;
	int fd;

	fd = memfd_create("sdiag_filter", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (seccomp_export_bpf(ctx, fd) || lseek(fd, 0, SEEK_SET)) {
		close(fd);
		return -EINVAL;
	}
	len = read(fd, f->insns, sizeof(f->insns));
	close(fd);
	if (len <= 0 || len % sizeof(struct sock_filter))
		return -EINVAL;
	f->len = len / sizeof(struct sock_filter);
	return 0;
}

/* Old syscalls, as a container runtime's allowlist from years ago. */
static const int container_allowlist[] = {
	__NR_read, __NR_write, __NR_close, __NR_fstat,
	__NR_lseek, __NR_mmap, __NR_mprotect,
	__NR_munmap, __NR_brk, __NR_rt_sigaction, __NR_rt_sigprocmask,
	__NR_rt_sigreturn, __NR_ioctl, __NR_pread64, __NR_pwrite64,
	__NR_readv, __NR_writev,
	__NR_sched_yield, __NR_mremap, __NR_madvise, __NR_dup,
	__NR_nanosleep, __NR_getpid, __NR_socket, __NR_connect, __NR_clone,
	__NR_execve, __NR_exit, __NR_wait4, __NR_kill, __NR_uname,
	__NR_fcntl, __NR_getcwd, __NR_chdir, __NR_getuid, __NR_getgid,
	__NR_geteuid, __NR_getppid, __NR_gettid, __NR_futex,
	__NR_set_tid_address, __NR_openat, __NR_newfstatat,
#ifdef __x86_64__
	/* the old ones newer architectures never had */
	__NR_open, __NR_stat, __NR_lstat, __NR_poll, __NR_access, __NR_pipe,
	__NR_select, __NR_dup2, __NR_fork, __NR_arch_prctl,
#endif
};

#define CONTAINER_NR ((int)ARRAY_SIZE(container_allowlist))

/* A big filter: @len instructions that allow exit_group, else @dflt. */
static void big_filter(struct sdiag_bpf *f, int len, unsigned int dflt)
{
	int i;

	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, __NR_exit_group);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	for (i = f->len; i < len - 1; i++)
		sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 100000 + i);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, dflt);
}

/*
 * runc's answer to syscalls newer than its profile: ENOSYS above the
 * highest number it knows, the profile's EPERM default below it.
 */
#define RUNC_HIGHEST_KNOWN 450

static void runc_style_filter(struct sdiag_bpf *f)
{
	static const int allowed[] = { __NR_read, __NR_write, __NR_close,
				       __NR_exit_group };
	int i, n = ARRAY_SIZE(allowed);

	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	/* jump to the "ret ENOSYS" at the end */
	sdiag_bpf_add(f, BPF_JMP | BPF_JGT | BPF_K, n + 2, 0,
		      RUNC_HIGHEST_KNOWN);
	for (i = 0; i < n; i++)
		sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, n - i, 0,
			      allowed[i]);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | EPERM);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | SDIAG_ENOSYS);
}

/* EPERM on the compat ABI (i386, arm), ENOSYS on the others. */
static void i386_eperm_filter(struct sdiag_bpf *f)
{
	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_ARCH_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, SDIAG_COMPAT_AUDIT_ARCH);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | EPERM);
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, __NR_exit_group);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | SDIAG_ENOSYS);
}

/* On @arch, EPERM for @probe and @nrs[@n]; everything else allowed. */
static void arch_eperm_filter(struct sdiag_bpf *f, unsigned int arch,
			      unsigned int probe, const unsigned int *nrs,
			      int n)
{
	int i;

	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_ARCH_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, n + 2, arch);
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, n + 1, 0, probe);
	for (i = 0; i < n; i++)
		sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, n - i, 0, nrs[i]);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | EPERM);
}

/* EPERM for syscall @nr only, everything else allowed. */
static void eperm_for_nr_filter(struct sdiag_bpf *f, unsigned int nr)
{
	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, nr);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | EPERM);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
}

static unsigned long long now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ull + ts.tv_nsec / 1000;
}

/* What the three fixtures below share. */
struct common {
	int kmsg;
	long checked, flagged;
	unsigned int probe;
	struct sdiag_bpf *filter;
	struct install_result *res;
	char saved_check[16], saved_probe[32];
	struct sdiag_log log;
};

static void common_setup(struct __test_metadata *_metadata, struct common *c,
			 const void *variant)
{
	c->kmsg = -1;
	if (!sdiag_module_loaded())
		SDIAG_SETUP_SKIP(return, "seccomp_diag is not loaded");
	ASSERT_EQ(0, sdiag_param_read("check", c->saved_check,
				      sizeof(c->saved_check)));
	ASSERT_EQ(0, sdiag_param_read("probe_nr", c->saved_probe,
				      sizeof(c->saved_probe)));
	/* Tests expect the defaults, whatever the module was loaded with. */
	if (strcmp(c->saved_check, "Y"))
		ASSERT_EQ(0, sdiag_param_set("check", "1"));
	if (strtoul(c->saved_probe, NULL, 10) != SDIAG_DEFAULT_PROBE_NR)
		ASSERT_EQ(0, sdiag_param_set("probe_nr", "1048575"));
	c->probe = sdiag_probe_nr();
	ASSERT_EQ(SDIAG_DEFAULT_PROBE_NR, c->probe);
	c->filter = calloc(1, sizeof(*c->filter));
	ASSERT_NE(NULL, c->filter);
	c->res = sdiag_shared(sizeof(*c->res));
	ASSERT_NE(NULL, c->res);
	c->kmsg = sdiag_kmsg_open();
	ASSERT_LE(0, c->kmsg)
		TH_LOG("/dev/kmsg: %s", strerror(-c->kmsg));
	c->checked = sdiag_counter("filters_checked");
	c->flagged = sdiag_counter("filters_flagged");
}

/* Put the knobs back as they were before the test. */
static void common_teardown(struct common *c)
{
	char value[32];

	sdiag_log_free(&c->log);
	if (c->kmsg < 0)
		return;
	if (!sdiag_param_read("check", value, sizeof(value)) &&
	    strcmp(value, c->saved_check))
		sdiag_param_set("check", c->saved_check);
	if (!sdiag_param_read("probe_nr", value, sizeof(value)) &&
	    strcmp(value, c->saved_probe))
		sdiag_param_set("probe_nr", c->saved_probe);
	close(c->kmsg);
}

/* Install @in's filter from a child; its pid, after it has exited. */
static pid_t install(struct __test_metadata *_metadata,
		     const struct installer *in)
{
	pid_t pid;

	memset(in->res, 0, sizeof(*in->res));
	pid = sdiag_spawn(install_child, (void *)in);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sdiag_wait(pid)) TH_LOG("installing child failed");
	return pid;
}

/* An installer of self->c.filter, with the fields given. */
#define INSTALLER(...)							\
	(&(struct installer){						\
		.filter = self->c.filter, .res = self->c.res,		\
		__VA_ARGS__						\
	})

#define INSTALL(...)	install(_metadata, INSTALLER(__VA_ARGS__))

#define EXPECT_COUNTERS(d_checked, d_flagged)				\
	do {								\
		EXPECT_EQ(self->c.checked + (d_checked),		\
			  sdiag_counter("filters_checked"));		\
		EXPECT_EQ(self->c.flagged + (d_flagged),		\
			  sdiag_counter("filters_flagged"));		\
	} while (0)

/* The log records that appeared since the last call (or the setup). */
static void collect_log(struct __test_metadata *_metadata, struct common *c)
{
	sdiag_log_free(&c->log);
	ASSERT_EQ(0, sdiag_log_collect(c->kmsg, &c->log));
}

static void expect_no_warning(struct __test_metadata *_metadata,
			      struct common *c, pid_t pid)
{
	int first, second;

	collect_log(_metadata, c);
	sdiag_log_warning(&c->log, pid, true, &first);
	sdiag_log_warning(&c->log, pid, false, &second);
	EXPECT_EQ(0, first + second)
		TH_LOG("unexpected warning about pid %d", pid);
}

/* The module's line about @pid that starts with @what, or NULL. */
static const char *pid_line(const struct sdiag_log *log, pid_t pid,
			    const char *what)
{
	char tag[64];
	int i;

	snprintf(tag, sizeof(tag), "\" pid %d: %s", pid, what);
	for (i = 0; i < log->n; i++)
		if (sdiag_is_warning(log->rec[i].msg) &&
		    strstr(log->rec[i].msg, tag))
			return log->rec[i].msg;
	return NULL;
}

/* The casualty finding's line about @pid in the collected log, or NULL. */
#define casualty_line(log, pid)	pid_line(log, pid, "casualty finding (pid ")
/* The information line about @pid in the collected log, or NULL. */
#define info_line(log, pid)	pid_line(log, pid, "information: ")

static void make_room(struct __test_metadata *_metadata, int warnings)
{
	ASSERT_LE(0, sdiag_ratelimit_wait(warnings))
		TH_LOG("cannot read the ratelimit state from /dev/kmsg");
}

/*
 * Install @in's filter from a child, which the module must flag: one more
 * filter checked and flagged, and both warning lines about the child, on
 * @abis (NULL: the native ABI first).  The child's pid.
 */
static pid_t install_flagged(struct __test_metadata *_metadata,
			     struct common *c, const struct installer *in,
			     const char *abis, struct casualties *cas)
{
	long checked, flagged;
	pid_t pid;

	make_room(_metadata, 1);
	checked = sdiag_counter("filters_checked");
	flagged = sdiag_counter("filters_flagged");
	pid = install(_metadata, in);
	ASSERT_EQ(0, in->res->ret)
		TH_LOG("install: %ld %s", in->res->ret, strerror(in->res->err));
	EXPECT_EQ(checked + 1, sdiag_counter("filters_checked"));
	EXPECT_EQ(flagged + 1, sdiag_counter("filters_flagged"));
	collect_log(_metadata, c);
	check_warning(_metadata, &c->log, pid, in->comm, c->probe, abis, cas);
	return pid;
}

#define INSTALL_FLAGGED(abis, cas, ...)					\
	install_flagged(_metadata, &self->c, INSTALLER(__VA_ARGS__), abis, cas)

/*
 * filter_check trace event: the action for the probe number, flagged or
 * not, for every ABI.
 */
FIXTURE(trace_action) {
	struct common c;
	struct sdiag_trace trace;
};

FIXTURE_VARIANT(trace_action) {
	unsigned int action;
	const char *name;
	bool flagged;
};

FIXTURE_VARIANT_ADD(trace_action, kill_process) {
	.action = SECCOMP_RET_KILL_PROCESS, .name = "KILL_PROCESS",
};

FIXTURE_VARIANT_ADD(trace_action, trap) {
	.action = SECCOMP_RET_TRAP, .name = "TRAP",
};

FIXTURE_VARIANT_ADD(trace_action, eacces) {
	.action = SECCOMP_RET_ERRNO | EACCES, .name = "ERRNO",
};

FIXTURE_VARIANT_ADD(trace_action, enosys) {
	.action = SECCOMP_RET_ERRNO | SDIAG_ENOSYS, .name = "ERRNO",
};

FIXTURE_VARIANT_ADD(trace_action, log) {
	.action = SECCOMP_RET_LOG, .name = "LOG",
};

FIXTURE_VARIANT_ADD(trace_action, eperm) {
	.action = SECCOMP_RET_ERRNO | EPERM, .name = "ERRNO", .flagged = true,
};

FIXTURE_SETUP(trace_action)
{
	int ret;

	common_setup(_metadata, &self->c, variant);
	if (sdiag_setup_skipped())
		return;
	ret = sdiag_trace_open(&self->trace, "filter_check");
	if (ret == -ENOENT)
		SDIAG_SETUP_SKIP(return, "no tracefs or no filter_check event");
	ASSERT_EQ(0, ret) TH_LOG("tracefs instance: %s", strerror(-ret));
}

FIXTURE_TEARDOWN(trace_action)
{
	sdiag_trace_close(&self->trace);
	common_teardown(&self->c);
}

TEST_F(trace_action, reported_by_event)
{
	static const char * const abis[] = { SDIAG_NATIVE_ABI, SDIAG_COMPAT_ABI };
	char want[256], *trace;
	unsigned int i;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	sdiag_bpf_allowlist(self->c.filter, NULL, 0, variant->action);
	pid = INSTALL(.comm = "sdiag_action");
	ASSERT_EQ(0, self->c.res->ret)
		TH_LOG("install: %s", strerror(self->c.res->err));
	EXPECT_COUNTERS(1, variant->flagged);

	trace = sdiag_trace_read(&self->trace);
	ASSERT_NE(NULL, trace);
	/* No arch check in this filter: the compat ABI gets the same answer. */
	for (i = 0; i < ARRAY_SIZE(abis); i++) {
		snprintf(want, sizeof(want),
			 "filter_check: pid=%d comm=sdiag_action abi=%s nr=%u action=%s data=%u raw=0x%08x flagged=%d",
			 pid, abis[i], self->c.probe, variant->name,
			 variant->action & SECCOMP_RET_DATA, variant->action,
			 variant->flagged);
		EXPECT_NE(NULL, strstr(trace, want))
			TH_LOG("want '%s' in:\n%s", want, trace);
	}
	free(trace);
	if (!variant->flagged)
		expect_no_warning(_metadata, &self->c, pid);
}

/* Every way of installing a filter with seccomp(2) is checked. */
FIXTURE(install_flags) {
	struct common c;
};

FIXTURE_VARIANT(install_flags) {
	unsigned int flags;
};

FIXTURE_VARIANT_ADD(install_flags, none) {
	.flags = 0,
};

FIXTURE_VARIANT_ADD(install_flags, log) {
	.flags = SECCOMP_FILTER_FLAG_LOG,
};

FIXTURE_VARIANT_ADD(install_flags, spec_allow) {
	.flags = SECCOMP_FILTER_FLAG_SPEC_ALLOW,
};

FIXTURE_VARIANT_ADD(install_flags, new_listener) {
	.flags = SECCOMP_FILTER_FLAG_NEW_LISTENER,
};

FIXTURE_VARIANT_ADD(install_flags, wait_killable_recv) {
	.flags = SECCOMP_FILTER_FLAG_NEW_LISTENER |
		 SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
};

FIXTURE_VARIANT_ADD(install_flags, tsync) {
	.flags = SECCOMP_FILTER_FLAG_TSYNC,
};

FIXTURE_VARIANT_ADD(install_flags, tsync_esrch_listener) {
	.flags = SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_TSYNC_ESRCH |
		 SECCOMP_FILTER_FLAG_NEW_LISTENER,
};

FIXTURE_SETUP(install_flags)
{
	common_setup(_metadata, &self->c, variant);
}

FIXTURE_TEARDOWN(install_flags)
{
	common_teardown(&self->c);
}

TEST_F(install_flags, eperm_flagged)
{
	if (sdiag_setup_skipped())
		return;

	sdiag_bpf_eperm(self->c.filter);
	INSTALL(.flags = variant->flags, .comm = "sdiag_flags");
	if (self->c.res->ret < 0 && self->c.res->err == EINVAL)
		SDIAG_SKIP(return, "kernel does not know flags 0x%x", variant->flags);
	ASSERT_LE(0, self->c.res->ret)
		TH_LOG("install: %s", strerror(self->c.res->err));
	/* a listener fd with NEW_LISTENER, else 0 */
	EXPECT_EQ(!!(variant->flags & SECCOMP_FILTER_FLAG_NEW_LISTENER),
		  self->c.res->ret > 0);
	EXPECT_COUNTERS(1, 1);
}

/* Which filters are flagged, and what the log says. */
FIXTURE(filter_check) {
	struct common c;
};

FIXTURE_SETUP(filter_check)
{
	common_setup(_metadata, &self->c, variant);
}

FIXTURE_TEARDOWN(filter_check)
{
	common_teardown(&self->c);
}

TEST_F(filter_check, eperm_default_flagged)
{
	struct casualties cas;
	char name[64];

	if (sdiag_setup_skipped())
		return;

	sdiag_bpf_eperm(self->c.filter);
	INSTALL_FLAGGED(NULL, &cas, .comm = "sdiag_eperm");
	/* Only exit_group is allowed: every other syscall is a casualty. */
	first_name(&cas, name, sizeof(name));
	EXPECT_STREQ("clone3", name);
	EXPECT_TRUE(cas.more);
	EXPECT_LT(250u, cas.count);
}

TEST_F(filter_check, container_style_names_casualties)
{
	struct casualties old, fixed;
	char name[64];
	int nrs[CONTAINER_NR + 1];

	if (sdiag_setup_skipped())
		return;

	memcpy(nrs, container_allowlist, sizeof(container_allowlist));
	sdiag_bpf_allowlist(self->c.filter, nrs, CONTAINER_NR,
			    SECCOMP_RET_ERRNO | EPERM);
	INSTALL_FLAGGED(NULL, &old, .comm = "sdiag_container");
	EXPECT_STREQ(SDIAG_NATIVE_ABI, old.abi);
	first_name(&old, name, sizeof(name));
	EXPECT_STREQ("clone3", name);
	EXPECT_TRUE(has_name(old.names, "faccessat2"));
	EXPECT_TRUE(has_name(old.names, "statx"));
	EXPECT_FALSE(has_name(old.names, "read"));
	EXPECT_TRUE(old.more);
	/* Everything the kernel implements but this short allowlist. */
	EXPECT_LT(200u, old.count);
	EXPECT_GT(460u - CONTAINER_NR, old.count);

	/* Allow clone3 as well: it leaves the list, one casualty less. */
	nrs[CONTAINER_NR] = __NR_clone3;
	sdiag_bpf_allowlist(self->c.filter, nrs, CONTAINER_NR + 1,
			    SECCOMP_RET_ERRNO | EPERM);
	INSTALL_FLAGGED(NULL, &fixed, .comm = "sdiag_container");
	EXPECT_EQ(old.count - 1, fixed.count);
	EXPECT_FALSE(has_name(fixed.names, "clone3"));
	first_name(&fixed, name, sizeof(name));
	EXPECT_STREQ("faccessat2", name);
	EXPECT_COUNTERS(2, 2);
}

TEST_F(filter_check, enosys_default_not_flagged)
{
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	sdiag_bpf_allowlist(self->c.filter, container_allowlist, CONTAINER_NR,
			    SECCOMP_RET_ERRNO | SDIAG_ENOSYS);
	pid = INSTALL(.comm = "sdiag_enosys");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(1, 0);
	expect_no_warning(_metadata, &self->c, pid);
}

TEST_F(filter_check, explicit_eperm_rules_enosys_default_not_flagged)
{
	static const int denied[] = { __NR_mount, __NR_umount2, __NR_ptrace,
				      __NR_reboot, __NR_kexec_load,
				      __NR_init_module, __NR_bpf };
	scmp_filter_ctx ctx;
	unsigned int i;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	ctx = seccomp_init(SCMP_ACT_ERRNO(SDIAG_ENOSYS));
	ASSERT_NE(NULL, ctx);
	for (i = 0; i < CONTAINER_NR; i++)
		ASSERT_EQ(0, seccomp_rule_add(ctx, SCMP_ACT_ALLOW,
					      container_allowlist[i], 0));
	ASSERT_EQ(0, seccomp_rule_add(ctx, SCMP_ACT_ALLOW, __NR_exit_group, 0));
	for (i = 0; i < ARRAY_SIZE(denied); i++)
		ASSERT_EQ(0, seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
					      denied[i], 0));
	ASSERT_EQ(0, libseccomp_bpf(ctx, self->c.filter));
	seccomp_release(ctx);

	pid = INSTALL(.comm = "sdiag_explicit");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(1, 0);
	expect_no_warning(_metadata, &self->c, pid);
}

#define CASUALTY_LINE_TAIL						\
	"): the filter answers reserved syscall 1048575 correctly, "	\
	"but EPERM on " SDIAG_NATIVE_ABI "," SDIAG_COMPAT_ABI		\
	" for: clone3 faccessat2 statx: "				\
	"their callers fall back to older syscalls only on ENOSYS"

/*
 * moby#42680: runc's ENOSYS stub answers the probe number well, but the
 * profile's EPERM default still hits clone3: a casualty finding.
 */
TEST_F(filter_check, runc_style_casualty_finding)
{
	long casualties = sdiag_counter("filters_casualties");
	const char *line;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	ASSERT_LE(0, casualties) TH_LOG("no filters_casualties counter");
	make_room(_metadata, 1);
	runc_style_filter(self->c.filter);
	pid = INSTALL(.comm = "sdiag_runc");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(1, 0);
	EXPECT_EQ(casualties + 1, sdiag_counter("filters_casualties"));
	/* not the reserved-number finding's lines */
	expect_no_warning(_metadata, &self->c, pid);
	line = casualty_line(&self->c.log, pid);
	ASSERT_NE(NULL, line) TH_LOG("no casualty line about pid %d", pid);
	/* x32 numbers are all above the stub's maximum */
	EXPECT_NE(NULL, strstr(line, CASUALTY_LINE_TAIL))
		TH_LOG("got '%s'", line);
}

/* Allowing the casualties as well leaves nothing to say. */
TEST_F(filter_check, runc_style_with_casualties_allowed_not_flagged)
{
	long casualties = sdiag_counter("filters_casualties");
	struct sdiag_bpf *f = self->c.filter;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;
	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JGT | BPF_K, 8, 0, RUNC_HIGHEST_KNOWN);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 3, 0, __NR_exit_group);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 2, 0, __NR_clone3);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, __NR_faccessat2);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, __NR_statx);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	/* the rest: EPERM on x86_64 below the stub, ENOSYS elsewhere */
	sdiag_bpf_add(f, BPF_LD | BPF_W | BPF_ABS, 0, 0, SDIAG_ARCH_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, AUDIT_ARCH_X86_64);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | EPERM);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | SDIAG_ENOSYS);
	pid = INSTALL(.comm = "sdiag_runc_ok");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(1, 0);
	EXPECT_EQ(casualties, sdiag_counter("filters_casualties"));
	expect_no_warning(_metadata, &self->c, pid);
	EXPECT_EQ(NULL, casualty_line(&self->c.log, pid));
}

/*
 * The opt-in the documentation describes: a probe number in a hole below
 * the highest syscall flags runc-style filters too.
 */
TEST_F(filter_check, hole_probe_flags_runc_style)
{
	/* unused by every ABI of the architecture in every kernel so far */
	const char *hole = SDIAG_HOLE_NR;
	int ret;

	if (sdiag_setup_skipped())
		return;

	runc_style_filter(self->c.filter);
	ret = sdiag_param_set("probe_nr", hole);
	ASSERT_EQ(0, ret)
		TH_LOG("probe_nr=%s: %s", hole, strerror(-ret));
	INSTALL(.comm = "sdiag_runc_hole");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(1, 1);
}

TEST_F(filter_check, i386_only_flagged)
{
	struct casualties cas;

	if (sdiag_setup_skipped())
		return;

	i386_eperm_filter(self->c.filter);
	INSTALL_FLAGGED(SDIAG_COMPAT_ABI, &cas, .comm = "sdiag_i386");
	EXPECT_STREQ(SDIAG_COMPAT_ABI, cas.abi);
	EXPECT_LT(250u, cas.count);
}

/*
 * pread64 is 180 on i386 and arm alike, with entry points of other names
 * (sys_ia32_pread64, compat_sys_aarch32_pread64)
 */
#define I386_PREAD64 180

TEST_F(filter_check, casualties_named_like_syscalls)
{
	static const unsigned int nrs[] = { I386_PREAD64 };
	struct casualties cas;

	if (sdiag_setup_skipped())
		return;

	arch_eperm_filter(self->c.filter, SDIAG_COMPAT_AUDIT_ARCH,
			  self->c.probe, nrs, ARRAY_SIZE(nrs));
	INSTALL_FLAGGED(SDIAG_COMPAT_ABI, &cas, .comm = "sdiag_names");
	EXPECT_EQ(1u, cas.count);
	EXPECT_STREQ(" pread64", cas.names);
}

/*
 * i386 numbers whose entry points have other names: oldstat (18,
 * sys_stat), olduname (109, sys_uname), futex_time64 (422, sys_futex).
 */
TEST_F(filter_check, casualties_named_like_the_syscall_table)
{
	static const unsigned int nrs[] = { 18, 109, 422 };
	struct casualties cas;

	if (sdiag_setup_skipped())
		return;
	if (strcmp(SDIAG_COMPAT_ABI, "i386"))
		SDIAG_SKIP(return, "i386 numbers: no i386 ABI on %s", SDIAG_NATIVE_ABI);
	arch_eperm_filter(self->c.filter, AUDIT_ARCH_I386, self->c.probe, nrs,
			  ARRAY_SIZE(nrs));
	INSTALL_FLAGGED("i386", &cas, .comm = "sdiag_tblnames");
	EXPECT_EQ(3u, cas.count);
	EXPECT_STREQ(" oldstat olduname futex_time64", cas.names);
}

TEST_F(filter_check, prctl_path_flagged)
{
	struct casualties cas;

	if (sdiag_setup_skipped())
		return;

	sdiag_bpf_eperm(self->c.filter);
	INSTALL_FLAGGED(NULL, &cas, .comm = "sdiag_prctl", .method = VIA_PRCTL);
}

TEST_F(filter_check, tsync_reported_once)
{
	struct casualties cas;

	if (sdiag_setup_skipped())
		return;

	sdiag_bpf_eperm(self->c.filter);
	/* exactly one of each line, checked there */
	INSTALL_FLAGGED(NULL, &cas, .comm = "sdiag_tsync", .threads = 4,
			.flags = SECCOMP_FILTER_FLAG_TSYNC);
	EXPECT_EQ(2, sdiag_log_count_warnings(&self->c.log));
}

TEST_F(filter_check, tsync_failure_not_reported)
{
	struct sdiag_bpf *own = calloc(1, sizeof(*own));
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	ASSERT_NE(NULL, own);
	/* the diverging thread's own filter: checked, not flagged */
	sdiag_bpf_allowlist(own, NULL, 0, SECCOMP_RET_ALLOW);
	sdiag_bpf_eperm(self->c.filter);
	pid = INSTALL(.comm = "sdiag_tsync_fail", .threads = 2,
		      .thread_filter = own,
		      .flags = SECCOMP_FILTER_FLAG_TSYNC);
	free(own);
	ASSERT_LT(0, self->c.res->thread_tid)
		TH_LOG("thread filter: %s", strerror(-self->c.res->thread_tid));
	/* TSYNC names the thread it could not synchronize */
	ASSERT_EQ(self->c.res->thread_tid, self->c.res->ret);
	EXPECT_COUNTERS(1, 0);
	expect_no_warning(_metadata, &self->c, pid);
}

TEST_F_TIMEOUT(filter_check, stacked_enomem_not_reported, 180)
{
	struct enomem_result {
		int installed, fail_err, eperm_err;
		long eperm_ret;
	} *res = (void *)self->c.res;
	struct sdiag_bpf *eperm = calloc(1, sizeof(*eperm));
	struct casualties cas;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	ASSERT_LE(sizeof(*res), sizeof(*self->c.res));
	ASSERT_NE(NULL, eperm);
	/* 4000 instructions: 8 fit in the 32768 of a path, the 9th not */
	big_filter(self->c.filter, 4000, SECCOMP_RET_ALLOW);
	big_filter(eperm, 4000, SECCOMP_RET_ERRNO | EPERM);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		prctl(PR_SET_NAME, "sdiag_stacked", 0, 0, 0);
		while (res->installed < 32 && !sdiag_install(self->c.filter, 0))
			res->installed++;
		res->fail_err = errno;
		errno = 0;
		res->eperm_ret = sdiag_install(eperm, 0);
		res->eperm_err = errno;
		_exit(0);
	}
	ASSERT_EQ(0, sdiag_wait(pid));
	TH_LOG("%d filters of 4000 instructions stacked", res->installed);
	ASSERT_LE(2, res->installed);
	ASSERT_GT(32, res->installed);
	EXPECT_EQ(ENOMEM, res->fail_err);
	EXPECT_EQ(-1, res->eperm_ret);
	EXPECT_EQ(ENOMEM, res->eperm_err);
	/* one final verdict about the chain; the failed installs add none */
	EXPECT_COUNTERS(1, 0);
	expect_no_warning(_metadata, &self->c, pid);

	/* The same EPERM filter alone is attached, and flagged. */
	memcpy(self->c.filter, eperm, sizeof(*eperm));
	free(eperm);
	INSTALL_FLAGGED(NULL, &cas, .comm = "sdiag_stacked");
}

TEST_F(filter_check, check_off_stops_reports)
{
	char value[16];
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, sdiag_param_set("check", "0\n"));
	ASSERT_EQ(0, sdiag_param_read("check", value, sizeof(value)));
	ASSERT_STREQ("N", value);
	sdiag_bpf_eperm(self->c.filter);
	pid = INSTALL(.comm = "sdiag_check_off");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(0, 0);
	expect_no_warning(_metadata, &self->c, pid);

	/* and back on, filters are counted again */
	ASSERT_EQ(0, sdiag_param_set("check", "1"));
	pid = INSTALL(.comm = "sdiag_check_on");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(1, 1);
}

TEST_F(filter_check, probe_nr_changed_at_run_time)
{
	struct casualties cas;
	char value[32];
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	/* EPERM for 1000 only: not what the default probe number sees */
	eperm_for_nr_filter(self->c.filter, 1000);
	pid = INSTALL(.comm = "sdiag_probe");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(1, 0);
	expect_no_warning(_metadata, &self->c, pid);

	ASSERT_EQ(0, sdiag_param_set("probe_nr", "1000\n"));
	ASSERT_EQ(0, sdiag_param_read("probe_nr", value, sizeof(value)));
	ASSERT_STREQ("1000", value);
	make_room(_metadata, 1);
	pid = INSTALL(.comm = "sdiag_probe");
	ASSERT_EQ(0, self->c.res->ret);
	EXPECT_COUNTERS(2, 1);
	collect_log(_metadata, &self->c);
	/* x32 sees 1000 with the x32 bit: allowed */
	check_warning(_metadata, &self->c.log, pid, "sdiag_probe", 1000,
		      strcmp(SDIAG_ABIS, "x86_64,i386,x32") ? SDIAG_ABIS :
		      "x86_64,i386", &cas);
	EXPECT_EQ(0u, cas.count);
}

struct knob_write {
	const char *val;
	size_t len;	/* 0: strlen(val) */
};

#define BAD(s) { s, sizeof(s) - 1 }

/* Rejected by both knobs. */
static const struct knob_write bad_common[] = {
	BAD("garbage"), BAD("\n"), BAD("  1"), BAD("1 "), BAD(" 1\n"),
	BAD("1\n\n"), BAD("\t1"), BAD("-1"), BAD("+1"),
	BAD("99999999999999999999999999"), BAD("18446744073709551616"),
	BAD("0x40000000"), BAD("39"), BAD("1000x"), BAD("1,000"),
};

static const struct knob_write bad_check[] = {
	BAD("2"), BAD("yes"), BAD("YES"), BAD("No"), BAD("onn"), BAD("1000"),
};

static const struct knob_write bad_probe_nr[] = {
	/* read; the x32 bit alone and with 1000 */
	BAD("0"), BAD("4294967295"), BAD("1073741824"), BAD("1073742824"),
	/* no x32 bit, but negative as seccomp_data.nr */
	BAD("2147483648"), BAD("0x80000000"), BAD("0xffffffff"),
	BAD("4294967296"), BAD("0x"), BAD("y"), BAD("1e3"), BAD("0b101"),
};

static void expect_rejected(struct __test_metadata *_metadata,
			    const char *knob, const struct knob_write *w,
			    int n)
{
	char before[32], after[32];
	int i, ret;

	ASSERT_EQ(0, sdiag_param_read(knob, before, sizeof(before)));
	for (i = 0; i < n; i++) {
		ret = sdiag_param_write(knob, w[i].val, w[i].len);
		EXPECT_EQ(-EINVAL, ret)
			TH_LOG("%s accepted '%s' (%d)", knob, w[i].val, ret);
		ASSERT_EQ(0, sdiag_param_read(knob, after, sizeof(after)));
		EXPECT_STREQ(before, after)
			TH_LOG("%s changed by '%s'", knob, w[i].val);
	}
}

TEST_F(filter_check, bad_knob_writes_rejected)
{
	static const struct { const char *knob, *val, *reads; } good[] = {
		{ "check", "0", "N" }, { "check", "1\n", "Y" },
		{ "check", "N", "N" }, { "check", "Y\n", "Y" },
		{ "check", "n", "N" }, { "check", "y", "Y" },
		{ "check", "off", "N" }, { "check", "on\n", "Y" },
		{ "probe_nr", "1000", "1000" },
		{ "probe_nr", "2000\n", "2000" },
		{ "probe_nr", "0x3fffffff", "1073741823" },
		{ "probe_nr", "1048575", "1048575" },
		{ "count_errno", "1", "Y" }, { "count_errno", "on\n", "Y" },
		{ "count_errno", "off", "N" }, { "count_errno", "N\n", "N" },
	};
	static const struct {
		const char *knob;
		const struct knob_write *w;
		int n;
	} bad[] = {
		{ "check", bad_common, ARRAY_SIZE(bad_common) },
		{ "check", bad_check, ARRAY_SIZE(bad_check) },
		{ "count_errno", bad_common, ARRAY_SIZE(bad_common) },
		{ "count_errno", bad_check, ARRAY_SIZE(bad_check) },
		{ "probe_nr", bad_common, ARRAY_SIZE(bad_common) },
		{ "probe_nr", bad_probe_nr, ARRAY_SIZE(bad_probe_nr) },
	};
	char value[32], after[32];
	unsigned int i;

	if (sdiag_setup_skipped())
		return;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		expect_rejected(_metadata, bad[i].knob, bad[i].w, bad[i].n);

	/* A write of nothing never reaches the module: nothing changes. */
	for (i = 0; i < 3; i++) {
		const char *knob = i == 2 ? "count_errno" :
				   i ? "probe_nr" : "check";

		ASSERT_EQ(0, sdiag_param_read(knob, value, sizeof(value)));
		sdiag_param_write(knob, "", 0);
		ASSERT_EQ(0, sdiag_param_read(knob, after, sizeof(after)));
		EXPECT_STREQ(value, after);
	}

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		EXPECT_EQ(0, sdiag_param_set(good[i].knob, good[i].val))
			TH_LOG("%s rejected '%s'", good[i].knob, good[i].val);
		ASSERT_EQ(0, sdiag_param_read(good[i].knob, value,
					      sizeof(value)));
		EXPECT_STREQ(good[i].reads, value);
	}
}

static int write_knobs_as_nobody(void *arg)
{
	int *errs = arg;

	if (sdiag_become(SDIAG_NOBODY))
		return 2;
	errs[0] = -sdiag_param_set("check", "0");
	errs[1] = -sdiag_param_set("probe_nr", "1000");
	errs[2] = -sdiag_param_set("count_errno", "1");
	return 0;
}

TEST_F(filter_check, non_root_cannot_write_knobs)
{
	char check[2][16], probe[2][32], count[2][16];
	int *errs = (int *)self->c.res;

	if (sdiag_setup_skipped())
		return;

	ASSERT_EQ(0, sdiag_param_read("check", check[0], sizeof(check[0])));
	ASSERT_EQ(0, sdiag_param_read("probe_nr", probe[0], sizeof(probe[0])));
	ASSERT_EQ(0, sdiag_param_read("count_errno", count[0], sizeof(count[0])));
	ASSERT_EQ(0, sdiag_wait(sdiag_spawn(write_knobs_as_nobody, errs)));
	EXPECT_EQ(EACCES, errs[0])
		TH_LOG("check: %s", strerror(errs[0]));
	EXPECT_EQ(EACCES, errs[1])
		TH_LOG("probe_nr: %s", strerror(errs[1]));
	EXPECT_EQ(EACCES, errs[2])
		TH_LOG("count_errno: %s", strerror(errs[2]));
	ASSERT_EQ(0, sdiag_param_read("check", check[1], sizeof(check[1])));
	ASSERT_EQ(0, sdiag_param_read("probe_nr", probe[1], sizeof(probe[1])));
	ASSERT_EQ(0, sdiag_param_read("count_errno", count[1], sizeof(count[1])));
	EXPECT_STREQ(check[0], check[1]);
	EXPECT_STREQ(probe[0], probe[1]);
	EXPECT_STREQ(count[0], count[1]);
}

TEST_F(filter_check, comm_cannot_forge_log_lines)
{
	static const char * const comms[] = {
		"a\nseccomp_diag: x\x1b", "\x1b[1m\"\\\r\nz\x7f\xc3\xa9", };
	char comm[16];
	unsigned int i;
	int r;

	if (sdiag_setup_skipped())
		return;

	make_room(_metadata, 2);
	sdiag_bpf_eperm(self->c.filter);
	for (i = 0; i < 2; i++) {
		struct casualties cas;
		pid_t pid;

		/* what the kernel keeps of it: 15 bytes */
		snprintf(comm, sizeof(comm), "%s", comms[i]);
		pid = INSTALL(.comm = comms[i]);
		ASSERT_EQ(0, self->c.res->ret);
		collect_log(_metadata, &self->c);
		check_warning(_metadata, &self->c.log, pid, comm, self->c.probe,
			      NULL, &cas);
		for (r = 0; r < self->c.log.n; r++) {
			const char *msg = self->c.log.rec[r].msg;
			const char *c;

			EXPECT_NE(0, strncmp(msg, "seccomp_diag: x", 15))
				TH_LOG("forged: %s", msg);
			if (!sdiag_is_warning(msg))
				continue;
			for (c = msg; *c; c++)
				ASSERT_TRUE(*c >= 0x20 && *c < 0x7f)
					TH_LOG("raw byte 0x%02x in '%s'", (unsigned char)*c, msg);
		}
	}
}

/*
 * Whole chains: seccomp runs every filter, the lowest action wins and,
 * between two errnos, the newest filter's.  A child installs @n filters
 * in order and exits (or spins in user mode for @spin_ms first).
 */
struct stack_child {
	const struct sdiag_bpf *filters[4];
	int n;
	const char *comm;
	uid_t uid;
	int spin_ms;
	int *installed;
};

static int stack_child_fn(void *arg)
{
	struct stack_child *sc = arg;
	unsigned long long end;
	int i;

	if (prctl(PR_SET_NAME, sc->comm, 0, 0, 0))
		return 2;
	if (sc->uid && sdiag_become(sc->uid))
		return 3;
	for (i = 0; i < sc->n; i++)
		if (sdiag_install(sc->filters[i], 0))
			return 10 + i;
	if (sc->installed)
		__atomic_store_n(sc->installed, 1, __ATOMIC_SEQ_CST);
	/* user mode only: no syscall after the last install */
	if (sc->spin_ms) {
		end = now_usec() + sc->spin_ms * 1000ull;
		while (now_usec() < end)
			;
	}
	return 0;
}

static pid_t stack_install(struct __test_metadata *_metadata,
			   struct stack_child *sc)
{
	pid_t pid = sdiag_spawn(stack_child_fn, sc);

	EXPECT_LT(0, pid);
	EXPECT_EQ(0, sdiag_wait(pid)) TH_LOG("stacking child failed");
	return pid;
}

/* The module's quiet time before a verdict is final without exec or exit. */
#define SDIAG_QUIET_USEC	1000000ull

/* The filters the chain fixtures stack, and the casualty counter's start. */
enum chain_filter {
	CHAIN_EPERM,
	CHAIN_ENOSYS,
	CHAIN_ALLOW,
	CHAIN_FILTERS,
};

struct chain_filters {
	struct sdiag_bpf *bpf[CHAIN_FILTERS];
	long casualties;
};

static void chains_setup(struct __test_metadata *_metadata,
			 struct common *c, struct chain_filters *ch,
			 const void *variant)
{
	static const int seccomp_nr[] = { __NR_seccomp };
	int i;

	common_setup(_metadata, c, variant);
	if (sdiag_setup_skipped())
		return;
	for (i = 0; i < CHAIN_FILTERS; i++) {
		ch->bpf[i] = calloc(1, sizeof(*ch->bpf[i]));
		ASSERT_NE(NULL, ch->bpf[i]);
	}
	/* allow-lists that let the next install through, as bwrap's do */
	sdiag_bpf_allowlist(ch->bpf[CHAIN_EPERM], seccomp_nr, 1,
			    SECCOMP_RET_ERRNO | EPERM);
	sdiag_bpf_allowlist(ch->bpf[CHAIN_ENOSYS], seccomp_nr, 1,
			    SECCOMP_RET_ERRNO | SDIAG_ENOSYS);
	sdiag_bpf_allowlist(ch->bpf[CHAIN_ALLOW], NULL, 0, SECCOMP_RET_ALLOW);
	ch->casualties = sdiag_counter("filters_casualties");
	ASSERT_LE(0, ch->casualties) TH_LOG("no filters_casualties counter");
}

static void chains_teardown(struct common *c, struct chain_filters *ch)
{
	int i;

	for (i = 0; i < CHAIN_FILTERS; i++)
		free(ch->bpf[i]);
	common_teardown(c);
}

/* Chains of the filters above, installed in order by one task. */
FIXTURE(chain_order) {
	struct common c;
	struct chain_filters ch;
};

FIXTURE_VARIANT(chain_order) {
	enum chain_filter filters[4];
	int n;
	const char *comm;
	bool flagged;
};

/* bwrap --seccomp twice: the program inside gets ENOSYS, nothing to say. */
FIXTURE_VARIANT_ADD(chain_order, eperm_then_enosys_not_flagged) {
	.filters = { CHAIN_EPERM, CHAIN_ENOSYS }, .n = 2,
	.comm = "sdiag_bwrap",
};

FIXTURE_VARIANT_ADD(chain_order, enosys_then_eperm_flagged) {
	.filters = { CHAIN_ENOSYS, CHAIN_EPERM }, .n = 2,
	.comm = "sdiag_bwrap_rev", .flagged = true,
};

/* A newer filter that allows everything does not undo an older EPERM. */
FIXTURE_VARIANT_ADD(chain_order, old_eperm_under_allow_flagged) {
	.filters = { CHAIN_EPERM, CHAIN_ALLOW }, .n = 2,
	.comm = "sdiag_under", .flagged = true,
};

/* The same EPERM twice in one chain is one verdict. */
FIXTURE_VARIANT_ADD(chain_order, many_installs_one_verdict) {
	.filters = { CHAIN_ENOSYS, CHAIN_EPERM, CHAIN_ENOSYS, CHAIN_EPERM },
	.n = 4, .comm = "sdiag_four", .flagged = true,
};

FIXTURE_SETUP(chain_order)
{
	chains_setup(_metadata, &self->c, &self->ch, variant);
}

FIXTURE_TEARDOWN(chain_order)
{
	chains_teardown(&self->c, &self->ch);
}

TEST_F(chain_order, final_verdict)
{
	struct stack_child sc = { .n = variant->n, .comm = variant->comm };
	struct casualties cas;
	pid_t pid;
	int i;

	if (sdiag_setup_skipped())
		return;

	for (i = 0; i < variant->n; i++)
		sc.filters[i] = self->ch.bpf[variant->filters[i]];
	if (variant->flagged)
		make_room(_metadata, 1);
	pid = stack_install(_metadata, &sc);
	EXPECT_COUNTERS(1, variant->flagged);
	/* the reserved-number finding, or none: never a casualty finding */
	EXPECT_EQ(self->ch.casualties, sdiag_counter("filters_casualties"));
	if (!variant->flagged) {
		expect_no_warning(_metadata, &self->c, pid);
		EXPECT_EQ(NULL, casualty_line(&self->c.log, pid));
		return;
	}
	collect_log(_metadata, &self->c);
	check_warning(_metadata, &self->c.log, pid, variant->comm,
		      self->c.probe, NULL, &cas);
	/* one verdict for the chain, not one per filter */
	EXPECT_EQ(2, sdiag_log_count_warnings(&self->c.log));
}

/* Single filters, and what makes their verdict final. */
FIXTURE(chain) {
	struct common c;
	struct chain_filters ch;
};

FIXTURE_SETUP(chain)
{
	chains_setup(_metadata, &self->c, &self->ch, variant);
}

FIXTURE_TEARDOWN(chain)
{
	chains_teardown(&self->c, &self->ch);
}

/*
 * Run @fn(@sc) in a child (its pid in @pid) that says when it has
 * installed its filters, and wait up to 5 s from then for a verdict: the
 * flagged counter, and in @waited how long after the install it moved.
 */
static long spawn_until_verdict(struct __test_metadata *_metadata,
				struct common *c, int (*fn)(void *),
				struct stack_child *sc, pid_t *pid,
				unsigned long long *waited)
{
	unsigned long long start;
	long flagged = -1;

	sc->installed = sdiag_shared(sizeof(*sc->installed));
	ASSERT_NE(NULL, sc->installed);
	*pid = sdiag_spawn(fn, sc);
	ASSERT_LT(0, *pid);
	while (!__atomic_load_n(sc->installed, __ATOMIC_SEQ_CST))
		usleep(1000);
	start = now_usec();
	while ((*waited = now_usec() - start) < 5000000) {
		flagged = sdiag_counter("filters_flagged");
		if (flagged != c->flagged)
			break;
		usleep(20000);
	}
	return flagged;
}

/*
 * A task that stays in user mode after its last install: the verdict
 * comes after the quiet time (1 s), while it still runs.
 */
TEST_F(chain, quiet_time_makes_final)
{
	struct stack_child sc = {
		.filters = { self->c.filter }, .n = 1, .comm = "sdiag_quiet",
		.spin_ms = 6000,
	};
	unsigned long long waited;
	long flagged;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	/* clock_gettime() may need its syscall: only the probe number fails */
	eperm_for_nr_filter(self->c.filter, self->c.probe);
	flagged = spawn_until_verdict(_metadata, &self->c, stack_child_fn, &sc,
				      &pid, &waited);
	TH_LOG("verdict after %.2f s", waited / 1e6);
	EXPECT_EQ(self->c.flagged + 1, flagged)
		TH_LOG("no verdict while the task ran");
	/* the child still spins: the verdict did not wait for its exit */
	EXPECT_EQ(0, waitpid(pid, NULL, WNOHANG));
	ASSERT_EQ(0, sdiag_wait(pid));
	/* and its exit adds none */
	EXPECT_COUNTERS(1, 1);
}

/* Exec makes the verdict final: reported at once, about the installer. */
static int exec_child_fn(void *arg)
{
	struct stack_child *sc = arg;

	if (prctl(PR_SET_NAME, sc->comm, 0, 0, 0))
		return 2;
	if (sdiag_install(sc->filters[0], 0))
		return 3;
	__atomic_store_n(sc->installed, 1, __ATOMIC_SEQ_CST);
	execl("/bin/sleep", "sleep", "6", (char *)NULL);
	return 4;
}

TEST_F(chain, exec_makes_final)
{
	struct stack_child sc = {
		.filters = { self->c.filter }, .n = 1, .comm = "sdiag_exec",
	};
	unsigned long long waited;
	struct casualties cas;
	long flagged;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	if (access("/bin/sleep", X_OK))
		SKIP(return, "no /bin/sleep to exec");
	make_room(_metadata, 1);
	eperm_for_nr_filter(self->c.filter, self->c.probe);
	flagged = spawn_until_verdict(_metadata, &self->c, exec_child_fn, &sc,
				      &pid, &waited);
	TH_LOG("verdict %.2f s after the install", waited / 1e6);
	EXPECT_EQ(self->c.flagged + 1, flagged);
	/* sooner than the quiet time, while the new program runs */
	EXPECT_GT(SDIAG_QUIET_USEC, waited);
	EXPECT_EQ(0, waitpid(pid, NULL, WNOHANG));
	collect_log(_metadata, &self->c);
	/* named as the installer, not as the program it became */
	check_warning(_metadata, &self->c.log, pid, "sdiag_exec",
		      self->c.probe, NULL, &cas);
	kill(pid, SIGKILL);
	sdiag_wait(pid);
	EXPECT_COUNTERS(1, 1);
}

/* x32 where the kernel runs it, and where it does not. */
static int x32_switch(void)
{
	char buf[8];

	if (sdiag_read_file("/sys/module/syscall/parameters/x32", buf,
			    sizeof(buf)))
		return -1;
	return buf[0] == 'Y';
}

static void x32_eperm_filter(struct sdiag_bpf *f)
{
	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_ARCH_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 3, AUDIT_ARCH_X86_64);
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JSET | BPF_K, 0, 1, 0x40000000);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ERRNO | EPERM);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
}

#define X32_INFO_TAIL \
	"with EPERM on x32, an ABI this kernel has switched off: not a finding"

TEST_F(chain, x32_only_eperm)
{
	struct stack_child sc = {
		.filters = { self->c.filter }, .n = 1, .comm = "sdiag_x32",
	};
	struct casualties cas;
	int x32 = x32_switch();
	const char *info;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;

	if (x32 < 0)
		SKIP(return, "no x32 in this kernel");
	x32_eperm_filter(self->c.filter);
	/*
	 * A whole ratelimit window of jiffies, not only of printk time: on a
	 * debug kernel under emulation the timer ticks lag far behind, and
	 * the one line this test needs fell into the previous window.
	 */
	sleep(2 * SDIAG_RATELIMIT_USEC / 1000000 + 1);
	make_room(_metadata, 1);
	pid = stack_install(_metadata, &sc);
	collect_log(_metadata, &self->c);
	info = info_line(&self->c.log, pid);
	TH_LOG("x32 %s", x32 ? "on" : "off");
	if (x32) {
		EXPECT_COUNTERS(1, 1);
		check_warning(_metadata, &self->c.log, pid, "sdiag_x32",
			      self->c.probe, "x32", &cas);
		EXPECT_EQ(NULL, info);
	} else {
		EXPECT_COUNTERS(1, 0);
		EXPECT_EQ(NULL, sdiag_log_warning(&self->c.log, pid, true, NULL))
			TH_LOG("x32 is off: not a finding");
		ASSERT_NE(NULL, info) TH_LOG("no information line");
		EXPECT_NE(NULL, strstr(info, X32_INFO_TAIL))
			TH_LOG("got '%s'", info);
	}
	EXPECT_EQ(self->ch.casualties, sdiag_counter("filters_casualties"));
}

/*
 * One uid's flood must not hide another uid's verdict, and what was held
 * back is said with that uid's next line.
 */
#define RL_FLOODER	61001
#define RL_OTHER	61002
#define RL_FLOOD	15

TEST_F_TIMEOUT(chain, ratelimit_per_uid, 120)
{
	struct stack_child flood = {
		.filters = { self->ch.bpf[CHAIN_EPERM] }, .n = 1,
		.comm = "sdiag_rl_flood",
		.uid = RL_FLOODER,
	};
	struct stack_child other = flood;
	char tag[64];
	const char *line;
	int i, printed = 0, suppressed = -1;
	pid_t pid;

	if (sdiag_setup_skipped())
		return;
	other.comm = "sdiag_rl_other";
	other.uid = RL_OTHER;
	/* a fresh window for everybody, as the global limit was before */
	make_room(_metadata, SDIAG_RATELIMIT_BURST);
	collect_log(_metadata, &self->c);
	for (i = 0; i < RL_FLOOD; i++)
		stack_install(_metadata, &flood);
	pid = stack_install(_metadata, &other);
	EXPECT_COUNTERS(RL_FLOOD + 1, RL_FLOOD + 1);
	collect_log(_metadata, &self->c);
	EXPECT_NE(NULL, sdiag_log_warning(&self->c.log, pid, true, NULL))
		TH_LOG("uid %d's verdict hidden by uid %d's flood", RL_OTHER,
		       RL_FLOODER);
	for (i = 0; i < self->c.log.n; i++)
		if (sdiag_is_warning(self->c.log.rec[i].msg) &&
		    strstr(self->c.log.rec[i].msg, "\"sdiag_rl_flood\" pid ") &&
		    strstr(self->c.log.rec[i].msg, SDIAG_FIRST_LINE_MARK))
			printed++;
	TH_LOG("%d of %d flood verdicts printed", printed, RL_FLOOD);
	EXPECT_GE(SDIAG_RATELIMIT_BURST, printed);
	EXPECT_LT(0, printed);

	/* after the window, the flooder's next line comes with its count */
	usleep(SDIAG_RATELIMIT_USEC + SDIAG_RATELIMIT_SLACK);
	stack_install(_metadata, &flood);
	collect_log(_metadata, &self->c);
	snprintf(tag, sizeof(tag), "seccomp_diag: uid %d: ", RL_FLOODER);
	for (i = 0; i < self->c.log.n; i++) {
		line = self->c.log.rec[i].msg;
		if (!strncmp(line, tag, strlen(tag)))
			sscanf(line + strlen(tag), "%d more verdicts", &suppressed);
	}
	EXPECT_EQ(RL_FLOOD - printed, suppressed)
		TH_LOG("suppressed count not reported");
}

/*
 * Unprivileged users can install filters: 10,000 flagged installs by five
 * tasks are five final verdicts, within one uid's ratelimit burst per
 * window in the log, two lines per warning.
 */
#define FLOOD_CHILDREN		5
/* a stack of this many small filters stays below the path length limit */
#define FLOOD_PER_CHILD		2000
#define FLOOD_INSTALLS		(FLOOD_CHILDREN * FLOOD_PER_CHILD)

struct flood {
	int installed;
	int err;
};

static int flood_grandchild(void *arg)
{
	struct flood *fl = arg;
	static const int allowed[] = { __NR_seccomp };
	struct sdiag_bpf *f = malloc(sizeof(*f));
	int i;

	if (!f)
		return 2;
	/* EPERM by default, but the next install must get through */
	sdiag_bpf_allowlist(f, allowed, 1, SECCOMP_RET_ERRNO | EPERM);
	for (i = 0; i < FLOOD_PER_CHILD; i++) {
		if (sdiag_install(f, 0)) {
			fl->err = errno;
			return 3;
		}
		__atomic_add_fetch(&fl->installed, 1, __ATOMIC_SEQ_CST);
	}
	return 0;
}

/* All at once, so that the flood fits in few ratelimit windows. */
static int flood_child(void *arg)
{
	pid_t pids[FLOOD_CHILDREN];
	int i, ret, failed = 0;

	if (prctl(PR_SET_NAME, "sdiag_flood", 0, 0, 0) || sdiag_become(SDIAG_NOBODY))
		return 2;
	for (i = 0; i < FLOOD_CHILDREN; i++)
		pids[i] = sdiag_spawn(flood_grandchild, arg);
	for (i = 0; i < FLOOD_CHILDREN; i++) {
		ret = sdiag_wait(pids[i]);
		if (ret && !failed)
			failed = 10 + ret;
	}
	return failed;
}

TEST_F_TIMEOUT(filter_check, unprivileged_flood_is_ratelimited, 600)
{
	struct flood *fl = (struct flood *)self->c.res;
	unsigned long long start, elapsed;
	int lines, windows, ret;
	long checked;

	if (sdiag_setup_skipped())
		return;

	/* a fresh ratelimit window when the flood starts */
	make_room(_metadata, SDIAG_RATELIMIT_BURST);
	collect_log(_metadata, &self->c);
	self->c.checked = sdiag_counter("filters_checked");
	self->c.flagged = sdiag_counter("filters_flagged");

	start = now_usec();
	ret = sdiag_wait(sdiag_spawn(flood_child, fl));
	elapsed = now_usec() - start;
	ASSERT_EQ(0, ret)
		TH_LOG("flood stopped after %d installs: %s", fl->installed, strerror(fl->err));
	ASSERT_EQ(FLOOD_INSTALLS, fl->installed);
	/*
	 * One verdict per task about its whole chain, and one more each time
	 * a task went a second without installing (a slow, loaded machine).
	 */
	checked = sdiag_counter("filters_checked") - self->c.checked;
	EXPECT_LE(FLOOD_CHILDREN, checked);
	EXPECT_GE(FLOOD_INSTALLS, checked);
	EXPECT_EQ(checked, sdiag_counter("filters_flagged") - self->c.flagged);

	collect_log(_metadata, &self->c);
	lines = sdiag_log_count_warnings(&self->c.log);
	/* each 5 s window may start a new burst of 5 (10 lines) */
	windows = 1 + elapsed / SDIAG_RATELIMIT_USEC;
	TH_LOG("%d installs in %.1f s: %d warning lines, %d records",
	       FLOOD_INSTALLS, elapsed / 1e6, lines, self->c.log.n);
	EXPECT_LE(2, lines);
	EXPECT_GE(2 * SDIAG_RATELIMIT_BURST * windows + 2, lines);
	if (windows == 1)
		EXPECT_GE(12, lines);
}

/*
 * Verdicts reported at the same time, from tasks of different users (each
 * with a ratelimit of its own) exiting together on every CPU, never tear
 * apart or mix: among the module's lines, a verdict's first line is always
 * followed by its own second line.
 */
#define TOGETHER_USERS		6
#define TOGETHER_PER_USER	4

static int together_child(void *arg)
{
	int *gate = arg;
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	char go;

	if (!ctx || seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit_group), 0) ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(read), 0))
		return 1;
	if (read(gate[0], &go, 1) != 1)
		return 2;
	/* All install, then all exit: the verdicts come at once. */
	if (seccomp_load(ctx))
		return 3;
	syscall(SYS_exit_group, 0);
	return 4;
}

static int together_user(void *arg)
{
	int *gate = arg, i, failed = 0;
	pid_t pids[TOGETHER_PER_USER];

	for (i = 0; i < TOGETHER_PER_USER; i++)
		pids[i] = sdiag_spawn(together_child, gate);
	for (i = 0; i < TOGETHER_PER_USER; i++)
		failed |= pids[i] < 0 || sdiag_wait(pids[i]);
	return failed;
}

struct together {
	int gate[2];
	uid_t uid;
};

static int together_as(void *arg)
{
	struct together *t = arg;

	if (sdiag_become(t->uid))
		return 100;
	return together_user(t->gate);
}

TEST(verdicts_at_once_do_not_interleave)
{
	struct together t;
	struct sdiag_log log;
	pid_t users[TOGETHER_USERS];
	int kmsg, i, pairs = 0;
	char go[TOGETHER_USERS * TOGETHER_PER_USER];

	if (!sdiag_module_loaded())
		SKIP(return, "seccomp_diag not loaded");
	kmsg = sdiag_kmsg_open();
	ASSERT_LE(0, kmsg);
	ASSERT_EQ(0, pipe(t.gate));
	/* Users of their own, so that no earlier run spent their burst. */
	for (i = 0; i < TOGETHER_USERS; i++) {
		t.uid = 40000 + (getpid() % 1000) * TOGETHER_USERS + i;
		users[i] = sdiag_spawn(together_as, &t);
		ASSERT_LT(0, users[i]);
	}
	memset(go, 'g', sizeof(go));
	ASSERT_EQ((ssize_t)sizeof(go), write(t.gate[1], go, sizeof(go)));
	for (i = 0; i < TOGETHER_USERS; i++)
		EXPECT_EQ(0, sdiag_wait(users[i]));
	close(t.gate[0]);
	close(t.gate[1]);

	ASSERT_EQ(0, sdiag_log_collect(kmsg, &log));
	close(kmsg);
	for (i = 0; i < log.n; i++) {
		const char *first = log.rec[i].msg, *pid, *second = NULL;
		char head[64];
		int j, len;

		if (!sdiag_is_warning(first) || !strstr(first, SDIAG_FIRST_LINE_MARK))
			continue;
		/* The next line of the module's, whatever else came between. */
		for (j = i + 1; j < log.n && !second; j++)
			if (sdiag_is_warning(log.rec[j].msg))
				second = log.rec[j].msg;
		pid = strstr(first, "\" pid ");
		ASSERT_NE(NULL, pid);
		len = strcspn(pid + 6, " ");
		snprintf(head, sizeof(head), "\" pid %.*s: the filter answers ",
			 len, pid + 6);
		EXPECT_TRUE(second && strstr(second, head)) {
			TH_LOG("'%s' is followed by '%s'", first,
			       second ? second : "nothing");
		}
		pairs++;
	}
	sdiag_log_free(&log);
	TH_LOG("%d verdicts printed at once", pairs);
	/* The first of each user's burst is printed at least. */
	EXPECT_LE(TOGETHER_USERS, pairs);
}

TEST_HARNESS_MAIN
