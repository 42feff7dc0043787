// SPDX-License-Identifier: GPL-2.0
/*
 * The seccomp-diag command from the outside: every kind of bad input
 * ends in one line on stderr and exit status 2, never a signal; check
 * --pid reads real filters; status and trace work on a fake sysfs and
 * tracefs (SECCOMP_DIAG_SYSROOT) and trace puts the events back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

struct run {
	int status;		/* as waitpid() gives it */
	char out[65536];
	char err[4096];
};

static const char *tool(void)
{
	const char *path = getenv("SECCOMP_DIAG");

	return path ? path : "seccomp-diag";
}

static void slurp(int fd, char *buf, size_t size)
{
	size_t used = 0;
	ssize_t len;

	while (used < size - 1 && (len = read(fd, buf + used, size - 1 - used)) > 0)
		used += len;
	buf[used] = '\0';
}

static size_t input_len;

/* Run the tool with @args (NULL-terminated), @input_len bytes on stdin. */
static void run_tool(struct run *r, const void *input, uid_t uid,
		     const char *const *args)
{
	char out_path[] = "/tmp/sdiag-out-XXXXXX";
	char err_path[] = "/tmp/sdiag-err-XXXXXX";
	int out = mkstemp(out_path), err = mkstemp(err_path), in[2];
	const char *argv[32] = { tool() };
	pid_t pid;
	int i;

	for (i = 0; args[i] && i < 30; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	if (pipe(in))
		abort();
	pid = fork();
	if (!pid) {
		dup2(in[0], 0);
		dup2(out, 1);
		dup2(err, 2);
		close(in[1]);
		if (uid && setresuid(uid, uid, uid))
			_exit(99);
		execvp(argv[0], (char **)argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(98);
	}
	close(in[0]);
	if (input && write(in[1], input, input_len) < 0)
		abort();
	close(in[1]);
	waitpid(pid, &r->status, 0);
	lseek(out, 0, SEEK_SET);
	lseek(err, 0, SEEK_SET);
	slurp(out, r->out, sizeof(r->out));
	slurp(err, r->err, sizeof(r->err));
	close(out);
	close(err);
	unlink(out_path);
	unlink(err_path);
}

static int lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* Exit 2, one "seccomp-diag: ..." line on stderr containing @needle. */
#define ASSERT_BAD_INPUT(r, needle) do {				\
	ASSERT_TRUE(WIFEXITED((r)->status))				\
		TH_LOG("killed by signal %d", WTERMSIG((r)->status));	\
	ASSERT_EQ(2, WEXITSTATUS((r)->status)) TH_LOG("stderr: %s", (r)->err);\
	ASSERT_EQ(1, lines((r)->err)) TH_LOG("stderr: %s", (r)->err);	\
	ASSERT_EQ(0, strncmp((r)->err, "seccomp-diag: ", 14));	\
	ASSERT_NE(NULL, strstr((r)->err, needle))			\
		TH_LOG("'%s' not in: %s", needle, (r)->err);		\
} while (0)

#define BAD(name, needle, ...)						\
TEST(name)								\
{									\
	static const char *const args[] = { __VA_ARGS__, NULL };	\
	static struct run r;						\
									\
	run_tool(&r, NULL, 0, args);					\
	ASSERT_BAD_INPUT(&r, needle);					\
}

TEST(no_command)
{
	static const char *const args[] = { NULL };
	static struct run r;

	run_tool(&r, NULL, 0, args);
	ASSERT_BAD_INPUT(&r, "missing command");
}

BAD(unknown_command, "unknown command", "frobnicate")
BAD(help_unknown_command, "unknown command", "help", "frobnicate")
BAD(status_unknown_option, "unknown option '--frob'", "status", "--frob")
BAD(status_extra_argument, "unexpected argument", "status", "extra")
BAD(probe_bad_nr, "invalid --nr", "probe", "--nr", "12abc")
BAD(probe_nr_x32_bit, "invalid --nr", "probe", "--nr", "0x40000000")
BAD(probe_missing_argument, "needs an argument", "probe", "--nr")
BAD(check_no_source, "missing --pid PID or --bpf FILE", "check")
BAD(check_pid_and_bpf, "exclude each other", "check", "--pid", "1", "--bpf", "x")
BAD(check_pid_garbage, "invalid pid", "check", "--pid", "12x")
BAD(check_pid_zero, "invalid pid", "check", "--pid", "0")
BAD(check_pid_negative, "invalid pid", "check", "--pid", "-5")
BAD(check_missing_pid, "no such process", "check", "--pid", "2147483647")
BAD(check_missing_file, "No such file", "check", "--bpf", "/nonexistent/f.bpf")
BAD(check_directory, "Is a directory", "check", "--bpf", "/")
BAD(check_stdin_twice, "given twice", "check", "--bpf", "-", "--bpf", "-")
BAD(check_bad_nr, "invalid --nr", "check", "--bpf", "-", "--nr", "")
BAD(trace_bad_errno, "invalid --errno", "trace", "--errno", "EBOGUS")
BAD(trace_bad_pid, "invalid --pid", "trace", "--pid", "x")
BAD(trace_bad_comm, "invalid --comm", "trace", "--comm", "a\"b")
BAD(trace_zero_count, "invalid --count", "trace", "--count", "0")
BAD(trace_unknown_option, "unknown option", "trace", "--bogus")

/* Raw filters fed through stdin, each broken in one way. */
static void check_stdin(struct __test_metadata *_metadata,
			const struct sock_filter *insns, size_t size,
			const char *needle)
{
	char path[] = "/tmp/sdiag-bpf-XXXXXX";
	const char *fargs[] = { "check", "--bpf", path, NULL };
	static struct run r;
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)size, write(fd, insns, size));
	close(fd);
	run_tool(&r, NULL, 0, fargs);
	unlink(path);
	ASSERT_BAD_INPUT(&r, needle);
}

#define STMT(c, k) BPF_STMT(c, k)
#define RET_ALLOW STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

TEST(bpf_empty)
{
	check_stdin(_metadata, NULL, 0, "empty filter");
}

TEST(bpf_truncated)
{
	struct sock_filter insns[2] = { RET_ALLOW, RET_ALLOW };

	check_stdin(_metadata, insns, 12, "truncated");
}

TEST(bpf_oversized)
{
	static struct sock_filter insns[4097];
	int i;

	for (i = 0; i < 4097; i++)
		insns[i] = (struct sock_filter)RET_ALLOW;
	check_stdin(_metadata, insns, sizeof(insns), "more than the kernel's limit of 4096");
}

TEST(bpf_bad_jump)
{
	struct sock_filter insns[] = {
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 5, 0),
		RET_ALLOW,
	};

	check_stdin(_metadata, insns, sizeof(insns), "past the end");
}

TEST(bpf_bad_ja)
{
	struct sock_filter insns[] = {
		STMT(BPF_JMP | BPF_JA, 1),
		RET_ALLOW,
	};

	check_stdin(_metadata, insns, sizeof(insns), "past the end");
}

TEST(bpf_unknown_opcode)
{
	struct sock_filter insns[] = { STMT(0xffff, 0), RET_ALLOW };

	check_stdin(_metadata, insns, sizeof(insns), "opcode 0xffff");
}

TEST(bpf_socket_only_opcode)
{
	/* A packet load: valid classic BPF, not allowed in seccomp. */
	struct sock_filter insns[] = { STMT(BPF_LD | BPF_B | BPF_ABS, 0), RET_ALLOW };

	check_stdin(_metadata, insns, sizeof(insns), "not allowed in seccomp");
}

TEST(bpf_no_return_at_end)
{
	struct sock_filter insns[] = { RET_ALLOW, STMT(BPF_LD | BPF_IMM, 1) };

	check_stdin(_metadata, insns, sizeof(insns), "not a return");
}

TEST(bpf_misaligned_load)
{
	struct sock_filter insns[] = { STMT(BPF_LD | BPF_W | BPF_ABS, 2), RET_ALLOW };

	check_stdin(_metadata, insns, sizeof(insns), "aligned word");
}

TEST(bpf_load_past_seccomp_data)
{
	struct sock_filter insns[] = { STMT(BPF_LD | BPF_W | BPF_ABS, 64), RET_ALLOW };

	check_stdin(_metadata, insns, sizeof(insns), "aligned word");
}

TEST(bpf_unstored_memory)
{
	struct sock_filter insns[] = { STMT(BPF_LD | BPF_MEM, 3), RET_ALLOW };

	check_stdin(_metadata, insns, sizeof(insns), "M[3]");
}

TEST(bpf_division_by_zero)
{
	struct sock_filter insns[] = { STMT(BPF_ALU | BPF_DIV | BPF_K, 0), RET_ALLOW };

	check_stdin(_metadata, insns, sizeof(insns), "division");
}

/* EPERM above 450 on x86_64, else allowed: the classic broken profile. */
static struct sock_filter eperm_new[] = {
	STMT(BPF_LD | BPF_W | BPF_ABS, 0),
	BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 450, 0, 1),
	STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	RET_ALLOW,
};

TEST(bpf_stdin_eperm_found)
{
	static const char *const args[] = { "check", "--bpf", "-", NULL };
	static struct run r;

	input_len = sizeof(eperm_new);
	run_tool(&r, eperm_new, 0, args);
	ASSERT_TRUE(WIFEXITED(r.status));
	ASSERT_EQ(1, WEXITSTATUS(r.status)) TH_LOG("%s", r.err);
	ASSERT_NE(NULL, strstr(r.out, "stdin: 1 filter, 4 instructions\n"));
	ASSERT_NE(NULL, strstr(r.out, "x86_64: syscall 1048575 -> ERRNO(EPERM)"));
	ASSERT_NE(NULL, strstr(r.out, "i386: syscall 1048575 -> ERRNO(EPERM)"));
	/* Well-known casualties first: those above 450 on x86_64. */
	ASSERT_NE(NULL, strstr(r.out, "answered the same way: fchmodat2 cachestat"))
		TH_LOG("%s", r.out);
}

static pid_t filtered_child(struct __test_metadata *_metadata, bool filter)
{
	struct sock_fprog prog = { .len = 4, .filter = eperm_new };
	int ready[2];
	pid_t pid;
	char c;

	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	if (!pid) {
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		if (filter && syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	ASSERT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);
	close(ready[1]);
	return pid;
}

static void end_child(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(check_pid_reads_filters)
{
	static struct run r, f;
	char pid_text[16], path[] = "/tmp/sdiag-bpf-XXXXXX";
	const char *args[] = { "check", "--pid", pid_text, "--json", NULL };
	const char *fargs[] = { "check", "--bpf", path, "--json", NULL };
	pid_t pid = filtered_child(_metadata, true);
	char *x86_64, *i386;
	int fd;

	if (getuid())
		SKIP(end_child(pid); return, "PTRACE_SECCOMP_GET_FILTER needs root");
	snprintf(pid_text, sizeof(pid_text), "%d", pid);
	run_tool(&r, NULL, 0, args);
	end_child(pid);
	ASSERT_TRUE(WIFEXITED(r.status));
	ASSERT_EQ(1, WEXITSTATUS(r.status)) TH_LOG("%s", r.err);
	ASSERT_NE(NULL, strstr(r.out, "\"answer\":\"ERRNO(EPERM)\""));
	ASSERT_NE(NULL, strstr(r.out, "\"verdict\":\"eperm\"}"));
	/* On x86_64, 451 and up are EPERM like the reserved number. */
	x86_64 = strstr(r.out, "\"abi\":\"x86_64\"");
	i386 = strstr(r.out, "\"abi\":\"i386\"");
	ASSERT_NE(NULL, x86_64);
	ASSERT_NE(NULL, i386);
	i386[0] = '\0';
	ASSERT_NE(NULL, strstr(x86_64, "\"cachestat\""));
	ASSERT_EQ(NULL, strstr(x86_64, "\"openat2\""));
	i386[0] = '"';

	/* The same program from a file gives the same answers. */
	fd = mkstemp(path);
	ASSERT_EQ((ssize_t)sizeof(eperm_new), write(fd, eperm_new, sizeof(eperm_new)));
	close(fd);
	run_tool(&f, NULL, 0, fargs);
	unlink(path);
	ASSERT_EQ(1, WEXITSTATUS(f.status)) TH_LOG("%s", f.err);
	ASSERT_EQ(0, strcmp(strstr(r.out, "\"abis\""), strstr(f.out, "\"abis\"")));
}

TEST(check_pid_without_filter)
{
	static struct run r;
	char pid_text[16];
	const char *args[] = { "check", "--pid", pid_text, NULL };
	pid_t pid = filtered_child(_metadata, false);

	snprintf(pid_text, sizeof(pid_text), "%d", pid);
	run_tool(&r, NULL, 0, args);
	end_child(pid);
	ASSERT_BAD_INPUT(&r, "has no seccomp filter");
}

TEST(check_pid_without_permission)
{
	static struct run r;
	char pid_text[16];
	const char *args[] = { "check", "--pid", pid_text, NULL };
	pid_t pid = filtered_child(_metadata, true);

	if (getuid())
		SKIP(end_child(pid); return, "needs root to drop to nobody");
	snprintf(pid_text, sizeof(pid_text), "%d", pid);
	run_tool(&r, NULL, 65534, args);
	end_child(pid);
	ASSERT_BAD_INPUT(&r, "CAP_SYS_ADMIN");
}

TEST(probe_this_host)
{
	static const char *const args[] = { "probe", "--json", NULL };
	static struct run r;

	run_tool(&r, NULL, 0, args);
	ASSERT_TRUE(WIFEXITED(r.status));
	/* The test runs unconfined: the reserved number must get ENOSYS. */
	ASSERT_NE(NULL, strstr(r.out, "\"syscall\":\"reserved\",\"nr\":1048575,\"result\":\"ENOSYS\""))
		TH_LOG("%s", r.out);
}

/* A fake /sys and tracefs below a temporary directory. */
static char root[64];

static void put(const char *rel, const char *text)
{
	char path[256], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (slash = path + strlen(root) + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void get(const char *rel, char *buf, size_t size)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	buf[0] = '\0';
	f = fopen(path, "r");
	if (f) {
		if (!fgets(buf, size, f))
			buf[0] = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
}

static void fake_root(void)
{
	snprintf(root, sizeof(root), "/tmp/sdiag-root-XXXXXX");
	if (!mkdtemp(root))
		abort();
	setenv("SECCOMP_DIAG_SYSROOT", root, 1);
}

static void drop_root(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		return;
}

#define EV "/sys/kernel/tracing/events/seccomp_diag/"

TEST(status_fake_module)
{
	static const char *const args[] = { "status", NULL };
	static const char *const jargs[] = { "status", "--json", NULL };
	static struct run r, j;

	fake_root();
	put("/sys/module/seccomp_diag/version", "9.8.7\n");
	put("/sys/module/seccomp_diag/refcnt", "0\n");
	put("/sys/module/seccomp_diag/parameters/check", "Y\n");
	put("/sys/module/seccomp_diag/parameters/probe_nr", "1048575\n");
	put("/sys/kernel/seccomp_diag/filters_checked", "12\n");
	put("/sys/kernel/seccomp_diag/filters_flagged", "3\n");
	put("/sys/kernel/seccomp_diag/errno_outcomes", "40\n");
	put("/sys/kernel/seccomp_diag/probes_missed", "check 0\noutcome 2\nnotif 0\n");
	put(EV "filter_check/enable", "1\n");
	put(EV "seccomp_errno/enable", "0\n");
	put(EV "notif_reply/enable", "0\n");
	put("/proc/sys/kernel/seccomp/actions_avail", "errno allow\n");
	run_tool(&r, NULL, 0, args);
	run_tool(&j, NULL, 0, jargs);
	drop_root();
	ASSERT_EQ(0, WEXITSTATUS(r.status)) TH_LOG("%s", r.err);
	ASSERT_NE(NULL, strstr(r.out, "module: loaded, version 9.8.7\n"));
	ASSERT_NE(NULL, strstr(r.out, "filters_checked=12 filters_flagged=3 errno_outcomes=40"));
	ASSERT_NE(NULL, strstr(r.out, "probes_missed: check=0 outcome=2 notif=0"));
	ASSERT_NE(NULL, strstr(r.out, "filter_check=on seccomp_errno=off notif_reply=off"));
	ASSERT_NE(NULL, strstr(r.out, "actions_avail: errno allow"));
	ASSERT_NE(NULL, strstr(j.out, "\"counters\":{\"filters_checked\":12,"));
}

TEST(status_no_module)
{
	static const char *const args[] = { "status", NULL };
	static struct run r;

	fake_root();
	run_tool(&r, NULL, 0, args);
	drop_root();
	ASSERT_EQ(1, WEXITSTATUS(r.status));
	ASSERT_NE(NULL, strstr(r.out, "module: not loaded"));
}

TEST(trace_no_tracefs)
{
	static const char *const args[] = { "trace", NULL };
	static struct run r;

	fake_root();
	run_tool(&r, NULL, 0, args);
	drop_root();
	ASSERT_BAD_INPUT(&r, "tracefs is not mounted");
}

TEST(trace_no_module)
{
	static const char *const args[] = { "trace", NULL };
	static struct run r;

	fake_root();
	put("/sys/kernel/tracing/events/sched/enable", "0\n");
	run_tool(&r, NULL, 0, args);
	drop_root();
	ASSERT_BAD_INPUT(&r, "module is not loaded");
}

static const char pipe_lines[] =
"  runc-77  [001] .....  10.000001: filter_check: pid=77 comm=runc init abi=x86_64 nr=1048575 action=ERRNO data=1 raw=0x00050001 flagged=1\n"
"  curl-80  [000] .....  10.000002: seccomp_errno: pid=80 tgid=80 comm=curl arch=x86_64 nr=437 err=1(EPERM) action=errno\n"
"  sup-81   [000] .....  10.000003: notif_reply: pid=81 comm=sup id=0x5 target=80 nr=435 arch=x86_64 error=-38 val=0 flags=0x0() ret=0\n"
"  bash-9   [000] .....  10.000004: sched_switch: prev_comm=bash\n";

/* Decoded lines, the filters in place while running, all put back. */
TEST(trace_decodes_and_restores)
{
	char path[256], text[256], out_path[128], out[4096];
	struct timespec pause_ = { 0, 20 * 1000 * 1000 };
	int fifo, i, status;
	pid_t pid;

	fake_root();
	put(EV "filter_check/enable", "0\n");
	put(EV "filter_check/filter", "none\n");
	put(EV "seccomp_errno/enable", "1\n");
	put(EV "seccomp_errno/filter", "pid == 5\n");
	put(EV "notif_reply/enable", "0\n");
	put(EV "notif_reply/filter", "none\n");
	snprintf(path, sizeof(path), "%s/sys/kernel/tracing/trace_pipe", root);
	ASSERT_EQ(0, mkfifo(path, 0600));
	fifo = open(path, O_RDWR);
	ASSERT_LE(0, fifo);

	snprintf(out_path, sizeof(out_path), "%s/out", root);
	pid = fork();
	if (!pid) {
		int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(out, 1);
		execl(tool(), tool(), "trace", "--pid", "80", "--errno", "eperm",
		      "--comm", "curl", "--seconds", "20", (char *)NULL);
		_exit(98);
	}
	for (i = 0; i < 250; i++) {
		get(EV "notif_reply/enable", text, sizeof(text));
		if (!strcmp(text, "1"))
			break;
		nanosleep(&pause_, NULL);
	}
	ASSERT_STREQ("1", text);
	get(EV "seccomp_errno/filter", text, sizeof(text));
	ASSERT_STREQ("(pid == 80 || tgid == 80) && comm == \"curl\" && err == 1", text);
	get(EV "notif_reply/filter", text, sizeof(text));
	ASSERT_STREQ("(pid == 80 || target == 80) && comm == \"curl\" && error == -1", text);
	get(EV "filter_check/filter", text, sizeof(text));
	ASSERT_STREQ("pid == 80 && comm == \"curl\" && action == 327681", text);
	ASSERT_EQ((ssize_t)strlen(pipe_lines), write(fifo, pipe_lines, strlen(pipe_lines)));
	for (i = 0; i < 250; i++) {
		get("/out", text, sizeof(text));
		if (text[0])
			break;
		nanosleep(&pause_, NULL);
	}
	nanosleep(&pause_, NULL);
	/* Ctrl-C: the events must be put back as they were. */
	kill(pid, SIGINT);
	waitpid(pid, &status, 0);
	close(fifo);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));

	get(EV "filter_check/enable", text, sizeof(text));
	ASSERT_STREQ("0", text);
	get(EV "filter_check/filter", text, sizeof(text));
	ASSERT_STREQ("0", text);
	get(EV "seccomp_errno/enable", text, sizeof(text));
	ASSERT_STREQ("1", text);
	get(EV "seccomp_errno/filter", text, sizeof(text));
	ASSERT_STREQ("pid == 5", text);

	i = open(out_path, O_RDONLY);
	slurp(i, out, sizeof(out));
	close(i);
	drop_root();
	ASSERT_NE(NULL, strstr(out, "10.000001 filter_check runc init pid 77 installed a filter: x86_64 syscall 1048575 -> ERRNO(EPERM): FLAGGED"))
		TH_LOG("%s", out);
	ASSERT_NE(NULL, strstr(out, "10.000002 seccomp_errno curl pid 80 tgid 80: x86_64 openat2 (437) failed with EPERM (errno)"))
		TH_LOG("%s", out);
	ASSERT_NE(NULL, strstr(out, "10.000003 notif_reply sup pid 81 answered pid 80: x86_64 clone3 (435): error ENOSYS"))
		TH_LOG("%s", out);
	/* Other events on the shared pipe pass through. */
	ASSERT_NE(NULL, strstr(out, "sched_switch: prev_comm=bash"));
}

TEST_HARNESS_MAIN
