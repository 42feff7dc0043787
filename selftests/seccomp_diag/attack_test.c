// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged user can try against seccomp_diag, and must not
 * achieve: blind it for the other users by parking tasks where its probes
 * wait (user notifications, supervisors in SECCOMP_IOCTL_NOTIF_RECV), make
 * its events say what the kernel never did (a reply buffer rewritten while
 * the kernel reads it), or make it report restart codes and count a
 * syscall twice (signals during a user-notification wait).
 *
 * The harness runs as root; every attack runs in a child that dropped to
 * uid/gid 65534 with no_new_privs, as any tenant of a shared host can.
 * Root only arms the module's events and reads its counters.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <grp.h>
#include <linux/userfaultfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <seccomp.h>

#include "sdiag_util.h"
#include "kselftest_harness.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#define EVENTS_DIR	"events/seccomp_diag"

/* More than the 4096 instances the errno probe had. */
#define PARKED_TASKS	4200
/* Far more than the 1024 install records the module once had. */
#define PARKED_INSTALLS	12000
/* More than the 1024 instances the notif probe had. */
#define RECV_WAITERS	1100
#define DENIALS		200
#define FORGE_ROUNDS	300
#define SIGNAL_ROUNDS	20

/*
 * A private tracefs instance with the module's events; "" when tracefs
 * or the events are missing.
 */
struct instance {
	char dir[256];
};

static int instance_write(const struct instance *in, const char *file,
			  const char *val)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", in->dir, file);
	return sdiag_write_file(path, val, strlen(val));
}

static int instance_open(struct instance *in)
{
	const char *top = sdiag_tracefs();
	char path[512];

	in->dir[0] = '\0';
	if (!top)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/" EVENTS_DIR "/seccomp_errno", top);
	if (access(path, F_OK))
		return -ENOENT;
	snprintf(in->dir, sizeof(in->dir), "%s/instances/sdiag_attack_%d",
		 top, getpid());
	if (mkdir(in->dir, 0700)) {
		in->dir[0] = '\0';
		return -errno;
	}
	instance_write(in, "buffer_size_kb", "2048");
	if (instance_write(in, EVENTS_DIR "/seccomp_errno/enable", "1") ||
	    instance_write(in, EVENTS_DIR "/notif_reply/enable", "1"))
		return -EIO;
	return 0;
}

static void instance_close(struct instance *in)
{
	if (!in->dir[0])
		return;
	instance_write(in, EVENTS_DIR "/seccomp_errno/enable", "0");
	instance_write(in, EVENTS_DIR "/notif_reply/enable", "0");
	rmdir(in->dir);
	in->dir[0] = '\0';
}

/* The instance's trace, or NULL; the caller frees it. */
static char *instance_read(const struct instance *in)
{
	size_t len = 0, size = 1 << 20;
	char path[512], *buf;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/trace", in->dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(size);
	while (buf && (n = read(fd, buf + len, size - len - 1)) > 0) {
		len += n;
		if (size - len < 4096) {
			size *= 2;
			buf = realloc(buf, size);
		}
	}
	close(fd);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/* The value of " key=" in @line up to the next blank, or NULL. */
static const char *field(const char *line, const char *key, char *buf,
			 size_t size)
{
	char pattern[32];
	const char *start, *end = strchr(line, '\n');
	size_t len;

	snprintf(pattern, sizeof(pattern), " %s=", key);
	start = strstr(line, pattern);
	if (!start || (end && start > end))
		return NULL;
	start += strlen(pattern);
	len = strcspn(start, "\n ");
	if (len >= size)
		len = size - 1;
	memcpy(buf, start, len);
	buf[len] = '\0';
	return buf;
}

static long field_long(const char *line, const char *key)
{
	char buf[64];

	return field(line, key, buf, sizeof(buf)) ?
	       strtol(buf, NULL, 0) : -99999;
}

/* Each line of @trace with event @name, in order, through @fn. */
static void each_event(const char *trace, const char *name,
		       void (*fn)(const char *line, void *arg), void *arg)
{
	char pattern[64];
	const char *line = trace;

	snprintf(pattern, sizeof(pattern), " %s:", name);
	while (line && *line) {
		const char *end = strchr(line, '\n');
		const char *hit = strstr(line, pattern);

		if (hit && (!end || hit < end))
			fn(hit, arg);
		line = end ? end + 1 : NULL;
	}
}

/* The module's events armed in @in; false when the test was skipped. */
static bool events_open(struct __test_metadata *_metadata,
			struct instance *in)
{
	int ret;

	if (!sdiag_module_loaded())
		SKIP(return false, "seccomp_diag not loaded");
	ret = instance_open(in);
	if (ret == -ENOENT)
		SKIP(return false, "no tracefs instances or no seccomp_diag events");
	ASSERT_EQ(0, ret);
	return true;
}

/* Disarm @in, then pass each of its events @name to @fn. */
static void events_close_each(struct __test_metadata *_metadata,
			      struct instance *in, const char *name,
			      void (*fn)(const char *line, void *arg),
			      void *arg)
{
	char *trace = instance_read(in);

	instance_close(in);
	ASSERT_NE(NULL, trace);
	each_event(trace, name, fn, arg);
	free(trace);
}

/* Start @fn(@arg) as nobody in a child: its pid, or -1. */
static pid_t spawn_nobody(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (!pid) {
		if (sdiag_become(SDIAG_NOBODY))
			_exit(100);
		_exit(fn(arg));
	}
	return pid;
}

/* Run @fn as nobody in a child: its exit status, or -1. */
static int as_nobody(int (*fn)(void *arg), void *arg)
{
	pid_t pid = spawn_nobody(fn, arg);
	int status;

	if (pid < 0)
		return -1;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * A listener for notifications of syscall @nr, for the calling thread.
 * Not libseccomp's: it keeps one listener per process.
 */
static int notif_filter(int nr)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 4, .filter = insns };

	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		       SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

static int errno_filter(int nr, int err)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int ret = -1;

	if (ctx && !seccomp_rule_add(ctx, SCMP_ACT_ERRNO(err), nr, 0) &&
	    !seccomp_load(ctx))
		ret = 0;
	seccomp_release(ctx);
	return ret;
}

/* An EPERM default for everything but what exiting needs. */
static int errno_filter_default(int err)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(err));
	int ret = -1;

	if (ctx && !seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit_group), 0) &&
	    !seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit), 0) &&
	    !seccomp_load(ctx))
		ret = 0;
	seccomp_release(ctx);
	return ret;
}

static long probes_missed_outcome(void)
{
	char buf[256], *p;

	if (sdiag_read_file(SDIAG_SYSFS "/probes_missed", buf, sizeof(buf)))
		return -1;
	p = strstr(buf, "outcome ");
	return p ? strtol(p + 8, NULL, 10) : -1;
}

/* Lets more tasks and threads be created than the guest's defaults. */
static void allow_tasks(int extra)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
	char buf[32];
	long max;

	setrlimit(RLIMIT_NPROC, &rl);
	if (!sdiag_read_file("/proc/sys/kernel/threads-max", buf, sizeof(buf))) {
		max = strtol(buf, NULL, 10);
		if (max < 2L * extra) {
			snprintf(buf, sizeof(buf), "%d", 2 * extra);
			sdiag_write_file("/proc/sys/kernel/threads-max", buf,
					 strlen(buf));
		}
	}
}

static pthread_t small_thread(void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_t thread;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN);
	if (pthread_create(&thread, &attr, fn, arg))
		thread = 0;
	pthread_attr_destroy(&attr);
	return thread;
}

/* ---- tasks parked in a user notification ---------------------------- */

static void *parked_main(void *arg)
{
	syscall(SYS_getppid);
	return NULL;
}

/*
 * Park PARKED_TASKS threads in a user notification nobody answers, then
 * tell the parent how many seccomp delivered, and wait to be killed.
 */
static int park_tasks(void *arg)
{
	int *pipefd = arg, listener, parked = 0, i;
	struct seccomp_notif req;

	close(pipefd[0]);
	listener = notif_filter(SYS_getppid);
	if (listener < 0)
		return 2;
	for (i = 0; i < PARKED_TASKS; i++)
		if (!small_thread(parked_main, NULL))
			break;
	/* Every notification received is a thread waiting in seccomp. */
	while (parked < i) {
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req))
			break;
		parked++;
	}
	if (write(pipefd[1], &parked, sizeof(parked)) != sizeof(parked))
		return 3;
	pause();
	return 0;
}

static int deny_many(void *arg)
{
	int i, denied = 0;

	/* getpgid, not getpgrp: arm64 has no getpgrp syscall. */
	if (errno_filter(SYS_getpgid, EACCES))
		return 2;
	for (i = 0; i < DENIALS; i++)
		if (syscall(SYS_getpgid, 0) == -1 && errno == EACCES)
			denied++;
	return denied == DENIALS ? 0 : 1;
}

TEST(parked_user_notifs_do_not_blind_errno_outcomes)
{
	long before, after, missed_before, missed_after;
	int pipefd[2], parked = 0, status;
	pid_t parker;

	if (!sdiag_module_loaded())
		SKIP(return, "seccomp_diag not loaded");
	allow_tasks(PARKED_TASKS + 100);
	ASSERT_EQ(0, sdiag_param_set("count_errno", "1"));
	ASSERT_EQ(0, pipe(pipefd));
	parker = spawn_nobody(park_tasks, pipefd);
	ASSERT_LE(0, parker);
	close(pipefd[1]);
	ASSERT_EQ((ssize_t)sizeof(parked), read(pipefd[0], &parked, sizeof(parked)));
	close(pipefd[0]);
	EXPECT_EQ(PARKED_TASKS, parked) {
		TH_LOG("only %d tasks could be parked", parked);
	}

	missed_before = probes_missed_outcome();
	before = sdiag_counter("errno_outcomes");
	EXPECT_EQ(0, as_nobody(deny_many, NULL));
	after = sdiag_counter("errno_outcomes");
	missed_after = probes_missed_outcome();

	kill(parker, SIGKILL);
	waitpid(parker, &status, 0);
	sdiag_param_set("count_errno", "0");
	EXPECT_EQ(DENIALS, after - before) {
		TH_LOG("%d tasks parked in seccomp by another user hid %ld of %d denials",
		       parked, DENIALS - (after - before), DENIALS);
	}
	EXPECT_EQ(missed_before, missed_after);
}

/* ---- tasks parked inside seccomp(2), in the copy of their filter ---- */

/*
 * A page the kernel blocks on when it copies from it: the filter's
 * instructions, behind a userfaultfd that nobody serves.  A tenant gets
 * the same from a FUSE file whose daemon never answers; userfaultfd needs
 * no daemon (the harness lets unprivileged users handle kernel faults).
 */
struct parked_install {
	struct sock_fprog prog;
	int uffd;
};

static void *parked_install_main(void *arg)
{
	struct parked_install *pi = arg;

	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &pi->prog);
	return NULL;
}

/*
 * Park PARKED_INSTALLS threads inside seccomp(SECCOMP_SET_MODE_FILTER),
 * each past the module's install probe and blocked copying its filter,
 * then tell the parent how many are parked, and wait to be killed.
 */
static int park_installs(void *arg)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	int *pipefd = arg, parked = 0, i;
	long page = sysconf(_SC_PAGESIZE);
	struct parked_install pi;
	struct uffd_msg msg;
	void *insns;

	close(pipefd[0]);
	pi.uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (pi.uffd < 0 || ioctl(pi.uffd, UFFDIO_API, &api))
		return 2;
	insns = mmap(NULL, page, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (insns == MAP_FAILED)
		return 2;
	reg.range.start = (unsigned long)insns;
	reg.range.len = page;
	if (ioctl(pi.uffd, UFFDIO_REGISTER, &reg))
		return 2;
	pi.prog.len = 1;
	pi.prog.filter = insns;
	for (i = 0; i < PARKED_INSTALLS; i++)
		if (!small_thread(parked_install_main, &pi))
			break;
	/* Every fault read is a thread blocked inside seccomp(). */
	while (parked < i &&
	       read(pi.uffd, &msg, sizeof(msg)) == sizeof(msg))
		parked++;
	if (write(pipefd[1], &parked, sizeof(parked)) != sizeof(parked))
		return 3;
	pause();
	return 0;
}

/* Another tenant: uid 65533, an EPERM default. */
static int install_eperm_as_other(void *arg)
{
	if (sdiag_become(SDIAG_NOBODY - 1))
		return 100;
	return errno_filter_default(EPERM) ? 1 : 0;
}

static long probes_missed_check(void)
{
	char buf[256];
	long check;

	if (sdiag_read_file(SDIAG_SYSFS "/probes_missed", buf, sizeof(buf)) ||
	    sscanf(buf, "check %ld", &check) != 1)
		return -1;
	return check;
}

/* Starting 12,000 threads takes time under emulation: the workload's own. */
FIXTURE(parked_installs) {};
FIXTURE_SETUP(parked_installs) {}
FIXTURE_TEARDOWN(parked_installs) {}

TEST_F_TIMEOUT(parked_installs, do_not_blind_other_users_checks, 240)
{
	static const char knob[] = "/proc/sys/vm/unprivileged_userfaultfd";
	long checked, flagged, missed;
	int pipefd[2], parked = 0, status;
	char saved[8] = "";
	pid_t parker, other;

	if (!sdiag_module_loaded())
		SKIP(return, "seccomp_diag not loaded");
	if (syscall(SYS_userfaultfd, O_CLOEXEC) < 0 && errno == ENOSYS)
		SKIP(return, "no userfaultfd in this kernel");
	if (sdiag_read_file(knob, saved, sizeof(saved)) ||
	    sdiag_write_file(knob, "1", 1))
		SKIP(return, "cannot let unprivileged users handle kernel faults (%s)",
		     knob);
	allow_tasks(PARKED_INSTALLS + 100);
	ASSERT_EQ(0, sdiag_param_set("check", "1"));
	ASSERT_EQ(0, pipe(pipefd));
	parker = spawn_nobody(park_installs, pipefd);
	ASSERT_LE(0, parker);
	close(pipefd[1]);
	ASSERT_EQ((ssize_t)sizeof(parked), read(pipefd[0], &parked, sizeof(parked)));
	close(pipefd[0]);
	sdiag_write_file(knob, saved, strlen(saved));
	EXPECT_EQ(PARKED_INSTALLS, parked) {
		TH_LOG("only %d tasks could be parked", parked);
	}

	missed = probes_missed_check();
	checked = sdiag_counter("filters_checked");
	flagged = sdiag_counter("filters_flagged");
	other = fork();
	ASSERT_LE(0, other);
	if (!other)
		_exit(install_eperm_as_other(NULL));
	ASSERT_EQ(other, waitpid(other, &status, 0));
	/* Its verdict is final at exit, before the parent sees the exit. */
	EXPECT_EQ(checked + 1, sdiag_counter("filters_checked")) {
		TH_LOG("%d tasks of uid %d parked in seccomp() hid another user's install",
		       parked, SDIAG_NOBODY);
	}
	EXPECT_EQ(flagged + 1, sdiag_counter("filters_flagged"));
	EXPECT_EQ(missed, probes_missed_check());

	kill(parker, SIGKILL);
	waitpid(parker, &status, 0);
}

/* ---- supervisors waiting in SECCOMP_IOCTL_NOTIF_RECV ----------------- */

static atomic_int recv_waiting;

static void *recv_main(void *arg)
{
	struct seccomp_notif req;

	memset(&req, 0, sizeof(req));
	atomic_fetch_add(&recv_waiting, 1);
	ioctl(*(int *)arg, SECCOMP_IOCTL_NOTIF_RECV, &req);
	return NULL;
}

struct target {
	int nr;
	int listener;
	int ready[2];
	pid_t tid;
	int err;
	int rounds;
	int *errs;		/* errno of each round */
	int go;			/* a pipe to wait on before the syscalls, or 0 */
};

static void *target_main(void *arg)
{
	struct target *t = arg;
	char ok;
	int i;

	t->tid = gettid();
	t->listener = notif_filter(t->nr);
	ok = t->listener >= 0;
	if (write(t->ready[1], &ok, 1) != 1 || !ok)
		return NULL;
	if (t->go && read(t->go, &ok, 1) != 1)
		return NULL;
	for (i = 0; i < (t->rounds ? t->rounds : 1); i++) {
		errno = 0;
		syscall(t->nr);
		t->err = errno;
		if (t->errs)
			t->errs[i] = errno;
	}
	return NULL;
}

static int target_start(struct target *t, pthread_t *thread)
{
	char ok = 0;

	if (pipe(t->ready) || pthread_create(thread, NULL, target_main, t) ||
	    read(t->ready[0], &ok, 1) != 1 || !ok)
		return -1;
	return 0;
}

static int recv_one(int listener, struct seccomp_notif *req)
{
	memset(req, 0, sizeof(*req));
	return ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) ? -errno : 0;
}

static int send_one(int listener, __u64 id, int error)
{
	struct seccomp_notif_resp resp = { .id = id, .error = error };

	return ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) ? -errno : 0;
}

/*
 * RECV_WAITERS supervisor threads wait on an idle listener while another
 * answers a real notification.
 */
static int recv_waiters(void *arg)
{
	struct target t = { .nr = SYS_getppid };
	struct seccomp_notif req;
	int idle, i, go[2];
	pthread_t thread;

	/*
	 * The target's listener first: a chain holds one listener at most,
	 * and only threads created later inherit the idle one.
	 */
	if (pipe(go))
		return 2;
	t.go = go[0];
	if (target_start(&t, &thread))
		return 2;
	/* A listener nothing will ever notify. */
	idle = notif_filter(SYS_vhangup);
	if (idle < 0)
		return 2;
	for (i = 0; i < RECV_WAITERS; i++)
		if (!small_thread(recv_main, &idle))
			return 3;
	while (atomic_load(&recv_waiting) < RECV_WAITERS)
		usleep(10000);
	/* Let the last ones get into the ioctl. */
	usleep(500000);
	if (write(go[1], "", 1) != 1 || recv_one(t.listener, &req) ||
	    send_one(t.listener, req.id, -EACCES))
		return 4;
	pthread_join(thread, NULL);
	return t.err == EACCES ? 0 : 5;
}

struct count {
	int n;
	long want_error;
};

static void count_reply(const char *line, void *arg)
{
	struct count *c = arg;

	if (field_long(line, "error") == c->want_error &&
	    field_long(line, "nr") == SYS_getppid)
		c->n++;
}

TEST(recv_waiters_do_not_blind_notif_replies)
{
	struct instance in;
	struct count c = { .want_error = -EACCES };

	if (!events_open(_metadata, &in))
		return;
	allow_tasks(RECV_WAITERS + 100);
	EXPECT_EQ(0, as_nobody(recv_waiters, NULL));
	events_close_each(_metadata, &in, "notif_reply", count_reply, &c);
	EXPECT_EQ(1, c.n) {
		TH_LOG("%d threads waiting in RECV hid the reply", RECV_WAITERS);
	}
}

/* ---- another supervisor's notifications flood the bookkeeping -------- */

#define FLOOD_NOTIFS	300

/* FLOOD_NOTIFS threads notify; the supervisor receives them all. */
static int flood_recv(void *arg)
{
	int *pipefd = arg, listener, got = 0, i;
	struct seccomp_notif req;

	close(pipefd[0]);
	listener = notif_filter(SYS_getppid);
	if (listener < 0)
		return 2;
	for (i = 0; i < FLOOD_NOTIFS; i++)
		if (!small_thread(parked_main, NULL))
			return 3;
	while (got < FLOOD_NOTIFS && !recv_one(listener, &req))
		got++;
	if (write(pipefd[1], &got, sizeof(got)) != sizeof(got))
		return 4;
	pause();
	return 0;
}

struct reply_seen {
	pid_t target;
	int n, right;
};

static void check_target(const char *line, void *arg)
{
	struct reply_seen *r = arg;

	if (field_long(line, "error") != -EACCES)
		return;
	r->n++;
	if (field_long(line, "target") == r->target &&
	    field_long(line, "nr") == SYS_getppid)
		r->right++;
}

/*
 * Between a victim's RECV and its reply, another user's supervisor
 * receives FLOOD_NOTIFS notifications: the victim's reply must still name
 * its target and syscall.
 */
TEST(recv_flood_does_not_evict_other_supervisors)
{
	struct target t = { .nr = SYS_getppid };
	struct reply_seen r = { 0 };
	struct seccomp_notif req;
	int pipefd[2], got = 0, status;
	struct instance in;
	pthread_t thread;
	pid_t flooder;

	if (!events_open(_metadata, &in))
		return;
	ASSERT_EQ(0, target_start(&t, &thread));
	ASSERT_EQ(0, recv_one(t.listener, &req));

	ASSERT_EQ(0, pipe(pipefd));
	flooder = spawn_nobody(flood_recv, pipefd);
	ASSERT_LE(0, flooder);
	close(pipefd[1]);
	EXPECT_EQ((ssize_t)sizeof(got), read(pipefd[0], &got, sizeof(got)));
	close(pipefd[0]);
	EXPECT_EQ(FLOOD_NOTIFS, got);

	EXPECT_EQ(0, send_one(t.listener, req.id, -EACCES));
	pthread_join(thread, NULL);
	kill(flooder, SIGKILL);
	waitpid(flooder, &status, 0);
	r.target = t.tid;
	events_close_each(_metadata, &in, "notif_reply", check_target, &r);
	EXPECT_EQ(EACCES, t.err);
	EXPECT_EQ(1, r.n);
	EXPECT_EQ(1, r.right) {
		TH_LOG("another supervisor's %d notifications made the reply lose its target",
		       FLOOD_NOTIFS);
	}
}

/* ---- a reply buffer rewritten while the kernel reads it -------------- */

/*
 * The reply is one page of a memfd mapped twice: the supervisor sends it
 * from the first mapping, the forger rewrites it through the second.
 * Unmapping the first before each SEND makes any non-faulting read of it
 * fail until the kernel's own read maps it again: a reader that then
 * reads the buffer once more sees the forger's latest word, not the reply
 * the kernel took.
 */
static struct seccomp_notif_resp *forge_view;
static atomic_int forging;

/* Flips the reply between two errors, each held for a short while. */
static void *forger_main(void *arg)
{
	unsigned int n = 0;
	int spin;

	while (atomic_load(&forging)) {
		__atomic_store_n(&forge_view->error, n++ & 1 ? -EPERM : -EACCES,
				 __ATOMIC_RELAXED);
		for (spin = 0; spin < 200; spin++)
			atomic_load(&forging);
	}
	return NULL;
}

/*
 * Answers FORGE_ROUNDS notifications with the forger at work; writes, per
 * round, the id and the errno the target got, to @arg's pipe.
 */
static int forge_replies(void *arg)
{
	int *pipefd = arg, errs[FORGE_ROUNDS], i, fd;
	struct target t = { .nr = SYS_getppid, .rounds = FORGE_ROUNDS,
			    .errs = errs };
	struct seccomp_notif_resp *resp;
	struct seccomp_notif req;
	pthread_t thread, forger;
	__u64 ids[FORGE_ROUNDS];
	long page = sysconf(_SC_PAGESIZE);

	close(pipefd[0]);
	fd = memfd_create("sdiag_reply", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, page))
		return 2;
	resp = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	forge_view = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (resp == MAP_FAILED || forge_view == MAP_FAILED)
		return 2;
	if (target_start(&t, &thread))
		return 2;
	atomic_store(&forging, 1);
	if (pthread_create(&forger, NULL, forger_main, NULL))
		return 3;
	for (i = 0; i < FORGE_ROUNDS; i++) {
		if (recv_one(t.listener, &req))
			return 4;
		ids[i] = req.id;
		forge_view->id = req.id;
		forge_view->flags = 0;
		forge_view->val = 0;
		madvise(resp, page, MADV_DONTNEED);
		ioctl(t.listener, SECCOMP_IOCTL_NOTIF_SEND, resp);
	}
	pthread_join(thread, NULL);
	atomic_store(&forging, 0);
	pthread_join(forger, NULL);
	for (i = 0; i < FORGE_ROUNDS; i++)
		if (write(pipefd[1], &ids[i], sizeof(ids[i])) != sizeof(ids[i]) ||
		    write(pipefd[1], &errs[i], sizeof(errs[i])) != sizeof(errs[i]))
			return 5;
	return 0;
}

struct forged {
	__u64 ids[FORGE_ROUNDS];
	int errs[FORGE_ROUNDS];
	int seen, wrong;
};

static void check_forged(const char *line, void *arg)
{
	struct forged *f = arg;
	__u64 id = strtoull(strstr(line, " id=") + 4, NULL, 0);
	int i;

	for (i = 0; i < FORGE_ROUNDS; i++) {
		if (f->ids[i] != id)
			continue;
		f->seen++;
		if (-field_long(line, "error") != f->errs[i])
			f->wrong++;
		return;
	}
}

TEST(forged_reply_shows_what_the_kernel_applied)
{
	struct forged f = { 0 };
	struct instance in;
	int pipefd[2], i, status;
	pid_t pid;

	if (!events_open(_metadata, &in))
		return;
	ASSERT_EQ(0, pipe(pipefd));
	pid = spawn_nobody(forge_replies, pipefd);
	ASSERT_LE(0, pid);
	close(pipefd[1]);
	for (i = 0; i < FORGE_ROUNDS; i++)
		if (read(pipefd[0], &f.ids[i], sizeof(f.ids[i])) != sizeof(f.ids[i]) ||
		    read(pipefd[0], &f.errs[i], sizeof(f.errs[i])) != sizeof(f.errs[i]))
			break;
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	events_close_each(_metadata, &in, "notif_reply", check_forged, &f);
	ASSERT_EQ(FORGE_ROUNDS, i);
	ASSERT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(FORGE_ROUNDS, f.seen);
	EXPECT_EQ(0, f.wrong) {
		TH_LOG("%d of %d notif_reply events showed an error the target never got",
		       f.wrong, f.seen);
	}
}

/* ---- signals during a user-notification wait -------------------------- */

static void on_usr1(int sig)
{
}

/*
 * Each round: the target waits for its supervisor, a signal interrupts
 * the wait (SA_RESTART: the syscall restarts and notifies again), then
 * the supervisor answers the new notification with EPERM.
 */
static int signal_rounds(void *arg)
{
	int errs[SIGNAL_ROUNDS], i;
	struct target t = { .nr = SYS_getppid, .rounds = SIGNAL_ROUNDS,
			    .errs = errs };
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct seccomp_notif req;
	pthread_t thread;

	if (sigaction(SIGUSR1, &sa, NULL) || target_start(&t, &thread))
		return 2;
	for (i = 0; i < SIGNAL_ROUNDS; i++) {
		if (recv_one(t.listener, &req))
			return 3;
		/* Make sure the target sleeps, then interrupt it. */
		usleep(20000);
		syscall(SYS_tgkill, getpid(), t.tid, SIGUSR1);
		if (recv_one(t.listener, &req))
			return 4;
		if (send_one(t.listener, req.id, -EPERM))
			return 5;
	}
	pthread_join(thread, NULL);
	for (i = 0; i < SIGNAL_ROUNDS; i++)
		if (errs[i] != EPERM)
			return 6;
	return 0;
}

struct outcomes {
	pid_t tgid;
	int eperm, other;
};

static void count_outcome(const char *line, void *arg)
{
	struct outcomes *o = arg;

	if (field_long(line, "tgid") != o->tgid)
		return;
	if (field_long(line, "err") == EPERM)
		o->eperm++;
	else
		o->other++;
}

TEST(signal_during_notif_wait_is_no_errno)
{
	struct outcomes o = { 0 };
	struct instance in;
	long before, after;
	int status;
	pid_t pid;

	if (!events_open(_metadata, &in))
		return;
	before = sdiag_counter("errno_outcomes");
	pid = spawn_nobody(signal_rounds, NULL);
	ASSERT_LE(0, pid);
	waitpid(pid, &status, 0);
	after = sdiag_counter("errno_outcomes");
	o.tgid = pid;
	events_close_each(_metadata, &in, "seccomp_errno", count_outcome, &o);
	ASSERT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(0, o.other) {
		TH_LOG("%d seccomp_errno events for interrupted waits (restart codes?)",
		       o.other);
	}
	EXPECT_EQ(SIGNAL_ROUNDS, o.eperm);
	EXPECT_EQ(SIGNAL_ROUNDS, after - before);
}

/* ---- filters created and freed one after the other ------------------ */

/*
 * The module remembers each chain's answers (answers.c) and forgets them
 * when seccomp frees the chain's program.  A tenant churns filters: each
 * thread installs its own, calls, exits, and the next one's answer is the
 * opposite.  vmalloc hands a freed program's address to a new one only
 * after a lazy purge, so this cannot force an address to come back; it
 * checks that whatever the module remembered, every event says what the
 * thread that made the call got.
 */
#define REUSED_FILTERS	500
#define REUSED_CALLS	2

/* What each thread of reuse_filters() got, in memory the parent shares. */
struct reused {
	struct {
		pid_t tid;
		int err[REUSED_CALLS];
	} t[REUSED_FILTERS];
};

static struct reused *reused_view;
static int reused_index;

/* The calling thread's own filter: getppid fails with @err. */
static int getppid_errno_filter(int err)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | err),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = ARRAY_SIZE(insns), .filter = insns };

	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

static void *reused_main(void *arg)
{
	int i = reused_index, j;

	reused_view->t[i].tid = gettid();
	if (getppid_errno_filter(i % 2 ? EACCES : EPERM))
		return (void *)1;
	for (j = 0; j < REUSED_CALLS; j++) {
		errno = 0;
		syscall(SYS_getppid);
		reused_view->t[i].err[j] = errno;
	}
	return NULL;
}

/* Threads one after the other, each freeing its filter as it exits. */
static int reuse_filters(void *arg)
{
	pthread_t thread;
	void *ret;
	int i;

	for (i = 0; i < REUSED_FILTERS; i++) {
		reused_index = i;
		thread = small_thread(reused_main, NULL);
		if (!thread)
			return 1;
		if (pthread_join(thread, &ret) || ret)
			return 2;
	}
	return 0;
}

struct reuse_check {
	int *thread_of;		/* by tid: index in reused_view, -1 none */
	long pid_max;
	int matched, lied, unknown;
	char first_lie[256];
};

static void check_reused(const char *line, void *arg)
{
	struct reuse_check *rc = arg;
	long tid = field_long(line, "pid"), err = field_long(line, "err");
	int i;

	if (tid <= 0 || tid >= rc->pid_max || rc->thread_of[tid] < 0) {
		rc->unknown++;
		return;
	}
	i = rc->thread_of[tid];
	if (err == (i % 2 ? EACCES : EPERM)) {
		rc->matched++;
		return;
	}
	if (!rc->lied++)
		snprintf(rc->first_lie, sizeof(rc->first_lie),
			 "thread %d got %s, its event says %.*s", i,
			 i % 2 ? "EACCES" : "EPERM",
			 (int)strcspn(line, "\n"), line);
}

/* Each new chain has its table built: slow under KASAN and emulation. */
FIXTURE(churned_filters) {};
FIXTURE_SETUP(churned_filters) {}
FIXTURE_TEARDOWN(churned_filters) {}

TEST_F_TIMEOUT(churned_filters, events_say_what_each_thread_got, 240)
{
	struct reuse_check rc = { 0 };
	struct instance in;
	char buf[32];
	int i, j, status;
	pid_t pid;

	if (sdiag_read_file("/proc/sys/kernel/pid_max", buf, sizeof(buf)))
		SKIP(return, "no /proc/sys/kernel/pid_max");
	rc.pid_max = strtol(buf, NULL, 10);
	rc.thread_of = malloc(rc.pid_max * sizeof(*rc.thread_of));
	ASSERT_NE(NULL, rc.thread_of);
	reused_view = sdiag_shared(sizeof(*reused_view));
	ASSERT_NE(NULL, reused_view);
	if (!events_open(_metadata, &in))
		return;
	instance_write(&in, "buffer_size_kb", "8192");
	pid = spawn_nobody(reuse_filters, NULL);
	ASSERT_LE(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status) {
		TH_LOG("the tenant could not run its %d filters", REUSED_FILTERS);
	}

	/* A tid the pid counter wrapped around to tells nothing. */
	memset(rc.thread_of, 0xff, rc.pid_max * sizeof(*rc.thread_of));
	for (i = 0; i < REUSED_FILTERS; i++) {
		pid_t tid = reused_view->t[i].tid;

		for (j = 0; j < REUSED_CALLS; j++)
			ASSERT_EQ(i % 2 ? EACCES : EPERM, reused_view->t[i].err[j]);
		ASSERT_LT(0, tid);
		ASSERT_GT(rc.pid_max, tid);
		rc.thread_of[tid] = rc.thread_of[tid] == -1 ? i : -2;
	}
	events_close_each(_metadata, &in, "seccomp_errno", check_reused, &rc);
	TH_LOG("%d events matched, %d lied, %d of unknown threads",
	       rc.matched, rc.lied, rc.unknown);
	EXPECT_EQ(0, rc.lied) {
		TH_LOG("%s", rc.first_lie);
	}
	/* One event per call: none lost, none made up. */
	EXPECT_EQ(REUSED_FILTERS * REUSED_CALLS,
		  rc.matched + rc.lied + rc.unknown);
	free(rc.thread_of);
	munmap(reused_view, sizeof(*reused_view));
}

/* ---- what the module shows, and to whom ------------------------------ */

static const char * const counters[] = {
	"filters_checked", "filters_flagged", "errno_outcomes", "probes_missed",
};

static int read_counters(void *arg)
{
	char path[128], buf[64];
	int i, readable = 0;

	for (i = 0; i < (int)ARRAY_SIZE(counters); i++) {
		snprintf(path, sizeof(path), SDIAG_SYSFS "/%s", counters[i]);
		if (sdiag_read_file(path, buf, sizeof(buf)) != -EACCES)
			readable++;
	}
	return readable;
}

/* The counters tell what every tenant's sandboxes do: root's only. */
TEST(counters_are_root_only)
{
	char path[128];
	struct stat st;
	int i;

	if (!sdiag_module_loaded())
		SKIP(return, "seccomp_diag not loaded");
	for (i = 0; i < (int)ARRAY_SIZE(counters); i++) {
		snprintf(path, sizeof(path), SDIAG_SYSFS "/%s", counters[i]);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_EQ(0400, (int)(st.st_mode & 07777)) {
			TH_LOG("%s has mode %o", counters[i], st.st_mode & 07777);
		}
	}
	EXPECT_EQ(0, as_nobody(read_counters, NULL)) {
		TH_LOG("uid %d could read the counters", SDIAG_NOBODY);
	}
}

/* Decimal or hex, as documented: a leading 0 is no octal prefix. */
TEST(probe_nr_refuses_octal)
{
	static const char * const bad[] = { "010", "04000000", "00", "0x0x10" };
	char before[32], after[32];
	int i;

	if (!sdiag_module_loaded())
		SKIP(return, "seccomp_diag not loaded");
	ASSERT_EQ(0, sdiag_param_read("probe_nr", before, sizeof(before)));
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(-EINVAL, sdiag_param_set("probe_nr", bad[i])) {
			TH_LOG("probe_nr took '%s'", bad[i]);
		}
		ASSERT_EQ(0, sdiag_param_read("probe_nr", after, sizeof(after)));
		EXPECT_STREQ(before, after);
	}
	ASSERT_EQ(0, sdiag_param_set("probe_nr", "0xffffe"));
	ASSERT_EQ(0, sdiag_param_read("probe_nr", after, sizeof(after)));
	EXPECT_STREQ("1048574", after);
	ASSERT_EQ(0, sdiag_param_set("probe_nr", before));
}

TEST_HARNESS_MAIN
