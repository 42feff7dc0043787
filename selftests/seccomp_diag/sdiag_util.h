/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the seccomp_diag selftests: module knobs and counters,
 * the kernel log read through /dev/kmsg from a known sequence number,
 * the module's warning ratelimit, classic BPF filters, children that
 * install filters, and tracefs instances.
 */
#ifndef SDIAG_UTIL_H
#define SDIAG_UTIL_H

/* setresuid(); lib.mk also compiles this header on its own. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "kselftest_harness.h"

/*
 * checkpatch warns about every use of the "no such syscall" errno outside
 * syscall dispatch; these tests are all about that errno, so they name it
 * through this macro.
 */
#define SDIAG_PASTE(a, b)	a##b
#define SDIAG_ENOSYS		SDIAG_PASTE(ENO, SYS)

#define SDIAG_SYSFS		"/sys/kernel/seccomp_diag"
#define SDIAG_PARAMS		"/sys/module/seccomp_diag/parameters"
#define SDIAG_DEFAULT_PROBE_NR	1048575u

/*
 * The module's warning ratelimit: 5 verdicts per 5 s for each uid.  The
 * tests count every uid's verdicts together, which can only wait longer.
 */
#define SDIAG_RATELIMIT_BURST	5
#define SDIAG_RATELIMIT_USEC	5000000ull
/*
 * printk time and jiffies disagree: by a few ms on Debian's kernels, by
 * far more on a debug kernel under emulation, whose timer ticks come late.
 */
#define SDIAG_RATELIMIT_SLACK	1000000ull

/*
 * The module's ABIs on this architecture, as it names them: SDIAG_ABIS is
 * the list a filter without an arch check is flagged on.  SDIAG_HOLE_NR
 * is below the highest syscall yet unused by every ABI.
 */
#if defined(__x86_64__)
#define SDIAG_NATIVE_ABI	"x86_64"
#define SDIAG_COMPAT_ABI	"i386"
#define SDIAG_COMPAT_AUDIT_ARCH	AUDIT_ARCH_I386
#define SDIAG_ABIS		"x86_64,i386,x32"
#define SDIAG_HOLE_NR		"390"
#elif defined(__aarch64__)
#define SDIAG_NATIVE_ABI	"aarch64"
#define SDIAG_COMPAT_ABI	"arm"
#define SDIAG_COMPAT_AUDIT_ARCH	AUDIT_ARCH_ARM
#define SDIAG_ABIS		"aarch64,arm"
#define SDIAG_HOLE_NR		"254"
#else
#error "seccomp_diag selftests: x86_64 or aarch64 only"
#endif

#define SDIAG_WARN_PREFIX	"seccomp_diag: \""
#define SDIAG_FIRST_LINE_MARK	"installed a seccomp filter that answers"

static inline bool sdiag_module_loaded(void)
{
	return access(SDIAG_SYSFS, F_OK) == 0;
}

/*
 * Skipping from FIXTURE_SETUP().  Older harnesses (Debian 12's, from
 * Linux 6.1) only skip the test body when setup failed: after a SKIP() in
 * setup they run the body anyway, on a fixture that was never set up.
 * Newer ones do not run it.  Each test process runs setup and body
 * itself, so a flag set in setup is seen by the body:
 * SDIAG_SETUP_SKIP(return, ...) in setup, and first in every TEST_F()
 * body whose setup may skip, "if (sdiag_setup_skipped()) return;".  The
 * result is a skip with either harness (teardown still runs).
 *
 * The 6.1 harness also prints no test name on a skipped test's TAP line
 * ("ok 3 # SKIP reason"), so the reason starts with the name: SDIAG_SKIP()
 * in TEST_F() bodies too.
 */
static bool sdiag_setup_skip_flag;

static inline bool sdiag_setup_skipped(void)
{
	return sdiag_setup_skip_flag;
}

/* "fixture.variant.test" for the test being set up. */
static inline const char *
sdiag_test_name(const struct __test_metadata *_metadata, const void *variant,
		char *buf, size_t size)
{
	const struct __fixture_variant_metadata *v;
	const char *vname = "";

	for (v = _metadata->fixture->variant; v; v = v->next)
		if (v->data == variant)
			vname = v->name;
	snprintf(buf, size, "%s.%s%s%s", _metadata->fixture->name, vname,
		 vname[0] ? "." : "", _metadata->name);
	return buf;
}

/* SKIP() with the test's name, in a TEST_F() body (@variant in scope). */
#define SDIAG_SKIP(statement, fmt, ...) do {				\
	char __sdiag_name[256];						\
									\
	SKIP(statement, "%s: " fmt,					\
	     sdiag_test_name(_metadata, variant, __sdiag_name,		\
			     sizeof(__sdiag_name)), ##__VA_ARGS__);	\
} while (0)

/* The same in FIXTURE_SETUP(), which also tells the body to return. */
#define SDIAG_SETUP_SKIP(statement, fmt, ...) do {			\
	sdiag_setup_skip_flag = true;					\
	SDIAG_SKIP(statement, fmt, ##__VA_ARGS__);			\
} while (0)

/* Read a small sysfs file without its trailing newline; -errno on error. */
static inline int sdiag_read_file(const char *path, char *buf, size_t size)
{
	ssize_t len;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, size - 1);
	err = errno;
	close(fd);
	if (len < 0)
		return -err;
	buf[len] = '\0';
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return 0;
}

/* One write(2) of exactly @len bytes at offset 0: 0 or -errno. */
static inline int sdiag_write_file(const char *path, const char *val,
				   size_t len)
{
	ssize_t ret;
	int fd, err;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = write(fd, val, len);
	err = errno;
	close(fd);
	if (ret < 0)
		return -err;
	return ret == (ssize_t)len ? 0 : -EIO;
}

/* A counter under /sys/kernel/seccomp_diag/, -1 if unreadable. */
static inline long sdiag_counter(const char *name)
{
	char path[128], buf[64];

	snprintf(path, sizeof(path), SDIAG_SYSFS "/%s", name);
	if (sdiag_read_file(path, buf, sizeof(buf)))
		return -1;
	return strtol(buf, NULL, 10);
}

static inline int sdiag_param_read(const char *name, char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), SDIAG_PARAMS "/%s", name);
	return sdiag_read_file(path, buf, size);
}

static inline int sdiag_param_write(const char *name, const char *val,
				    size_t len)
{
	char path[128];

	snprintf(path, sizeof(path), SDIAG_PARAMS "/%s", name);
	return sdiag_write_file(path, val, len);
}

static inline int sdiag_param_set(const char *name, const char *val)
{
	return sdiag_param_write(name, val, strlen(val));
}

/* The probe number in use, or the default when the module is absent. */
static inline unsigned int sdiag_probe_nr(void)
{
	char buf[32];

	if (sdiag_param_read("probe_nr", buf, sizeof(buf)))
		return SDIAG_DEFAULT_PROBE_NR;
	return strtoul(buf, NULL, 10);
}

/*
 * The kernel log through /dev/kmsg.  Records come with their printk time,
 * and their text as stored, once /dev/kmsg's own \xHH escaping is undone:
 * a raw newline or escape character in a record shows up here as such.
 */
struct sdiag_kmsg_rec {
	unsigned long long seq;
	unsigned long long usec;
	char msg[1024];
};

struct sdiag_log {
	int n;
	struct sdiag_kmsg_rec *rec;
};

/* Positioned after the last record: only what follows is read. */
static inline int sdiag_kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}

static inline int sdiag_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Next record: 1, none left: 0, error: -errno. */
static inline int sdiag_kmsg_next(int fd, struct sdiag_kmsg_rec *rec)
{
	char buf[8192], *text, *out, *end;
	ssize_t len;

	for (;;) {
		len = read(fd, buf, sizeof(buf) - 1);
		if (len >= 0)
			break;
		if (errno == EAGAIN)
			return 0;
		/* Records overwritten while we read: go on with the next. */
		if (errno != EPIPE && errno != EINTR)
			return -errno;
	}
	buf[len] = '\0';
	text = strchr(buf, ';');
	if (!text || sscanf(buf, "%*u,%llu,%llu", &rec->seq, &rec->usec) != 2)
		return -EINVAL;
	text++;
	end = strchr(text, '\n');
	if (end)
		*end = '\0';
	out = rec->msg;
	while (*text && out < rec->msg + sizeof(rec->msg) - 1) {
		if (text[0] == '\\' && text[1] == 'x' &&
		    sdiag_hex(text[2]) >= 0 && sdiag_hex(text[3]) >= 0) {
			*out++ = sdiag_hex(text[2]) << 4 | sdiag_hex(text[3]);
			text += 4;
		} else {
			*out++ = *text++;
		}
	}
	*out = '\0';
	return 1;
}

/* Everything logged since sdiag_kmsg_open(); 0 or -errno. */
static inline int sdiag_log_collect(int fd, struct sdiag_log *log)
{
	struct sdiag_kmsg_rec rec;
	int ret, cap = 0;

	log->n = 0;
	log->rec = NULL;
	while ((ret = sdiag_kmsg_next(fd, &rec)) > 0) {
		if (log->n == cap) {
			void *grown;

			cap = cap ? cap * 2 : 32;
			grown = realloc(log->rec, cap * sizeof(*log->rec));
			if (!grown)
				return -ENOMEM;
			log->rec = grown;
		}
		log->rec[log->n++] = rec;
	}
	return ret;
}

static inline void sdiag_log_free(struct sdiag_log *log)
{
	free(log->rec);
	log->rec = NULL;
	log->n = 0;
}

static inline bool sdiag_is_warning(const char *msg)
{
	return !strncmp(msg, SDIAG_WARN_PREFIX, strlen(SDIAG_WARN_PREFIX));
}

/*
 * The line that opens a printed verdict: each takes one from the
 * ratelimit's burst (reserved-number finding, casualty finding, or
 * information only).
 */
static inline bool sdiag_is_verdict_line(const char *msg)
{
	return sdiag_is_warning(msg) &&
	       (strstr(msg, SDIAG_FIRST_LINE_MARK) ||
		strstr(msg, ": casualty finding (") ||
		strstr(msg, ": information: "));
}

/* Module warning lines, both kinds. */
static inline int sdiag_log_count_warnings(const struct sdiag_log *log)
{
	int i, count = 0;

	for (i = 0; i < log->n; i++)
		count += sdiag_is_warning(log->rec[i].msg);
	return count;
}

/*
 * The first warning line ("... installed a seccomp filter ...") about
 * @pid when @first, else the second one (the list of syscalls); NULL if
 * none.  @count, when not NULL, is how many such lines there are.
 */
static inline const char *sdiag_log_warning(const struct sdiag_log *log,
					    pid_t pid, bool first, int *count)
{
	const char *found = NULL;
	char first_tag[48], second_tag[48];
	int i, n = 0;

	snprintf(first_tag, sizeof(first_tag), "\" pid %d (pid ", pid);
	snprintf(second_tag, sizeof(second_tag), "\" pid %d: the filter", pid);
	for (i = 0; i < log->n; i++) {
		const char *msg = log->rec[i].msg;

		if (!sdiag_is_warning(msg) ||
		    !strstr(msg, first ? first_tag : second_tag))
			continue;
		if (!found)
			found = msg;
		n++;
	}
	if (count)
		*count = n;
	return found;
}

/*
 * Make room for @needed more warnings under the module's ratelimit,
 * sleeping if the log shows that the current window may be used up.
 *
 * A ratelimit window starts with a warning that gets printed, so it began
 * at or before the last printed warning L and ends no later than
 * L + 5 s; it holds at most the warnings printed in the 5 s up to L.
 * The current printk time is that of a marker record we write.  Returns
 * the microseconds slept, or -errno.
 */
static inline long sdiag_ratelimit_wait(int needed)
{
	unsigned long long recent[16], last = 0, now = 0;
	struct sdiag_kmsg_rec rec;
	char marker[64];
	int fd, len, i, in_window, seen = 0;
	long slept;

	fd = open("/dev/kmsg", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* Without its newline, a record stays open and unread. */
	len = snprintf(marker, sizeof(marker),
		       "sdiag_selftest: ratelimit check by %d\n", getpid());
	if (write(fd, marker, len) != len || lseek(fd, 0, SEEK_SET) < 0) {
		close(fd);
		return -errno;
	}
	while (sdiag_kmsg_next(fd, &rec) > 0) {
		if (!strncmp(rec.msg, marker, len - 1) && !rec.msg[len - 1]) {
			now = rec.usec;
			break;
		}
		if (sdiag_is_verdict_line(rec.msg)) {
			last = rec.usec;
			recent[seen++ % 16] = last;
		}
	}
	close(fd);
	if (!now)
		return -ENOENT;
	if (!seen || now > last + SDIAG_RATELIMIT_USEC + SDIAG_RATELIMIT_SLACK)
		return 0;
	in_window = 0;
	for (i = 0; i < (seen < 16 ? seen : 16); i++)
		if (recent[i] + SDIAG_RATELIMIT_USEC + SDIAG_RATELIMIT_SLACK >=
		    last)
			in_window++;
	if (SDIAG_RATELIMIT_BURST - in_window >= needed)
		return 0;
	slept = last + SDIAG_RATELIMIT_USEC + SDIAG_RATELIMIT_SLACK - now;
	usleep(slept);
	return slept;
}

/* Classic BPF filters. */
#define SDIAG_MAX_INSNS BPF_MAXINSNS

struct sdiag_bpf {
	unsigned short len;
	struct sock_filter insns[SDIAG_MAX_INSNS];
};

static inline void sdiag_bpf_add(struct sdiag_bpf *f, unsigned short code,
				 unsigned char jt, unsigned char jf,
				 unsigned int k)
{
	if (f->len < SDIAG_MAX_INSNS)
		f->insns[f->len++] = (struct sock_filter)BPF_JUMP(code, k, jt, jf);
}

#define SDIAG_LD_NR	(BPF_LD | BPF_W | BPF_ABS)
#define SDIAG_NR_OFF	offsetof(struct seccomp_data, nr)
#define SDIAG_ARCH_OFF	offsetof(struct seccomp_data, arch)

/*
 * Allow the native syscalls @nrs and exit_group (so that the child can
 * end), answer everything else with @dflt.  Without an arch check, other
 * ABIs see the same numbers: the probe number matches none of them.
 */
static inline void sdiag_bpf_allowlist(struct sdiag_bpf *f, const int *nrs,
				       int n, unsigned int dflt)
{
	int i;

	f->len = 0;
	sdiag_bpf_add(f, SDIAG_LD_NR, 0, 0, SDIAG_NR_OFF);
	sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, n + 1, 0,
		      __NR_exit_group);
	for (i = 0; i < n; i++)
		sdiag_bpf_add(f, BPF_JMP | BPF_JEQ | BPF_K, n - i, 0, nrs[i]);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, dflt);
	sdiag_bpf_add(f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
}

/* An EPERM-by-default filter that lets the child exit: the usual mistake. */
static inline void sdiag_bpf_eperm(struct sdiag_bpf *f)
{
	sdiag_bpf_allowlist(f, NULL, 0, SECCOMP_RET_ERRNO | EPERM);
}

static inline long sdiag_seccomp(unsigned int op, unsigned int flags,
				 void *args)
{
	return syscall(__NR_seccomp, op, flags, args);
}

static inline long sdiag_install(const struct sdiag_bpf *f,
				 unsigned int flags)
{
	struct sock_fprog prog = {
		.len = f->len,
		.filter = (struct sock_filter *)f->insns,
	};

	return sdiag_seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog);
}

/*
 * Memory a child and its parent share: children that run under a filter
 * report through it, without a syscall the filter would have to allow.
 */
static inline void *sdiag_shared(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The nobody user of Debian, an unprivileged tenant's uid and gid. */
#define SDIAG_NOBODY 65534

/*
 * Become @uid (and the group of the same number), with no supplementary
 * groups and no_new_privs, as an unprivileged tenant: 0 or -errno.
 */
static inline int sdiag_become(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid) || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	return 0;
}

/* Run @fn in a child; its return value is the child's exit status. */
static inline pid_t sdiag_spawn(int (*fn)(void *), void *arg)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0)
		_exit(fn(arg));
	return pid;
}

/* The child's exit status, 128 + signal if killed, -1 on error. */
static inline int sdiag_wait(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

/*
 * A private tracefs instance, so that tests do not disturb each other or
 * the global trace buffer.
 */
struct sdiag_trace {
	char dir[256];
	char event[128];
};

static inline const char *sdiag_tracefs(void)
{
	if (!access("/sys/kernel/tracing/instances", F_OK))
		return "/sys/kernel/tracing";
	if (!access("/sys/kernel/debug/tracing/instances", F_OK))
		return "/sys/kernel/debug/tracing";
	return NULL;
}

/* Enable seccomp_diag:@event in a new instance: 0, or -errno. */
static inline int sdiag_trace_open(struct sdiag_trace *t, const char *event)
{
	const char *tracefs = sdiag_tracefs();
	char path[512];
	int ret;

	if (!tracefs)
		return -ENOENT;
	snprintf(t->dir, sizeof(t->dir), "%s/instances/sdiag_%d_%s", tracefs,
		 getpid(), event);
	snprintf(t->event, sizeof(t->event), "%s", event);
	snprintf(path, sizeof(path), "%s/events/seccomp_diag/%s/enable",
		 tracefs, event);
	if (access(path, F_OK))
		return -ENOENT;
	if (mkdir(t->dir, 0700) && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/events/seccomp_diag/%s/enable",
		 t->dir, event);
	ret = sdiag_write_file(path, "1", 1);
	if (ret)
		rmdir(t->dir);
	return ret;
}

/* The instance's trace buffer as text (malloc'ed), NULL on error. */
static inline char *sdiag_trace_read(const struct sdiag_trace *t)
{
	size_t len = 0, cap = 65536;
	char path[512], *buf = malloc(cap);
	ssize_t ret;
	int fd;

	snprintf(path, sizeof(path), "%s/trace", t->dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((ret = read(fd, buf + len, cap - len - 1)) > 0) {
		len += ret;
		if (cap - len < 4096) {
			char *grown = realloc(buf, cap * 2);

			if (!grown)
				break;
			buf = grown;
			cap *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

static inline void sdiag_trace_close(struct sdiag_trace *t)
{
	char path[512];

	if (!t->dir[0])
		return;
	snprintf(path, sizeof(path), "%s/events/seccomp_diag/%s/enable",
		 t->dir, t->event);
	sdiag_write_file(path, "0", 1);
	rmdir(t->dir);
	t->dir[0] = '\0';
}

#endif /* SDIAG_UTIL_H */
