// SPDX-License-Identifier: GPL-2.0
/*
 * Stress seccomp_diag while it is loaded, unloaded and reloaded.
 *
 * For SECONDS, and on until every kind of work below was done (twice for
 * the reloads and the event toggles, however slow the machine), at once:
 * worker processes installing filters (EPERM
 * and ENOSYS defaults, TSYNC, NEW_LISTENER) and making allowed and denied
 * syscalls, a user-notification supervisor answering with errors and
 * CONTINUE, the module's trace events and count_errno switched on and
 * off, and the module unloaded and reloaded with kmod's rmmod and insmod.
 * Attack jobs run as uid 65534: tasks parked in user notifications nobody
 * answers, supervisors waiting in RECV, and waits interrupted by signals;
 * no probe may miss anything meanwhile.
 *
 * The module must never change an answer, so every syscall result is
 * checked.  Its counters start from zero at each load; it counts final
 * verdicts about a task's chain (at exit, or after a quiet second), so
 * each load's filters_checked is bounded: at least the jobs that installed
 * and were reaped while it was surely loaded (less the missed probes), at
 * most the installs that could have overlapped the load.  A job's final
 * chain is flagged when its last filter answers EPERM.  Installs and
 * denied syscalls note a load phase before and after the syscall: phase
 * 2k+1 means load k has finished insmod and its counters are not yet
 * read, phase 2k+2 that they are being read and the module unloaded.
 *
 * Not a kselftest (it loads and unloads the module itself, for minutes):
 * scripts/stress builds it and runs it in the VM.
 * Usage: stress MODULE.ko SECONDS [WORKERS]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "kselftest.h"

#define SYSFS_DIR	"/sys/kernel/seccomp_diag"
#define PARAMS_DIR	"/sys/module/seccomp_diag/parameters"
#define EVENTS_ENABLE	"/sys/kernel/tracing/events/seccomp_diag/enable"
#define MAX_LOADS	4000
#define MAX_PHASES	(2 * MAX_LOADS + 4)
#define FILTERS_PER_JOB	40
#define UNKNOWN_NR	1500	/* no syscall has this number */
#define JOB_TIMEOUT_S	60
#define ATTACK_PARKED	200	/* threads parked in a user notification */
#define ATTACK_RECV	100	/* supervisor threads waiting in RECV */
#define ATTACK_SIGNALS	10	/* interrupted waits, then an EPERM reply */
#define NOBODY		65534

/* Syscalls that ran, by the load phases seen before and after them. */
struct tally {
	long total;
	long by_start[MAX_PHASES];
	long by_end[MAX_PHASES];
	long whole[MAX_PHASES];		/* started and ended in one phase */
};

/* What the module showed at the end of one load. */
struct load_counters {
	long checked, flagged, errno_outcomes;
	long missed_check, missed_outcome, nested_notif;
};

/* Shared by the stress process and its job processes. */
struct shared {
	int phase;
	int stop;
	struct tally installs;
	struct tally eperm_installs;
	struct tally jobs_judged;	/* installed, then reaped */
	struct tally jobs_flagged;	/* of those, the last filter EPERM */
	int job_first[16];		/* phase of a job's first install */
	int job_last_err[16];		/* errno of its last filter, or 0 */
	struct tally errnos;
	long tsync_installs, listener_installs;
	long allowed, denied, wrong_answers, install_errors;
	long replies_error, replies_continue, notif_mismatch;
	long jobs, job_failures;
	long attacks, attack_parked, attack_interrupted;
	struct load_counters loads[MAX_LOADS];
	int nr_loads;
	long insmod_failures, rmmod_busy, rmmod_failures;
	long toggles;
};

static struct shared *sh;
static const char *module_path;
static int job_slot;	/* in a job process: its worker's index */

static void add(long *counter, long n)
{
	__atomic_add_fetch(counter, n, __ATOMIC_RELAXED);
}

static int phase(void)
{
	return __atomic_load_n(&sh->phase, __ATOMIC_SEQ_CST);
}

static bool stopping(void)
{
	return __atomic_load_n(&sh->stop, __ATOMIC_RELAXED);
}

static void tally_add(struct tally *t, int start, int end)
{
	add(&t->total, 1);
	add(&t->by_start[start], 1);
	add(&t->by_end[end], 1);
	if (start == end)
		add(&t->whole[start], 1);
}

/* Those that cannot have overlapped load k: started after, ended before. */
static long tally_upper(const struct tally *t, int k)
{
	long n = t->total;
	int p;

	for (p = 2 * k + 3; p < MAX_PHASES; p++)
		n -= t->by_start[p];
	for (p = 0; p < 2 * k; p++)
		n -= t->by_end[p];
	return n;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Deny getppid and every unknown number (the module's probe number too)
 * with @err, hand uname to the supervisor when @notify, allow the rest.
 */
static long install(unsigned int flags, int err, bool notify)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 1024, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, notify ? __NR_uname : 1023,
			 2, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | err),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
	};
	struct sock_fprog prog = { ARRAY_SIZE(insns), insns };
	int start = phase();
	long ret;

	ret = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
	if (ret < 0 || ((flags & SECCOMP_FILTER_FLAG_TSYNC) && ret > 0)) {
		add(&sh->install_errors, 1);
		return -1;
	}
	tally_add(&sh->installs, start, phase());
	if (err == EPERM)
		tally_add(&sh->eperm_installs, start, phase());
	if (sh->job_first[job_slot] < 0)
		sh->job_first[job_slot] = start;
	sh->job_last_err[job_slot] = err;
	return ret;
}

/* The filters never change what an allowed syscall does. */
static void allowed_syscall(pid_t tgid)
{
	if (syscall(__NR_getpid) == tgid)
		add(&sh->allowed, 1);
	else
		add(&sh->wrong_answers, 1);
}

/* @nr is denied with EPERM or ENOSYS, unless no filter is in place yet. */
static void denied_syscall(long nr, bool filtered)
{
	int start = phase();
	long ret = syscall(nr);

	if (ret == -1 && (errno == EPERM || errno == ENOSYS)) {
		add(&sh->denied, 1);
		tally_add(&sh->errnos, start, phase());
	} else if (filtered || (ret == -1 && errno != ENOSYS)) {
		add(&sh->wrong_answers, 1);
	}
}

static void syscall_burst(pid_t tgid, bool filtered)
{
	int i;

	for (i = 0; i < 10; i++) {
		allowed_syscall(tgid);
		denied_syscall(__NR_getppid, filtered);
		denied_syscall(UNKNOWN_NR, true);
	}
}

static int plain_job(void)
{
	int i;

	for (i = 0; i < FILTERS_PER_JOB && !stopping(); i++) {
		if (install(0, i % 2 ? ENOSYS : EPERM, false) < 0)
			return 1;
		syscall_burst(getpid(), true);
	}
	return 0;
}

static bool tsync_done;

static void *tsync_thread(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&tsync_done, __ATOMIC_RELAXED))
		syscall_burst(getpid(), false);
	return NULL;
}

/* Filters synchronized onto threads that are busy making syscalls. */
static int tsync_job(void)
{
	pthread_t threads[2];
	unsigned int i;
	int rc = 0;

	for (i = 0; i < ARRAY_SIZE(threads); i++)
		if (pthread_create(&threads[i], NULL, tsync_thread, NULL))
			return 1;
	for (i = 0; i < FILTERS_PER_JOB && !stopping(); i++) {
		if (install(SECCOMP_FILTER_FLAG_TSYNC, i % 2 ? EPERM : ENOSYS,
			    false) < 0) {
			rc = 1;
			break;
		}
		add(&sh->tsync_installs, 1);
		syscall_burst(getpid(), true);
	}
	__atomic_store_n(&tsync_done, true, __ATOMIC_RELAXED);
	for (i = 0; i < ARRAY_SIZE(threads); i++)
		pthread_join(threads[i], NULL);
	return rc;
}

struct supervisor {
	int listener;
	bool done;
	long errors, continues;
};

/* Answers every other notification with EPERM, the rest with CONTINUE. */
static void *supervise(void *arg)
{
	struct supervisor *sv = arg;
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	struct pollfd pfd = { .fd = sv->listener, .events = POLLIN };
	long n = 0;

	while (!__atomic_load_n(&sv->done, __ATOMIC_RELAXED)) {
		if (poll(&pfd, 1, 50) <= 0)
			continue;
		memset(&req, 0, sizeof(req));
		if (ioctl(sv->listener, SECCOMP_IOCTL_NOTIF_RECV, &req))
			continue;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		if (n++ % 2)
			resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		else
			resp.error = -EPERM;
		if (ioctl(sv->listener, SECCOMP_IOCTL_NOTIF_SEND, &resp))
			continue;
		if (resp.error)
			sv->errors++;
		else
			sv->continues++;
	}
	return NULL;
}

static int listener_job(void)
{
	struct supervisor sv = { .listener = -1 };
	long errors = 0, continues = 0;
	struct utsname uts;
	pthread_t thread;
	int i, start;

	/* Installed by this thread only: the supervisor stays unfiltered. */
	sv.listener = install(SECCOMP_FILTER_FLAG_NEW_LISTENER, ENOSYS, true);
	if (sv.listener < 0)
		return 1;
	add(&sh->listener_installs, 1);
	if (pthread_create(&thread, NULL, supervise, &sv))
		return 1;
	for (i = 0; i < 2 * FILTERS_PER_JOB && !stopping(); i++) {
		start = phase();
		if (uname(&uts) == 0 && uts.sysname[0]) {
			continues++;
		} else if (errno == EPERM) {
			errors++;
			tally_add(&sh->errnos, start, phase());
		} else {
			add(&sh->wrong_answers, 1);
		}
		syscall_burst(getpid(), true);
	}
	__atomic_store_n(&sv.done, true, __ATOMIC_RELAXED);
	pthread_join(thread, NULL);
	add(&sh->replies_error, sv.errors);
	add(&sh->replies_continue, sv.continues);
	if (errors != sv.errors || continues != sv.continues)
		add(&sh->notif_mismatch, 1);
	return 0;
}

/* A raw listener filter for syscall @nr on the calling thread. */
static int notif_listener(long nr)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = ARRAY_SIZE(insns), .filter = insns };

	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
		       SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

static void *attack_parked(void *arg)
{
	(void)arg;
	syscall(__NR_getppid);
	return NULL;
}

static void *attack_recv(void *arg)
{
	struct seccomp_notif req;

	memset(&req, 0, sizeof(req));
	ioctl(*(int *)arg, SECCOMP_IOCTL_NOTIF_RECV, &req);
	return NULL;
}

static bool small_thread(void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_t thread;
	bool ok;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 65536);
	ok = !pthread_create(&thread, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	return ok;
}

struct attack_target {
	int listener;
	int ready[2];
	pid_t tid;
	long eperm;
};

static void on_signal(int sig)
{
	(void)sig;
}

/* Each call is interrupted once, restarts, and gets EPERM. */
static void *attack_target_main(void *arg)
{
	struct attack_target *t = arg;
	int i, start;
	char ok;

	t->tid = syscall(__NR_gettid);
	t->listener = notif_listener(__NR_getppid);
	ok = t->listener >= 0;
	if (write(t->ready[1], &ok, 1) != 1 || !ok)
		return NULL;
	for (i = 0; i < ATTACK_SIGNALS; i++) {
		start = phase();
		if (syscall(__NR_getppid) == -1 && errno == EPERM) {
			t->eperm++;
			tally_add(&sh->errnos, start, phase());
		}
	}
	return NULL;
}

/*
 * RECV, again when a notification vanished (its target was interrupted
 * between the wake-up and the lock: seccomp_notify_recv() says ENOENT).
 */
static int attack_recv_one(int listener, struct seccomp_notif *req,
			   const char *which, int round)
{
	int tries;

	for (tries = 0; tries < 100; tries++) {
		memset(req, 0, sizeof(*req));
		if (!ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req))
			return 0;
		if (errno != ENOENT && errno != EINTR)
			break;
	}
	fprintf(stderr, "attack: round %d: %s RECV: %s\n", round, which,
		strerror(errno));
	return -1;
}

/*
 * What a tenant could try: park tasks and supervisors where the module's
 * probes once held instances, and interrupt user-notification waits.
 * The RECV waiters live in a child: a chain holds one listener.
 */
static int attack_job(void)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
	struct attack_target t = { .listener = -1 };
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	pthread_t target;
	int i, idle, parked = 0;
	pid_t waiters;
	char ok = 0;

	if (setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    sigaction(SIGUSR1, &sa, NULL) || pipe(t.ready))
		return 1;
	waiters = fork();
	if (waiters < 0)
		return 1;
	if (!waiters) {
		idle = notif_listener(__NR_vhangup);
		for (i = 0; idle >= 0 && i < ATTACK_RECV; i++)
			if (!small_thread(attack_recv, &idle))
				break;
		while (!stopping())
			sleep_ms(100);
		_exit(0);
	}
	/* The target's listener before the parking one: not inherited. */
	if (pthread_create(&target, NULL, attack_target_main, &t) ||
	    read(t.ready[0], &ok, 1) != 1 || !ok) {
		fprintf(stderr, "attack: no target: %s\n", strerror(errno));
		goto fail;
	}
	if (notif_listener(__NR_getppid) < 0) {
		fprintf(stderr, "attack: no listener: %s\n", strerror(errno));
		goto fail;
	}
	for (i = 0; i < ATTACK_PARKED; i++)
		if (small_thread(attack_parked, NULL))
			parked++;
	add(&sh->attack_parked, parked);
	for (i = 0; i < ATTACK_SIGNALS; i++) {
		if (attack_recv_one(t.listener, &req, "first", i))
			goto fail;
		sleep_ms(2);
		syscall(__NR_tgkill, getpid(), t.tid, SIGUSR1);
		/* The restarted syscall's notification. */
		if (attack_recv_one(t.listener, &req, "second", i))
			goto fail;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.error = -EPERM;
		if (ioctl(t.listener, SECCOMP_IOCTL_NOTIF_SEND, &resp)) {
			fprintf(stderr, "attack: round %d: SEND: %s\n", i,
				strerror(errno));
			goto fail;
		}
		add(&sh->attack_interrupted, 1);
	}
	pthread_join(target, NULL);
	if (t.eperm != ATTACK_SIGNALS)
		add(&sh->notif_mismatch, 1);
	add(&sh->attacks, 1);
	/* Stay parked for a while, as the others work. */
	for (i = 0; i < 20 && !stopping(); i++)
		sleep_ms(100);
	kill(waiters, SIGKILL);
	waitpid(waiters, NULL, 0);
	/* The parked threads go with the process. */
	return 0;
fail:
	kill(waiters, SIGKILL);
	waitpid(waiters, NULL, 0);
	return 1;
}

/* Keeps one job process at a time busy until the end. */
static void *worker(void *arg)
{
	long id = (long)arg, n;
	int status;
	pid_t pid;

	for (n = id; !stopping(); n++) {
		pid = fork();
		if (pid < 0) {
			add(&sh->job_failures, 1);
			sleep_ms(10);
			continue;
		}
		sh->job_first[id] = -1;
		sh->job_last_err[id] = 0;
		if (pid == 0) {
			job_slot = id;
			alarm(JOB_TIMEOUT_S);
			switch (n % 4) {
			case 0:
				_exit(plain_job());
			case 1:
				_exit(tsync_job());
			case 2:
				_exit(listener_job());
			default:
				_exit(attack_job());
			}
		}
		add(&sh->jobs, 1);
		if (waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			add(&sh->job_failures, 1);
		/* its verdict was made before waitpid() returned */
		if (sh->job_first[id] >= 0) {
			int end = phase();

			tally_add(&sh->jobs_judged, sh->job_first[id], end);
			if (sh->job_last_err[id] == EPERM)
				tally_add(&sh->jobs_flagged, sh->job_first[id],
					  end);
		}
	}
	return NULL;
}

/*
 * count_errno shares the outcome probe with the event, but does not pin
 * the module: flip it at random, so that unloads also find it armed.
 */
static void flip_count_errno(void)
{
	int fd = open(PARAMS_DIR "/count_errno", O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, rand() % 2 ? "1" : "0", 1) == 1)
		add(&sh->toggles, 1);
	close(fd);
}

/* Events on and off; while on, the module cannot be unloaded. */
static void *toggler(void *arg)
{
	int fd;

	(void)arg;

	while (!stopping()) {
		flip_count_errno();
		fd = open(EVENTS_ENABLE, O_WRONLY);
		if (fd < 0) {
			sleep_ms(5);
			continue;
		}
		if (write(fd, "1", 1) == 1)
			add(&sh->toggles, 1);
		close(fd);
		sleep_ms(10 + rand() % 20);
		fd = open(EVENTS_ENABLE, O_WRONLY);
		if (fd >= 0) {
			if (write(fd, "0", 1) == 1)
				add(&sh->toggles, 1);
			close(fd);
		}
		sleep_ms(10 + rand() % 20);
	}
	return NULL;
}

static int run(const char *prog, const char *arg)
{
	int status, null;
	pid_t pid = fork();

	if (pid == 0) {
		/* rmmod complains about every busy module: keep it quiet. */
		null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDERR_FILENO);
		execl(prog, prog, arg, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static long read_long(const char *path)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY);
	ssize_t len;

	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return len > 0 ? strtol(buf, NULL, 10) : -1;
}

static void read_counters(struct load_counters *c)
{
	FILE *f = fopen(SYSFS_DIR "/probes_missed", "r");

	c->checked = read_long(SYSFS_DIR "/filters_checked");
	c->flagged = read_long(SYSFS_DIR "/filters_flagged");
	c->errno_outcomes = read_long(SYSFS_DIR "/errno_outcomes");
	c->missed_check = -1;
	c->missed_outcome = -1;
	c->nested_notif = -1;
	if (!f)
		return;
	if (fscanf(f, "check %ld outcome %ld nested %ld", &c->missed_check,
		   &c->missed_outcome, &c->nested_notif) != 3)
		c->missed_check = -1;
	fclose(f);
}

static bool unload(void)
{
	int tries;

	for (tries = 0; tries < 500; tries++) {
		if (run("/sbin/rmmod", "seccomp_diag") == 0)
			return true;
		add(&sh->rmmod_busy, 1);
		sleep_ms(2);
	}
	return false;
}

/* Load, let the workers run, read the counters, unload; over and over. */
static void *reloader(void *arg)
{
	int k;

	(void)arg;

	for (k = 0; k < MAX_LOADS && !stopping(); k++) {
		if (run("/sbin/insmod", module_path)) {
			sh->insmod_failures++;
			break;
		}
		__atomic_store_n(&sh->phase, 2 * k + 1, __ATOMIC_SEQ_CST);
		sleep_ms(200 + rand() % 400);
		__atomic_store_n(&sh->phase, 2 * k + 2, __ATOMIC_SEQ_CST);
		read_counters(&sh->loads[k]);
		sh->nr_loads = k + 1;
		if (!unload()) {
			sh->rmmod_failures++;
			break;
		}
	}
	return NULL;
}

/*
 * Every load's counters within what the workers could have shown it: at
 * least what @lower_t saw whole in the load, at most what of @t could
 * have overlapped it.
 */
static bool check_bounds(const char *what, const struct tally *t,
			 size_t offset, const struct tally *lower_t)
{
	long sum = 0, sum_lower = 0, sum_upper = 0, missed;
	bool ok = true;
	int k;

	for (k = 0; k < sh->nr_loads; k++) {
		const struct load_counters *c = &sh->loads[k];
		long value = *(const long *)((const char *)c + offset);
		long upper = tally_upper(t, k);
		long lower = lower_t ? lower_t->whole[2 * k + 1] : 0;

		missed = c->missed_check > 0 ? c->missed_check : 0;
		sum += value;
		sum_lower += lower;
		sum_upper += upper;
		if (value < 0 || value > upper || value < lower - missed) {
			ksft_print_msg("load %d: %s %ld, expected %ld..%ld (%ld probe misses)\n",
				       k + 1, what, value, lower - missed, upper,
				       missed);
			ok = false;
		}
	}
	ksft_print_msg("%s: %ld over %d loads, bounds %ld..%ld, %ld syscalls in all\n",
		       what, sum, sh->nr_loads, sum_lower, sum_upper, t->total);
	return ok;
}

/*
 * Every kind of work was done at least once (twice for the reloads and
 * toggles): the run goes on past SECONDS until then, however slow the
 * machine, so that the result does not depend on its speed.
 */
static bool all_kinds_done(void)
{
	return sh->installs.total > 0 && sh->denied > 0 &&
	       sh->replies_error > 0 && sh->replies_continue > 0 &&
	       sh->toggles > 1 && sh->nr_loads > 1;
}

int main(int argc, char **argv)
{
	pthread_t workers[16], reload_thread, toggle_thread;
	long nr_workers = 4, seconds, i;
	bool checked_ok, flagged_ok, errnos_ok;
	long missed[2] = { 0, 0 }, nested = 0;
	struct stat st;
	double start, duration;
	bool clean;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODULE.ko SECONDS [WORKERS]\n", argv[0]);
		return 2;
	}
	module_path = argv[1];
	seconds = strtol(argv[2], NULL, 10);
	if (argc > 3)
		nr_workers = strtol(argv[3], NULL, 10);
	if (nr_workers < 1 || nr_workers > (long)ARRAY_SIZE(workers) ||
	    seconds < 1) {
		fprintf(stderr, "stress: 1..%zu workers, 1 or more seconds\n",
			ARRAY_SIZE(workers));
		return 2;
	}
	ksft_print_header();
	ksft_set_plan(9);
	if (stat(SYSFS_DIR, &st) == 0)
		ksft_exit_fail_msg("seccomp_diag is loaded already: the stress loads it\n");
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));
	srand(getpid());

	start = now();
	pthread_create(&reload_thread, NULL, reloader, NULL);
	pthread_create(&toggle_thread, NULL, toggler, NULL);
	for (i = 0; i < nr_workers; i++)
		pthread_create(&workers[i], NULL, worker, (void *)i);
	while ((now() - start < seconds || !all_kinds_done()) &&
	       !sh->insmod_failures && !sh->rmmod_failures)
		sleep_ms(100);
	__atomic_store_n(&sh->stop, 1, __ATOMIC_SEQ_CST);
	for (i = 0; i < nr_workers; i++)
		pthread_join(workers[i], NULL);
	pthread_join(toggle_thread, NULL);
	pthread_join(reload_thread, NULL);
	duration = now() - start;

	for (i = 0; i < sh->nr_loads; i++) {
		missed[0] += sh->loads[i].missed_check;
		missed[1] += sh->loads[i].missed_outcome;
		nested += sh->loads[i].nested_notif;
	}
	ksft_print_msg("duration %.1f s, %ld workers, %ld jobs\n", duration,
		       nr_workers, sh->jobs);
	ksft_print_msg("installs %ld (EPERM %ld, TSYNC %ld, NEW_LISTENER %ld)\n",
		       sh->installs.total, sh->eperm_installs.total,
		       sh->tsync_installs, sh->listener_installs);
	ksft_print_msg("syscalls %ld (allowed %ld, denied %ld)\n",
		       sh->allowed + sh->denied, sh->allowed, sh->denied);
	ksft_print_msg("replies %ld (error %ld, CONTINUE %ld)\n",
		       sh->replies_error + sh->replies_continue,
		       sh->replies_error, sh->replies_continue);
	ksft_print_msg("reloads %d (rmmod found it busy %ld times), event toggles %ld\n",
		       sh->nr_loads, sh->rmmod_busy, sh->toggles);
	/* nested: complete() calls from interrupts, never replies */
	ksft_print_msg("probes missed: check %ld, outcome %ld; nested %ld\n",
		       missed[0], missed[1], nested);
	ksft_print_msg("attacks by uid %d: %ld (%ld threads parked, %ld waits interrupted)\n",
		       NOBODY, sh->attacks, sh->attack_parked,
		       sh->attack_interrupted);

	ksft_test_result(!sh->wrong_answers && !sh->install_errors &&
			 !sh->job_failures,
			 "syscalls and installs answered as without the module (%ld wrong, %ld failed installs, %ld failed jobs)\n",
			 sh->wrong_answers, sh->install_errors, sh->job_failures);
	ksft_test_result(!sh->notif_mismatch,
			 "every notification answered as the supervisor replied\n");
	ksft_test_result(all_kinds_done(), "all kinds of work were done\n");
	/* Parked tasks and supervisors hold nothing the probes need. */
	ksft_test_result(sh->attacks > 0 && !missed[0] && !missed[1],
			 "no install check or outcome missed while uid %d parked tasks\n",
			 NOBODY);
	ksft_test_result(!sh->insmod_failures && !sh->rmmod_failures,
			 "every insmod and rmmod succeeded\n");
	checked_ok = check_bounds("filters_checked", &sh->installs,
				  offsetof(struct load_counters, checked),
				  &sh->jobs_judged);
	ksft_test_result(checked_ok,
			 "filters_checked matches the jobs and installs of each load\n");
	flagged_ok = check_bounds("filters_flagged", &sh->eperm_installs,
				  offsetof(struct load_counters, flagged),
				  &sh->jobs_flagged);
	ksft_test_result(flagged_ok,
			 "filters_flagged matches the EPERM jobs and installs of each load\n");
	/* Counted only while seccomp_errno or count_errno is on: at most. */
	errnos_ok = check_bounds("errno_outcomes", &sh->errnos,
				 offsetof(struct load_counters, errno_outcomes),
				 NULL);
	ksft_test_result(errnos_ok,
			 "errno_outcomes within the denied syscalls of each load\n");
	clean = stat(SYSFS_DIR, &st) && errno == ENOENT &&
		run("/sbin/insmod", module_path) == 0 && unload() &&
		stat(SYSFS_DIR, &st) && errno == ENOENT;
	ksft_test_result(clean, "final load and unload clean, nothing left in sysfs\n");
	if (ksft_get_fail_cnt())
		ksft_exit_fail();
	ksft_exit_pass();
}
