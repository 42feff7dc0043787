// SPDX-License-Identifier: GPL-2.0
/*
 * The seccomp-diag command from the outside: every kind of bad input
 * ends in one line on stderr and exit status 3, never a signal; check
 * --pid reads real filters in the kernel's order and judges the whole
 * chain as the kernel runs it; probe, check --bpf, --pid and --profile
 * agree on findings and exit statuses; status and trace work on a fake
 * sysfs and tracefs (SECCOMP_DIAG_SYSROOT); the real module's status, check
 * --pid and decoded events are tested in the VM (tests/guest.sh).  i386
 * answers are expected only where int $0x80 works (host.h): tests/run runs
 * this program once more with IA32 emulation taken away.
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
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "diag.h"
#include "host.h"

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
/* Filters installed in the tool's process before exec, oldest first. */
static struct sock_fprog *child_filters[4];

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
	pid = host_fork();
	if (!pid) {
		dup2(in[0], 0);
		dup2(out, 1);
		dup2(err, 2);
		close(in[1]);
		if (uid && setresuid(uid, uid, uid))
			_exit(99);
		for (i = 0; i < 4 && child_filters[i]; i++) {
			prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
			if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0,
				    child_filters[i]))
				_exit(97);
		}
		execvp(argv[0], (char **)argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(98);
	}
	close(in[0]);
	if (input && write(in[1], input, input_len) < 0)
		abort();
	close(in[1]);
	r->status = host_wait(pid);
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

/* Exit 3, one "seccomp-diag: ..." line on stderr containing @needle. */
static void assert_bad_input(struct __test_metadata *_metadata,
			     const struct run *r, const char *needle)
{
	ASSERT_TRUE(WIFEXITED(r->status))
		TH_LOG("killed by signal %d", WTERMSIG(r->status));
	ASSERT_EQ(3, WEXITSTATUS(r->status)) TH_LOG("stderr: %s", r->err);
	ASSERT_EQ(1, lines(r->err)) TH_LOG("stderr: %s", r->err);
	ASSERT_EQ(0, strncmp(r->err, "seccomp-diag: ", 14));
	ASSERT_NE(NULL, strstr(r->err, needle))
		TH_LOG("'%s' not in: %s", needle, r->err);
}

#define BAD(name, needle, ...)						\
TEST(name)								\
{									\
	static const char *const args[] = { __VA_ARGS__, NULL };	\
	static struct run r;						\
									\
	run_tool(&r, NULL, 0, args);					\
	assert_bad_input(_metadata, &r, needle);			\
}

TEST(no_command)
{
	static const char *const args[] = { NULL };
	static struct run r;

	run_tool(&r, NULL, 0, args);
	assert_bad_input(_metadata, &r, "missing command");
}

BAD(unknown_command, "unknown command", "frobnicate")
BAD(help_unknown_command, "unknown command", "help", "frobnicate")
BAD(status_unknown_option, "unknown option '--frob'", "status", "--frob")
BAD(status_extra_argument, "unexpected argument", "status", "extra")
BAD(probe_bad_nr, "invalid --nr", "probe", "--nr", "12abc")
BAD(probe_nr_x32_bit, "invalid --nr", "probe", "--nr", "0x40000000")
BAD(probe_missing_argument, "needs an argument", "probe", "--nr")
BAD(check_no_source, "missing --pid PID, --bpf FILE or --profile", "check")
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

/*
 * A kernel no newer than the tool's built-in tables (linux-source-6.1),
 * which then answer alone (SECCOMP_DIAG_SYSCALL_TABLES=builtin in make
 * check): the expected names do not depend on the host's kernel.
 */
#define OSRELEASE "/proc/sys/kernel/osrelease"
#define TABLES_RELEASE "6.1.0-57-amd64\n"

/* Raw filters fed through stdin, each broken in one way. */
static void check_stdin(struct __test_metadata *_metadata,
			const struct sock_filter *insns, size_t size,
			const char *needle)
{
	char path[] = "/tmp/sdiag-bpf-XXXXXX";
	const char *const fargs[] = { "check", "--bpf", path, NULL };
	static struct run r;
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)size, write(fd, insns, size));
	close(fd);
	run_tool(&r, NULL, 0, fargs);
	unlink(path);
	assert_bad_input(_metadata, &r, needle);
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

/* EPERM above 434 (pidfd_open), else allowed: the classic broken profile. */
static struct sock_filter eperm_new[] = {
	STMT(BPF_LD | BPF_W | BPF_ABS, 0),
	BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 434, 0, 1),
	STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	RET_ALLOW,
};

TEST(bpf_stdin_eperm_found)
{
	static const char *const args[] = { "check", "--bpf", "-", NULL };
	static struct run r;

	input_len = sizeof(eperm_new);
	fake_root();
	put(OSRELEASE, TABLES_RELEASE);
	run_tool(&r, eperm_new, 0, args);
	drop_root();
	unsetenv("SECCOMP_DIAG_SYSROOT");
	ASSERT_TRUE(WIFEXITED(r.status));
	ASSERT_EQ(1, WEXITSTATUS(r.status)) TH_LOG("%s", r.err);
	ASSERT_NE(NULL, strstr(r.out, "stdin: 1 filter, 4 instructions\n"));
	ASSERT_NE(NULL, strstr(r.out, "x86_64: syscall 1048575 -> ERRNO(EPERM)"));
	ASSERT_NE(NULL, strstr(r.out, "i386: syscall 1048575 -> ERRNO(EPERM)"));
	/* Casualties first, in casualties.h order, then by number. */
	ASSERT_NE(NULL, strstr(r.out,
			       "answered the same way: clone3 faccessat2\n    close_range openat2 pidfd_getfd"))
		TH_LOG("%s", r.out);
	ASSERT_NE(NULL, strstr(r.out, "\nverdict: BAD: EPERM for unknown syscalls"));
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
	const char *const args[] = { "check", "--pid", pid_text, "--json", NULL };
	const char *const fargs[] = { "check", "--bpf", path, "--json", NULL };
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
	/* On x86_64, 435 and up are EPERM like the reserved number. */
	x86_64 = strstr(r.out, "\"abi\":\"x86_64\"");
	i386 = strstr(r.out, "\"abi\":\"i386\"");
	ASSERT_NE(NULL, x86_64);
	ASSERT_NE(NULL, i386);
	i386[0] = '\0';
	ASSERT_NE(NULL, strstr(x86_64, "\"clone3\""));
	ASSERT_EQ(NULL, strstr(x86_64, "\"pidfd_open\""));
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
	const char *const args[] = { "check", "--pid", pid_text, NULL };
	pid_t pid = filtered_child(_metadata, false);

	snprintf(pid_text, sizeof(pid_text), "%d", pid);
	run_tool(&r, NULL, 0, args);
	end_child(pid);
	assert_bad_input(_metadata, &r, "has no seccomp filter");
}

TEST(check_pid_without_permission)
{
	static struct run r;
	char pid_text[16];
	const char *const args[] = { "check", "--pid", pid_text, NULL };
	pid_t pid = filtered_child(_metadata, true);

	if (getuid())
		SKIP(end_child(pid); return, "needs root to drop to nobody");
	snprintf(pid_text, sizeof(pid_text), "%d", pid);
	run_tool(&r, NULL, 65534, args);
	end_child(pid);
	assert_bad_input(_metadata, &r, "CAP_SYS_ADMIN");
}

TEST(probe_this_host)
{
	static const char *const args[] = { "probe", "--json", NULL };
	static struct run r;

	run_tool(&r, NULL, 0, args);
	ASSERT_TRUE(WIFEXITED(r.status));
	/* The test runs unconfined: the reserved number must get ENOSYS. */
	ASSERT_NE(NULL, strstr(r.out,
			       "\"syscall\":\"reserved\",\"nr\":1048575,\"result\":\"ENOSYS\""))
		TH_LOG("%s", r.out);
}

#define EV "/sys/kernel/tracing/events/seccomp_diag/"

/* Run the tool with @args under a fake root holding @files (path, text pairs). */
static void run_faked(struct run *r, const char *const *files,
		      const char *const *args)
{
	fake_root();
	for (; *files; files += 2)
		put(files[0], files[1]);
	run_tool(r, NULL, 0, args);
	drop_root();
}

static const char *const status_args[] = { "status", NULL };
static const char *const status_json_args[] = { "status", "--json", NULL };
static const char *const trace_args[] = { "trace", NULL };
static const char *const no_files[] = { NULL };

/* status, and status --json, of a fake root holding @files: both exit 0. */
static void status_of(struct __test_metadata *_metadata,
		      const char *const *files, struct run *r, struct run *j)
{
	run_faked(r, files, status_args);
	run_faked(j, files, status_json_args);
	ASSERT_EQ(0, WEXITSTATUS(r->status)) TH_LOG("%s", r->err);
	ASSERT_EQ(0, WEXITSTATUS(j->status)) TH_LOG("%s", j->err);
}

TEST(status_fake_module)
{
	static const char *const files[] = {
		"/sys/module/seccomp_diag/version", "9.8.7\n",
		"/sys/module/seccomp_diag/refcnt", "0\n",
		"/sys/module/seccomp_diag/parameters/check", "Y\n",
		"/sys/module/seccomp_diag/parameters/probe_nr", "1048575\n",
		"/sys/kernel/seccomp_diag/filters_checked", "12\n",
		"/sys/kernel/seccomp_diag/filters_flagged", "3\n",
		"/sys/kernel/seccomp_diag/errno_outcomes", "40\n",
		"/sys/kernel/seccomp_diag/probes_missed", "check 0\noutcome 2\nnested 1\n",
		EV "filter_check/enable", "1\n",
		EV "seccomp_errno/enable", "0\n",
		EV "notif_reply/enable", "0\n",
		"/proc/sys/kernel/seccomp/actions_avail", "errno allow\n",
		NULL };
	static struct run r, j;

	status_of(_metadata, files, &r, &j);
	ASSERT_NE(NULL, strstr(r.out, "module: loaded, version 9.8.7\n"));
	ASSERT_NE(NULL, strstr(r.out, "filters_checked=12 filters_flagged=3 errno_outcomes=40"));
	ASSERT_NE(NULL, strstr(r.out, "probes_missed: check=0 outcome=2 nested=1"));
	ASSERT_NE(NULL, strstr(r.out, "filter_check=on seccomp_errno=off notif_reply=off"));
	ASSERT_NE(NULL, strstr(r.out, "actions_avail: errno allow"));
	ASSERT_NE(NULL, strstr(j.out, "\"counters\":{\"filters_checked\":12,"));
}

/* A module with the filters_casualties counter: shown in its place. */
TEST(status_casualties_counter)
{
	static const char *const files[] = {
		"/sys/module/seccomp_diag/version", "9.8.7\n",
		"/sys/kernel/seccomp_diag/filters_checked", "12\n",
		"/sys/kernel/seccomp_diag/filters_flagged", "3\n",
		"/sys/kernel/seccomp_diag/filters_casualties", "2\n",
		"/sys/kernel/seccomp_diag/errno_outcomes", "40\n",
		NULL };
	static struct run r, j;

	status_of(_metadata, files, &r, &j);
	ASSERT_NE(NULL, strstr(r.out,
			       "filters_checked=12 filters_flagged=3 filters_casualties=2 errno_outcomes=40"))
		TH_LOG("%s", r.out);
	ASSERT_NE(NULL, strstr(j.out,
			       "\"filters_flagged\":3,\"filters_casualties\":2,\"errno_outcomes\":40"))
		TH_LOG("%s", j.out);
}

TEST(status_no_module)
{
	static struct run r;

	run_faked(&r, no_files, status_args);
	ASSERT_EQ(1, WEXITSTATUS(r.status));
	ASSERT_NE(NULL, strstr(r.out, "module: not loaded"));
}

TEST(trace_no_tracefs)
{
	static struct run r;

	run_faked(&r, no_files, trace_args);
	assert_bad_input(_metadata, &r, "tracefs is not mounted");
}

TEST(trace_no_module)
{
	static const char *const files[] = {
		"/sys/kernel/tracing/events/sched/enable", "0\n", NULL };
	static struct run r;

	run_faked(&r, files, trace_args);
	assert_bad_input(_metadata, &r, "module is not loaded");
}

/* Event formats as the 6.1 kernel writes them, the fields after the common ones. */
static void put_format(const char *event, int id, const char *fields)
{
	char rel[128], text[2048];

	snprintf(rel, sizeof(rel), EV "%s/format", event);
	snprintf(text, sizeof(text),
		 "name: %s\nID: %d\nformat:\n"
		 "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
		 "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
		 "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
		 "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
		 "%s\nprint fmt: \"pid=%%d\", REC->pid\n", event, id, fields);
	put(rel, text);
	snprintf(rel, sizeof(rel), EV "%s/enable", event);
	put(rel, "0\n");
}

/*
 * trace reads the events by their format files: a module whose event lacks
 * a field the decoder needs is refused with a clear message, not misread.
 */
TEST(trace_checks_event_formats)
{
	static const char *const args[] = { "trace", "--seconds", "1", NULL };
	static struct run r;

	fake_root();
	put("/sys/kernel/tracing/events/header_page",
	    "\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
	    "\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
	    "\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
	    "\tfield: char data;\toffset:16;\tsize:4080;\tsigned:1;\n");
	put("/sys/kernel/tracing/events/header_event",
	    "# compressed entry header\n\ttype_len    :    5 bits\n"
	    "\ttime_delta  :   27 bits\n\tarray       :   32 bits\n\n"
	    "\tpadding     : type == 29\n\ttime_extend : type == 30\n"
	    "\ttime_stamp : type == 31\n\tdata max type_len  == 28\n");
	put(EV "enable", "0\n");
	put_format("filter_check", 1501,
		   "\tfield:pid_t pid;\toffset:8;\tsize:4;\tsigned:1;\n"
		   "\tfield:char comm[16];\toffset:12;\tsize:16;\tsigned:0;\n"
		   "\tfield:int abi;\toffset:28;\tsize:4;\tsigned:1;\n"
		   "\tfield:int nr;\toffset:32;\tsize:4;\tsigned:1;\n"
		   "\tfield:u32 action;\toffset:36;\tsize:4;\tsigned:0;\n"
		   "\tfield:bool flagged;\toffset:40;\tsize:1;\tsigned:0;\n");
	/* seccomp_errno without its comm field */
	put_format("seccomp_errno", 1502,
		   "\tfield:pid_t pid;\toffset:8;\tsize:4;\tsigned:1;\n"
		   "\tfield:pid_t tgid;\toffset:12;\tsize:4;\tsigned:1;\n"
		   "\tfield:u32 arch;\toffset:16;\tsize:4;\tsigned:0;\n"
		   "\tfield:int nr;\toffset:20;\tsize:4;\tsigned:1;\n"
		   "\tfield:int err;\toffset:24;\tsize:4;\tsigned:1;\n"
		   "\tfield:int action;\toffset:28;\tsize:4;\tsigned:1;\n");
	put_format("notif_reply", 1503,
		   "\tfield:pid_t pid;\toffset:8;\tsize:4;\tsigned:1;\n");
	run_tool(&r, NULL, 0, args);
	drop_root();
	assert_bad_input(_metadata, &r, "the seccomp_errno event has no field comm");
}

/* ---- Chains, findings and exit statuses: check, probe, profiles ---- */

#define LD_NR STMT(BPF_LD | BPF_W | BPF_ABS, 0)
#define LD_ARCH STMT(BPF_LD | BPF_W | BPF_ABS, 4)
#define RET_ERRNO(e) STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (e))
/* A filter: its instructions, and the program seccomp(2) takes. */
#define FILTER_PROG(name, ...)						\
	static struct sock_filter name##_insns[] = { __VA_ARGS__ };	\
	static struct sock_fprog name = {				\
		ARRAY_SIZE(name##_insns), name##_insns			\
	}

/* ERRNO above 450 on every ABI: unknown syscalls, the reserved one too. */
FILTER_PROG(above_eperm,
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 450, 0, 1),
	    RET_ERRNO(EPERM), RET_ALLOW);

FILTER_PROG(above_enosys,
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 450, 0, 1),
	    RET_ERRNO(ENOSYS), RET_ALLOW);

FILTER_PROG(allow_all, RET_ALLOW);

/* runc's stub with a profile lacking clone3: moby#42680. */
FILTER_PROG(clone3_eperm,
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 450, 2, 0),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 435, 2, 0),
	    RET_ALLOW, RET_ERRNO(ENOSYS), RET_ERRNO(EPERM));

/* EPERM on purpose for syscalls that are no casualties. */
FILTER_PROG(purposeful_eperm,
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 440, 1, 0),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 442, 0, 1),
	    RET_ERRNO(EPERM), RET_ALLOW);

/* EACCES for statx: not the kernel's answer, not EPERM. */
FILTER_PROG(statx_eacces,
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 332, 0, 1),
	    RET_ERRNO(EACCES), RET_ALLOW);

/* EPERM for every x32 number, the rest allowed. */
FILTER_PROG(x32_eperm,
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x40000000, 0, 1),
	    RET_ERRNO(EPERM), RET_ALLOW);

/* libseccomp's bad-arch action for i386, ENOSYS above 450 elsewhere. */
FILTER_PROG(i386_killed,
	    LD_ARCH, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x40000003, 0, 1),
	    STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 450, 0, 1),
	    RET_ERRNO(ENOSYS), RET_ALLOW);

FILTER_PROG(eperm_all, RET_ERRNO(EPERM));

static void write_file(const char *path, const struct sock_fprog *prog)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, prog->filter, prog->len * 8) != prog->len * 8)
		abort();
	close(fd);
}

static int exit_of(const struct run *r)
{
	return WIFEXITED(r->status) ? WEXITSTATUS(r->status) : -1;
}

/*
 * A child under @older then @newer answers the reserved number with the
 * errno it returns; check --pid on it and check --bpf on the same two
 * files must say what the kernel really answered.
 */
static void chain_case(struct __test_metadata *_metadata,
		       struct sock_fprog *older, struct sock_fprog *newer,
		       int want_exit, int want_errno)
{
	static struct run r, f;
	char pid_text[16], p1[] = "/tmp/sdiag-old-XXXXXX", p2[] = "/tmp/sdiag-new-XXXXXX";
	const char *const args[] = { "check", "--pid", pid_text, NULL };
	const char *const fargs[] = { "check", "--bpf", p1, "--bpf", p2, NULL };
	int ready[2], real = -1;
	pid_t pid;

	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	if (!pid) {
		long ret;

		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, older) ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, newer))
			_exit(1);
		ret = syscall(1048575);
		real = ret < 0 ? errno : 0;
		if (write(ready[1], &real, sizeof(real)) != sizeof(real))
			_exit(1);
		for (;;)
			pause();
	}
	ASSERT_EQ((ssize_t)sizeof(real), read(ready[0], &real, sizeof(real)));
	close(ready[0]);
	close(ready[1]);
	snprintf(pid_text, sizeof(pid_text), "%d", pid);
	run_tool(&r, NULL, 0, args);
	end_child(pid);
	ASSERT_EQ(want_errno, real) TH_LOG("the kernel answered errno %d", real);
	ASSERT_EQ(want_exit, exit_of(&r)) TH_LOG("%s%s", r.out, r.err);
	ASSERT_NE(NULL, strstr(r.out, ": 2 filters, ")) TH_LOG("%s", r.out);

	close(mkstemp(p1));
	close(mkstemp(p2));
	write_file(p1, older);
	write_file(p2, newer);
	run_tool(&f, NULL, 0, fargs);
	unlink(p1);
	unlink(p2);
	ASSERT_EQ(want_exit, exit_of(&f)) TH_LOG("%s%s", f.out, f.err);
	/* Same per-ABI lines from the task and from the files. */
	ASSERT_EQ(0, strcmp(strchr(r.out, '\n'), strchr(f.out, '\n')))
		TH_LOG("pid:\n%s\nfiles:\n%s", r.out, f.out);
}

TEST(chain_eperm_then_enosys_is_fine)
{
	struct sock_fprog a = above_eperm, b = above_enosys;

	chain_case(_metadata, &a, &b, 0, ENOSYS);
}

TEST(chain_enosys_then_eperm_is_bad)
{
	struct sock_fprog a = above_enosys, b = above_eperm;

	chain_case(_metadata, &a, &b, 1, EPERM);
}

TEST(chain_old_eperm_under_newer_allow_is_bad)
{
	struct sock_fprog a = above_eperm, b = allow_all;

	chain_case(_metadata, &a, &b, 1, EPERM);
}

/*
 * check --bpf [--all] under a fake root holding @files (path, text pairs,
 * NULL ended; "CONFIG" stands for the running kernel's /boot/config).
 */
static void check_bpf(struct run *r, struct sock_fprog *prog,
		      const char *const *files, bool all)
{
	char path[] = "/tmp/sdiag-bpf-XXXXXX";
	const char *const args[] = { "check", "--bpf", path, all ? "--all" : NULL, NULL };
	struct utsname uts;
	char config[128];

	if (uname(&uts))
		abort();
	snprintf(config, sizeof(config), "/boot/config-%s", uts.release);
	fake_root();
	for (; *files; files += 2)
		put(strcmp(files[0], "CONFIG") ? files[0] : config, files[1]);
	close(mkstemp(path));
	write_file(path, prog);
	run_tool(r, NULL, 0, args);
	unlink(path);
	drop_root();
	unsetenv("SECCOMP_DIAG_SYSROOT");
}

/* check --bpf FILE with the x32 switch (NULL: none) in a fake /sys. */
static void check_files(struct run *r, const char *x32, struct sock_fprog *prog,
			bool all)
{
	const char *const files[] = {
		"/sys/module/syscall/parameters/x32", x32, NULL };

	check_bpf(r, prog, x32 ? files : files + 2, all);
}

/*
 * check --bpf of @prog with x32 off: exit @want_exit and, unless NULL,
 * @text in the report; the report, for more checks.
 */
static const struct run *expect_check(struct __test_metadata *_metadata,
				      struct sock_fprog *prog, int want_exit,
				      const char *text)
{
	static struct run r;

	check_files(&r, "N\n", prog, false);
	ASSERT_EQ(want_exit, exit_of(&r)) TH_LOG("%s%s", r.out, r.err);
	if (text)
		ASSERT_NE(NULL, strstr(r.out, text)) TH_LOG("%s", r.out);
	return &r;
}

TEST(check_casualty_finding)
{
	const struct run *r = expect_check(_metadata, &clone3_eperm, 1,
					   "x86_64: syscall 1048575 -> ERRNO(ENOSYS): good");

	ASSERT_NE(NULL, strstr(r->out, "x86_64: casualty clone3 -> ERRNO(EPERM): BAD, glibc"))
		TH_LOG("%s", r->out);
	ASSERT_NE(NULL, strstr(r->out,
			       "\nverdict: BAD: EPERM for syscalls whose callers fall back only on ENOSYS\n"));
}

TEST(check_purposeful_eperm_is_no_finding)
{
	const struct run *r = expect_check(_metadata, &purposeful_eperm, 0, NULL);

	ASSERT_EQ(NULL, strstr(r->out, "casualty"));
}

TEST(check_x32_only_eperm)
{
	struct sock_fprog prog = x32_eperm;
	static struct run off, on, none;

	check_files(&off, "N\n", &prog, false);
	check_files(&on, "Y\n", &prog, false);
	check_files(&none, NULL, &prog, false);
	ASSERT_EQ(0, exit_of(&off)) TH_LOG("%s%s", off.out, off.err);
	ASSERT_NE(NULL, strstr(off.out, "x32: information: x32 is off"));
	ASSERT_EQ(1, exit_of(&on)) TH_LOG("%s%s", on.out, on.err);
	ASSERT_NE(NULL, strstr(on.out, "x32: syscall 0x400fffff -> ERRNO(EPERM): BAD"));
	/* Nothing readable: what an x32 call of the tool's own does. */
	if (syscall(0x40000000 | 110) >= 0) {	/* x32 getppid */
		ASSERT_EQ(1, exit_of(&none)) TH_LOG("%s%s", none.out, none.err);
	} else {
		ASSERT_EQ(0, exit_of(&none)) TH_LOG("%s%s", none.out, none.err);
		ASSERT_NE(NULL, strstr(none.out,
				       "x32: information: x32 is off in this kernel (an x32 syscall the seccomp filters let through gets ENOSYS)"))
			TH_LOG("%s", none.out);
	}
}

/* Nothing readable and every x32 call denied: unknown is not off. */
TEST(check_x32_unknown_is_a_finding)
{
	struct sock_fprog prog = x32_eperm;
	static struct run r;

	child_filters[0] = &prog;
	check_files(&r, NULL, &prog, false);
	child_filters[0] = NULL;
	ASSERT_EQ(1, exit_of(&r)) TH_LOG("%s%s", r.out, r.err);
	ASSERT_NE(NULL, strstr(r.out, "x32: syscall 0x400fffff -> ERRNO(EPERM): BAD"));
	ASSERT_NE(NULL, strstr(r.out, "x32: note: the x32 switch could not be read"))
		TH_LOG("%s", r.out);
}

/* The x32 switch's cascade: sysfs, /proc/cmdline, /boot/config. */
#define DEBIAN_CONFIG "CONFIG_X86_X32_ABI=y\nCONFIG_X86_X32_DISABLED=y\n"

TEST(x32_switch_from_cmdline_when_sysfs_is_hidden)
{
	static const char *const on[] = {
		"/proc/cmdline", "root=/dev/vda syscall.x32=y quiet\n", NULL };
	static const char *const off[] = {
		"/proc/cmdline", "syscall.x32=y syscall.x32=N\n",
		"CONFIG", "CONFIG_X86_X32_ABI=y\n", NULL };
	static const char *const after_dashes[] = {
		"/proc/cmdline", "quiet -- syscall.x32=y\n", "CONFIG", DEBIAN_CONFIG, NULL };
	struct sock_fprog prog = x32_eperm;
	static struct run r1, r2, r3;

	check_bpf(&r1, &prog, on, false);
	ASSERT_EQ(1, exit_of(&r1)) TH_LOG("%s%s", r1.out, r1.err);
	ASSERT_EQ(NULL, strstr(r1.out, "note:")) TH_LOG("%s", r1.out);
	/* A build that is on by default: the last word is syscall.x32=N. */
	check_bpf(&r2, &prog, off, false);
	ASSERT_EQ(0, exit_of(&r2)) TH_LOG("%s%s", r2.out, r2.err);
	ASSERT_NE(NULL, strstr(r2.out, "x32: information: x32 is off")) TH_LOG("%s", r2.out);
	/* Init's arguments are not the kernel's; Debian's default is off. */
	check_bpf(&r3, &prog, after_dashes, false);
	ASSERT_EQ(0, exit_of(&r3)) TH_LOG("%s%s", r3.out, r3.err);
	ASSERT_NE(NULL, strstr(r3.out, "x32: information: x32 is off")) TH_LOG("%s", r3.out);
}

TEST(x32_switch_from_build_config)
{
	static const char *const without[] = {
		"/sys/module/kernel/parameters/panic", "0\n",
		"CONFIG", "# CONFIG_X86_X32_ABI is not set\n", NULL };
	static const char *const no_switch[] = {
		"/sys/module/kernel/parameters/panic", "0\n",
		"/proc/cmdline", "syscall.x32=n\n",
		"CONFIG", "CONFIG_X86_X32_ABI=y\n", NULL };
	static const char *const sysfs_wins[] = {
		"/sys/module/syscall/parameters/x32", "Y\n",
		"/proc/cmdline", "quiet\n", "CONFIG", DEBIAN_CONFIG, NULL };
	struct sock_fprog prog = x32_eperm;
	static struct run r1, r2, r3;

	check_bpf(&r1, &prog, without, false);
	ASSERT_EQ(0, exit_of(&r1)) TH_LOG("%s%s", r1.out, r1.err);
	ASSERT_NE(NULL, strstr(r1.out, "x32: information: this kernel is built without x32"))
		TH_LOG("%s", r1.out);
	/* A visible /sys/module without the switch: no switch to obey. */
	check_bpf(&r2, &prog, no_switch, false);
	ASSERT_EQ(1, exit_of(&r2)) TH_LOG("%s%s", r2.out, r2.err);
	ASSERT_EQ(NULL, strstr(r2.out, "note:")) TH_LOG("%s", r2.out);
	check_bpf(&r3, &prog, sysfs_wins, false);
	ASSERT_EQ(1, exit_of(&r3)) TH_LOG("%s%s", r3.out, r3.err);
}

/* EPERM for fchmodat2 (452), ENOSYS above 450: runc on Linux 6.1. */
FILTER_PROG(fchmodat2_eperm,
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 452, 2, 0),
	    BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 450, 2, 0),
	    RET_ALLOW, RET_ERRNO(EPERM), RET_ERRNO(ENOSYS));

/*
 * Linux 6.1, whose /proc/kallsyms (or a newer one's, below) tells which
 * of the syscalls the built-in tables lack it has: it is asked only on a
 * kernel newer than them.
 */
#define X32_OFF "/sys/module/syscall/parameters/x32", "N\n"
#define KALLSYMS "/proc/kallsyms"
#define KSYMS_FCHMODAT2 \
	"ffffffff81001000 T _stext\n" \
	"ffffffff812e5a10 T __x64_sys_read\n" \
	"ffffffff812e5a40 T __ia32_sys_read\n" \
	"ffffffff815af850 T __x64_sys_cachestat\n" \
	"ffffffff815af890 T __ia32_sys_cachestat\n" \
	"ffffffff816d7a70 T __x64_sys_fchmodat2\n" \
	"ffffffff816d7ab0 T __ia32_sys_fchmodat2\n" \
	"ffffffffc0a01000 t sdiag_init\t[seccomp_diag]\n"
static const char *const on_6_1[] = {
	X32_OFF, OSRELEASE, TABLES_RELEASE, KALLSYMS, KSYMS_FCHMODAT2, NULL };

/* A casualty the kernel's table lacks: EPERM still breaks its caller. */
TEST(check_casualty_missing_from_kernel)
{
	struct sock_fprog prog = fchmodat2_eperm;
	static struct run r;

	/* Linux 6.1's tables, which have no fchmodat2, on Linux 6.1. */
	setenv("SECCOMP_DIAG_SYSCALL_TABLES", "builtin", 1);
	check_bpf(&r, &prog, on_6_1, false);
	unsetenv("SECCOMP_DIAG_SYSCALL_TABLES");
	ASSERT_EQ(1, exit_of(&r)) TH_LOG("%s%s", r.out, r.err);
	ASSERT_NE(NULL, strstr(r.out,
			       "x86_64: casualty fchmodat2 (not in this kernel, which would answer ENOSYS) -> ERRNO(EPERM): BAD"))
		TH_LOG("%s", r.out);
	if (host_ia32()) {
		ASSERT_NE(NULL, strstr(r.out, "i386: casualty fchmodat2 ")) TH_LOG("%s", r.out);
	} else {
		ASSERT_NE(NULL, strstr(r.out, "i386: information: " SDIAG_NO_IA32))
			TH_LOG("%s", r.out);
	}
}

TEST(check_bad_arch_kill_is_information)
{
	if (!host_ia32())
		SKIP(return, HOST_NO_IA32 ": no i386 chain to judge");
	expect_check(_metadata, &i386_killed, 0,
		     "i386: information: the chain kills every syscall");
}

TEST(check_other_answer)
{
	struct sock_filter insns[] = { STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP) };
	struct sock_fprog prog = { ARRAY_SIZE(insns), insns };

	/* TRAP for everything: no fallback breaks by EPERM, yet not ENOSYS. */
	insns[0].k = SECCOMP_RET_ERRNO | EACCES;
	expect_check(_metadata, &prog, 2, "\nverdict: UNCLEAR");
}

/*
 * Implemented syscalls of an ABI, counted from the kernel's .tbl file:
 * rows with an entry point other than sys_ni_syscall; i386 through its
 * compat entry point when the row has one (a 64-bit kernel's table).
 */
static int tbl_count(const char *file, const char *abis, bool compat)
{
	const char *dir = getenv("SDIAG_TBL_DIR");
	char path[512], line[256], abi[32], name[64], entry[128], centry[128];
	int count = 0;
	FILE *f;

	if (!dir)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned int nr;
		char key[40];
		int n;

		if (line[0] == '#')
			continue;
		n = sscanf(line, "%u %31s %63s %127s %127s", &nr, abi, name,
			   entry, centry);
		if (n < 4)
			continue;
		snprintf(key, sizeof(key), ",%s,", abi);
		if (!strstr(abis, key))
			continue;
		if (!strcmp(compat && n == 5 ? centry : entry, "sys_ni_syscall"))
			continue;
		count++;
	}
	fclose(f);
	return count;
}

TEST(check_counts_and_names_like_the_kernel_tables)
{
	struct sock_fprog prog = eperm_all;
	int x86_64 = tbl_count("syscall_64.tbl", ",common,64,", false);
	int i386 = tbl_count("syscall_32.tbl", ",i386,", true);
	int x32 = tbl_count("syscall_64.tbl", ",common,x32,", false);
	const struct { const char *abi; int count; } abis[] = {
		{ "x86_64", x86_64 }, { "i386", i386 }, { "x32", x32 },
	};
	static struct run r;
	char want[128];
	unsigned int i;

	if (x86_64 < 0 || i386 < 0 || x32 < 0)
		SKIP(return, "no syscall tables (SDIAG_TBL_DIR)");
	check_files(&r, "N\n", &prog, true);
	ASSERT_EQ(1, exit_of(&r)) TH_LOG("%s", r.err);
	for (i = 0; i < ARRAY_SIZE(abis); i++) {
		snprintf(want, sizeof(want), "%s: %d implemented syscalls answered",
			 abis[i].abi, abis[i].count);
		ASSERT_NE(NULL, strstr(r.out, want))
			TH_LOG("want '%s' in %.300s", want, r.out);
	}
	/* Table names, never entry points; i386 from its own table. */
	ASSERT_NE(NULL, strstr(r.out, " oldstat"));
	ASSERT_NE(NULL, strstr(r.out, " olduname"));
	ASSERT_NE(NULL, strstr(r.out, " futex_time64"));
	ASSERT_EQ(NULL, strstr(r.out, " newuname"));
	/* No entry point: not implemented, not listed. */
	ASSERT_EQ(NULL, strstr(r.out, " tuxcall"));
	ASSERT_EQ(NULL, strstr(r.out, " afs_syscall"));
	/* sys_ni_syscall entry points, and i386's without a compat one. */
	ASSERT_EQ(NULL, strstr(r.out, " _sysctl"));
	ASSERT_EQ(NULL, strstr(r.out, " vm86old"));
}

/* A kernel build directory with tiny generated syscall headers. */
static void fake_tables(const char *dir)
{
	static const char *const abis[] = { "64", "32", "x32" };
	char path[256];
	int i;

	for (i = 0; i < 3; i++) {
		bool x32 = !strcmp(abis[i], "x32");
		FILE *f;

		snprintf(path, sizeof(path), "mkdir -p %s/arch/x86/include/generated/uapi/asm %s/arch/x86/include/generated/asm",
			 dir, dir);
		if (system(path))
			abort();
		snprintf(path, sizeof(path), "%s/arch/x86/include/generated/uapi/asm/unistd_%s.h",
			 dir, abis[i]);
		f = fopen(path, "w");
		fprintf(f, x32 ? "#define __NR_read (__X32_SYSCALL_BIT + 0)\n"
			"#define __NR_write (__X32_SYSCALL_BIT + 1)\n"
			"#define __NR_clone3 (__X32_SYSCALL_BIT + 435)\n" :
			"#define __NR_read 0\n#define __NR_write 1\n#define __NR_clone3 435\n");
		fclose(f);
		snprintf(path, sizeof(path), "%s/arch/x86/include/generated/asm/syscalls_%s.h",
			 dir, abis[i]);
		f = fopen(path, "w");
		/* write: sys_ni_syscall; i386's compat column is its entry. */
		fprintf(f, "__SYSCALL(0, sys_read)\n__SYSCALL(1, sys_ni_syscall)\n%s",
			i == 1 ? "__SYSCALL_WITH_COMPAT(435, sys_clone3, sys_ni_syscall)\n" :
			"__SYSCALL(435, sys_clone3)\n");
		fclose(f);
	}
}

TEST(tables_from_a_kernel_build_directory)
{
	struct sock_fprog prog = eperm_all;
	char dir[] = "/tmp/sdiag-kbuild-XXXXXX", cmd[64];
	static struct run r, bad;

	ASSERT_NE(NULL, mkdtemp(dir));
	fake_tables(dir);
	setenv("SECCOMP_DIAG_SYSCALL_TABLES", dir, 1);
	check_files(&r, "Y\n", &prog, true);
	setenv("SECCOMP_DIAG_SYSCALL_TABLES", "/nonexistent", 1);
	check_files(&bad, "Y\n", &prog, true);
	unsetenv("SECCOMP_DIAG_SYSCALL_TABLES");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ASSERT_EQ(0, system(cmd));
	ASSERT_EQ(1, exit_of(&r)) TH_LOG("%s%s", r.out, r.err);
	ASSERT_NE(NULL, strstr(r.out,
			       "x86_64: 2 implemented syscalls answered the same way: clone3 read\n"))
		TH_LOG("%s", r.out);
	ASSERT_NE(NULL, strstr(r.out,
			       "i386: 1 implemented syscalls answered the same way: read\n"));
	ASSERT_NE(NULL, strstr(r.out,
			       "x32: 2 implemented syscalls answered the same way: clone3 read\n"));
	assert_bad_input(_metadata, &bad, "SECCOMP_DIAG_SYSCALL_TABLES=/nonexistent");
}

/* Debian's 6.1 headers hold the tables the module is built from. */
TEST(tables_from_headers_equal_the_built_in_ones)
{
	struct sock_fprog prog = eperm_all;
	static struct run builtin, headers;
	char dir[256] = "";
	FILE *p = popen("ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null | head -n 1", "r");

	if (p) {
		if (!fgets(dir, sizeof(dir), p))
			dir[0] = '\0';
		pclose(p);
	}
	dir[strcspn(dir, "\n")] = '\0';
	if (!dir[0])
		SKIP(return, "no linux-headers-6.1 package");
	setenv("SECCOMP_DIAG_SYSCALL_TABLES", "builtin", 1);
	check_files(&builtin, "Y\n", &prog, true);
	setenv("SECCOMP_DIAG_SYSCALL_TABLES", dir, 1);
	check_files(&headers, "Y\n", &prog, true);
	unsetenv("SECCOMP_DIAG_SYSCALL_TABLES");
	ASSERT_EQ(1, exit_of(&builtin)) TH_LOG("%s", builtin.err);
	ASSERT_EQ(1, exit_of(&headers)) TH_LOG("%s", headers.err);
	/* Past the first line, which names a temporary file. */
	ASSERT_EQ(0, strcmp(strchr(builtin.out, '\n'), strchr(headers.out, '\n')))
		TH_LOG("built in:\n%s\n%s:\n%s", builtin.out, dir, headers.out);
}

/* probe [--json] under @prog in a fake root holding @files (path, text pairs). */
static void probe_files(struct run *r, struct sock_fprog *prog,
			const char *const *files, bool json)
{
	const char *const args[] = { "probe", json ? "--json" : NULL, NULL };

	fake_root();
	for (; *files; files += 2)
		put(files[0], files[1]);
	child_filters[0] = prog;
	run_tool(r, NULL, 0, args);
	child_filters[0] = NULL;
	drop_root();
	unsetenv("SECCOMP_DIAG_SYSROOT");
}

/* probe run under @prog, as a program in that sandbox. */
static void probe_under(struct run *r, struct sock_fprog *prog)
{
	static const char *const files[] = {
		"/sys/module/syscall/parameters/x32", "N\n", NULL };

	probe_files(r, prog, files, false);
}

/* probe and check --bpf on the same filter: the same exit status. */
static void probe_agrees(struct __test_metadata *_metadata,
			 struct sock_fprog *prog, int want, const char *needle)
{
	static struct run p, c;

	probe_under(&p, prog);
	check_files(&c, "N\n", prog, false);
	ASSERT_EQ(want, exit_of(&p)) TH_LOG("%s%s", p.out, p.err);
	ASSERT_EQ(want, exit_of(&c)) TH_LOG("%s%s", c.out, c.err);
	ASSERT_NE(NULL, strstr(p.out, needle)) TH_LOG("'%s' not in:\n%s", needle, p.out);
}

TEST(probe_casualty)
{
	struct sock_fprog prog = clone3_eperm;

	probe_agrees(_metadata, &prog, 1, "x86_64 clone3 (435): EPERM: BAD, glibc");
}

TEST(probe_reserved_eperm)
{
	struct sock_fprog prog = above_eperm;

	probe_agrees(_metadata, &prog, 1, "x86_64 reserved syscall 1048575: EPERM: BAD");
}

TEST(probe_purposeful_eperm_is_no_finding)
{
	struct sock_fprog prog = purposeful_eperm;

	probe_agrees(_metadata, &prog, 0, "verdict: good");
}

TEST(probe_filter_errno_is_not_allowed)
{
	struct sock_fprog prog = statx_eacces;

	probe_agrees(_metadata, &prog, 0,
		     "x86_64 statx (332): EACCES: information, neither the kernel's own EINVAL");
}

TEST(probe_kernel_answer_is_allowed)
{
	struct sock_fprog prog = allow_all;

	probe_agrees(_metadata, &prog, 0,
		     "x86_64 clone3 (435): EINVAL: allowed, the kernel's own EINVAL");
}

TEST(probe_x32_off_is_information)
{
	struct sock_fprog prog = x32_eperm;

	probe_agrees(_metadata, &prog, 0, "x32 information: x32 is off");
}

/*
 * fchmodat2 (6.6) under the built-in 6.1 tables, asked of the kernel where
 * it is newer: on 6.1 and where /proc/kallsyms lacks it, "not in this
 * kernel"; where it has it, in the kernel (and check counts it among the
 * implemented syscalls); where kallsyms cannot tell, "unknown".
 */
static const char *const newer_with[] = {
	X32_OFF, OSRELEASE, "6.18.3-amd64\n", KALLSYMS, KSYMS_FCHMODAT2, NULL };
static const char *const newer_without[] = {
	X32_OFF, OSRELEASE, "6.18.3-amd64\n",
	KALLSYMS, "0 T _stext\n0 T __x64_sys_read\n0 T __ia32_sys_read\n", NULL };
static const char *const newer_no_kallsyms[] = {
	X32_OFF, OSRELEASE, "6.18.3-amd64\n", NULL };
static const char *const newer_no_names[] = {
	X32_OFF, OSRELEASE, "6.18.3-amd64\n", KALLSYMS, "", NULL };

static void casualty_on(struct __test_metadata *_metadata,
			const char *const *files, const char *check_text,
			const char *probe_text, const char *json_text)
{
	struct sock_fprog prog = fchmodat2_eperm;
	static struct run c, p, j;

	setenv("SECCOMP_DIAG_SYSCALL_TABLES", "builtin", 1);
	check_bpf(&c, &prog, files, false);
	probe_files(&p, &prog, files, false);
	probe_files(&j, &prog, files, true);
	unsetenv("SECCOMP_DIAG_SYSCALL_TABLES");
	ASSERT_EQ(1, exit_of(&c)) TH_LOG("%s%s", c.out, c.err);
	ASSERT_EQ(1, exit_of(&p)) TH_LOG("%s%s", p.out, p.err);
	ASSERT_EQ(1, exit_of(&j)) TH_LOG("%s%s", j.out, j.err);
	ASSERT_NE(NULL, strstr(c.out, check_text)) TH_LOG("'%s' not in:\n%s", check_text, c.out);
	ASSERT_NE(NULL, strstr(p.out, probe_text)) TH_LOG("'%s' not in:\n%s", probe_text, p.out);
	ASSERT_NE(NULL, strstr(j.out, json_text)) TH_LOG("'%s' not in:\n%s", json_text, j.out);
	if (host_ia32())
		ASSERT_NE(NULL, strstr(c.out, "i386: casualty fchmodat2")) TH_LOG("%s", c.out);
}

#define FCHMODAT2_JSON(kernel) \
	"{\"abi\":\"x86_64\",\"syscall\":\"fchmodat2\",\"nr\":452,\"result\":\"EPERM\",\"kernel\":" kernel ",\"verdict\":\"eperm\"}"

TEST(probe_casualty_missing_from_kernel)
{
	casualty_on(_metadata, on_6_1,
		    "x86_64: casualty fchmodat2 (not in this kernel, which would answer ENOSYS) -> ERRNO(EPERM): BAD",
		    "x86_64 fchmodat2 (452, not in this kernel): EPERM: BAD, glibc",
		    FCHMODAT2_JSON("\"ENOSYS\""));
	casualty_on(_metadata, newer_without,
		    "x86_64: casualty fchmodat2 (not in this kernel, which would answer ENOSYS) -> ERRNO(EPERM): BAD",
		    "x86_64 fchmodat2 (452, not in this kernel): EPERM: BAD, glibc",
		    FCHMODAT2_JSON("\"ENOSYS\""));
}

/* "ABI: N implemented syscalls answered the same way" of a check: N, or -1. */
static int count_of(const char *out, const char *abi)
{
	char want[32];
	const char *line;
	int n;

	snprintf(want, sizeof(want), "\n%s: ", abi);
	for (line = strstr(out, want); line; line = strstr(line + 1, want))
		if (sscanf(line + strlen(want), "%d implemented", &n) == 1)
			return n;
	return -1;
}

TEST(casualty_in_a_newer_kernel)
{
	struct sock_fprog prog = eperm_all;
	static struct run old, newer;
	int n_old, n_new;

	casualty_on(_metadata, newer_with,
		    "x86_64: casualty fchmodat2 -> ERRNO(EPERM): BAD",
		    "x86_64 fchmodat2 (452): EPERM: BAD, glibc",
		    FCHMODAT2_JSON("\"EINVAL\""));
	/* Counted and named like the module on that kernel: 2 more. */
	setenv("SECCOMP_DIAG_SYSCALL_TABLES", "builtin", 1);
	check_bpf(&old, &prog, on_6_1, true);
	check_bpf(&newer, &prog, newer_with, true);
	unsetenv("SECCOMP_DIAG_SYSCALL_TABLES");
	n_old = count_of(old.out, "x86_64");
	n_new = count_of(newer.out, "x86_64");
	ASSERT_LT(0, n_old) TH_LOG("%s", old.out);
	ASSERT_EQ(n_old + 2, n_new) TH_LOG("6.1:\n%s\nnewer:\n%s", old.out, newer.out);
	ASSERT_NE(NULL, strstr(newer.out, " cachestat")) TH_LOG("%s", newer.out);
	ASSERT_EQ(NULL, strstr(old.out, " cachestat")) TH_LOG("%s", old.out);
	/* A name libseccomp knows, not in this kallsyms. */
	ASSERT_EQ(NULL, strstr(newer.out, " futex_wake")) TH_LOG("%s", newer.out);
}

TEST(casualty_unknown_in_a_newer_kernel)
{
	casualty_on(_metadata, newer_no_kallsyms,
		    "x86_64: casualty fchmodat2 (unknown in this kernel, which may answer ENOSYS) -> ERRNO(EPERM): BAD",
		    "x86_64 fchmodat2 (452, unknown in this kernel): EPERM: BAD, glibc",
		    FCHMODAT2_JSON("null"));
	casualty_on(_metadata, newer_no_names,
		    "x86_64: casualty fchmodat2 (unknown in this kernel, which may answer ENOSYS) -> ERRNO(EPERM): BAD",
		    "x86_64 fchmodat2 (452, unknown in this kernel): EPERM: BAD, glibc",
		    FCHMODAT2_JSON("null"));
}

/* EPERM for the x32 reserved number only. */
FILTER_PROG(x32_reserved_eperm,
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x400fffff, 0, 1),
	    RET_ERRNO(EPERM), RET_ALLOW);

/* probe with nothing of the x32 switch readable, as under firejail. */
static void probe_hidden(struct run *r, struct sock_fprog *prog)
{
	static const char *const args[] = { "probe", NULL };

	fake_root();
	child_filters[0] = prog;
	run_tool(r, NULL, 0, args);
	child_filters[0] = NULL;
	drop_root();
	unsetenv("SECCOMP_DIAG_SYSROOT");
}

/*
 * The switch from behaviour: an x32 call the sandbox lets through runs
 * (on) or gets the kernel's ENOSYS (off).  A sandbox that denies every
 * x32 call leaves it unknown: a finding, with a note.
 */
TEST(probe_x32_switch_hidden)
{
	struct sock_fprog some = x32_reserved_eperm, all = x32_eperm;
	static struct run r1, r2;
	bool on = syscall(0x40000000 | 110) >= 0;	/* x32 getppid */

	probe_hidden(&r1, &some);
	TH_LOG("x32 is %s here", on ? "on" : "off");
	ASSERT_EQ(on ? 1 : 0, exit_of(&r1)) TH_LOG("%s%s", r1.out, r1.err);
	ASSERT_NE(NULL, strstr(r1.out, on ? "x32 reserved syscall 0x400fffff: EPERM: BAD" :
			       "x32 information: x32 is off in this kernel (an x32 syscall the seccomp filters let through gets ENOSYS)"))
		TH_LOG("%s", r1.out);
	ASSERT_EQ(NULL, strstr(r1.out, "note:")) TH_LOG("%s", r1.out);

	probe_hidden(&r2, &all);
	ASSERT_EQ(1, exit_of(&r2)) TH_LOG("%s%s", r2.out, r2.err);
	ASSERT_NE(NULL, strstr(r2.out, "x32 reserved syscall 0x400fffff: EPERM: BAD"))
		TH_LOG("%s", r2.out);
	ASSERT_NE(NULL, strstr(r2.out, "x32 note: the x32 switch could not be read"))
		TH_LOG("%s", r2.out);
}

/*
 * The running kernel's own x32 switch, both boots (vmtest --append); a
 * kernel without the switch file by its behaviour.
 */
TEST(probe_x32_real_switch)
{
	static const char *const args[] = { "probe", NULL };
	struct sock_fprog prog = x32_reserved_eperm;
	static struct run r;
	char value[8] = "";
	FILE *f = fopen("/sys/module/syscall/parameters/x32", "r");
	bool on;

	if (f) {
		if (!fgets(value, sizeof(value), f))
			value[0] = '\0';
		fclose(f);
		on = value[0] == 'Y';
	} else {
		on = syscall(0x40000000 | 110) >= 0;	/* x32 getppid */
	}
	unsetenv("SECCOMP_DIAG_SYSROOT");
	child_filters[0] = &prog;
	run_tool(&r, NULL, 0, args);
	child_filters[0] = NULL;
	TH_LOG("x32 switch: %s", f ? value : "absent");
	ASSERT_EQ(on ? 1 : 0, exit_of(&r)) TH_LOG("%s%s", r.out, r.err);
	ASSERT_NE(NULL, strstr(r.out, on ? "x32 reserved syscall 0x400fffff: EPERM: BAD" :
			       "x32 information: "));
}

TEST(probe_bad_arch_kill_is_information)
{
	struct sock_fprog prog = i386_killed;

	if (!host_ia32())
		SKIP(return, HOST_NO_IA32 ": no i386 call for the sandbox to kill");
	probe_agrees(_metadata, &prog, 0,
		     "i386 information: the sandbox kills every syscall");
}

/* EPERM for the i386 reserved number only. */
FILTER_PROG(i386_reserved_eperm,
	    LD_ARCH, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 3),
	    LD_NR, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1048575, 0, 1),
	    RET_ERRNO(EPERM), RET_ALLOW);

/*
 * i386 as this kernel offers it: where int $0x80 works, an EPERM for
 * i386's reserved number is a finding for probe and check alike; where
 * it faults, i386 is information and probe makes no i386 calls.  The
 * second pass of tests/run takes IA32 emulation away (host.h).
 */
TEST(ia32_as_the_kernel_offers_it)
{
	static const char *const json_args[] = { "probe", "--json", NULL };
	struct sock_fprog prog = i386_reserved_eperm;
	static struct run p, c, j;
	bool ia32 = host_ia32();

	TH_LOG("IA32 emulation: %s", ia32 ? "yes" : "no (int $0x80 faults)");
	probe_under(&p, &prog);
	check_files(&c, "N\n", &prog, false);
	child_filters[0] = &prog;
	run_tool(&j, NULL, 0, json_args);
	child_filters[0] = NULL;
	ASSERT_EQ(ia32 ? 1 : 0, exit_of(&p)) TH_LOG("%s%s", p.out, p.err);
	ASSERT_EQ(ia32 ? 1 : 0, exit_of(&c)) TH_LOG("%s%s", c.out, c.err);
	ASSERT_EQ(ia32 ? 1 : 0, exit_of(&j)) TH_LOG("%s%s", j.out, j.err);
	if (ia32) {
		ASSERT_NE(NULL, strstr(p.out, "i386 reserved syscall 1048575: EPERM: BAD"))
			TH_LOG("%s", p.out);
		ASSERT_NE(NULL, strstr(p.out, "i386 clone3 (435): EINVAL: allowed"))
			TH_LOG("%s", p.out);
		ASSERT_NE(NULL, strstr(c.out, "i386: syscall 1048575 -> ERRNO(EPERM): BAD"))
			TH_LOG("%s", c.out);
		ASSERT_EQ(NULL, strstr(p.out, "IA32")) TH_LOG("%s", p.out);
		ASSERT_EQ(NULL, strstr(c.out, "IA32")) TH_LOG("%s", c.out);
		return;
	}
	ASSERT_NE(NULL, strstr(p.out,
			       "i386 reserved syscall 1048575: ABI not available: information only\n"
			       "i386 information: " SDIAG_NO_IA32 "\n"))
		TH_LOG("%s", p.out);
	/* No i386 call gets past the fault: none is shown. */
	ASSERT_EQ(NULL, strstr(p.out, "i386 clone3")) TH_LOG("%s", p.out);
	ASSERT_NE(NULL, strstr(c.out, "i386: information: " SDIAG_NO_IA32 "\n"))
		TH_LOG("%s", c.out);
	ASSERT_NE(NULL, strstr(j.out,
			       "{\"abi\":\"i386\",\"syscall\":\"reserved\",\"nr\":1048575,\"result\":\"ABI not available\",\"verdict\":\"info\",\"finding\":\"abi_off\",\"info\":\"" SDIAG_NO_IA32 "\""))
		TH_LOG("%s", j.out);
}

/* check --profile on a profile of tests/profiles. */
static void profile(struct run *r, const char *name, const char *runtime,
		    const char *caps)
{
	const char *dir = getenv("SDIAG_TESTS");
	char path[512];
	const char *args[8] = { "check", "--profile", path };
	int n = 3;

	snprintf(path, sizeof(path), "%s/profiles/%s", dir ? dir : ".", name);
	if (runtime) {
		args[n++] = "--runtime";
		args[n++] = runtime;
	}
	if (caps) {
		args[n++] = "--caps";
		args[n++] = caps;
	}
	args[n] = NULL;
	fake_root();
	put("/sys/module/syscall/parameters/x32", "N\n");
	run_tool(r, NULL, 0, args);
	drop_root();
	unsetenv("SECCOMP_DIAG_SYSROOT");
}

/*
 * check --profile @file (--runtime and --caps unless NULL): exit @want_exit
 * and @text in the report; the report, for more checks.
 */
static const struct run *expect_profile(struct __test_metadata *_metadata,
					const char *file, const char *runtime,
					const char *caps, int want_exit,
					const char *text)
{
	static struct run r;

	profile(&r, file, runtime, caps);
	ASSERT_EQ(want_exit, exit_of(&r)) TH_LOG("%s%s", r.out, r.err);
	ASSERT_NE(NULL, strstr(r.out, text)) TH_LOG("%s", r.out);
	return &r;
}

TEST(profile_moby42680)
{
	static struct run runc, crun, fixed;

	profile(&runc, "moby42680.json", "runc", NULL);
	profile(&crun, "moby42680.json", "crun", NULL);
	profile(&fixed, "moby42680-fixed.json", "runc", NULL);
	/* runc's stub gives the reserved number ENOSYS, clone3 stays EPERM. */
	ASSERT_EQ(1, exit_of(&runc)) TH_LOG("%s%s", runc.out, runc.err);
	ASSERT_NE(NULL, strstr(runc.out, "runc x86_64: syscall 1048575 -> ERRNO(ENOSYS): good"));
	ASSERT_NE(NULL, strstr(runc.out, "runc x86_64: casualty clone3 -> ERRNO(EPERM): BAD"))
		TH_LOG("%s", runc.out);
	ASSERT_NE(NULL, strstr(runc.out, "(ENOSYS stub above x86_64 "));
	/* crun has no stub: the reserved number itself gets EPERM. */
	ASSERT_EQ(1, exit_of(&crun)) TH_LOG("%s%s", crun.out, crun.err);
	ASSERT_NE(NULL, strstr(crun.out, "crun x86_64: syscall 1048575 -> ERRNO(EPERM): BAD"));
	ASSERT_EQ(NULL, strstr(crun.out, "runc "));
	ASSERT_EQ(0, exit_of(&fixed)) TH_LOG("%s%s", fixed.out, fixed.err);
}

TEST(profile_enosys_default_with_purposeful_eperm)
{
	const struct run *r = expect_profile(_metadata, "enosys-purposeful-eperm.json",
					     NULL, NULL, 0, "runc verdict: good");

	ASSERT_NE(NULL, strstr(r->out, "crun verdict: good"));
}

TEST(profile_docker_caps_and_archmap)
{
	static struct run admin;

	expect_profile(_metadata, "docker-caps.json", "runc", NULL, 1,
		       "casualty clone3");
	profile(&admin, "docker-caps.json", "runc", "CAP_SYS_ADMIN");
	ASSERT_EQ(0, exit_of(&admin)) TH_LOG("%s%s", admin.out, admin.err);
}

TEST(profile_missing_arch_is_killed_information)
{
	if (!host_ia32())
		SKIP(return, HOST_NO_IA32 ": no i386 chain to judge");
	expect_profile(_metadata, "x86_64-only.json", NULL, NULL, 0,
		       "crun i386: information: the chain kills every syscall");
}

TEST(profile_args)
{
	expect_profile(_metadata, "args.json", NULL, NULL, 0,
		       "(no ENOSYS stub: the default action lets syscalls through)");
}

#define BAD_PROFILE(tname, file, needle)				\
TEST(tname)								\
{									\
	static struct run r;						\
									\
	profile(&r, file, NULL, NULL);					\
	assert_bad_input(_metadata, &r, needle);			\
}

BAD_PROFILE(profile_bad_json, "bad-syntax.json", "bad-syntax.json:3:")
BAD_PROFILE(profile_unknown_action, "unknown-action.json",
	    "syscalls[1].action: unknown action 'SCMP_ACT_PERMIT'")
BAD_PROFILE(profile_unknown_syscall, "unknown-syscall.json",
	    "syscalls[0].names[2]: unknown syscall name 'frobnicate'")
BAD_PROFILE(profile_unknown_arch, "unknown-arch.json",
	    "architectures[1]: unknown architecture 'SCMP_ARCH_VAX'")
BAD_PROFILE(profile_missing_file, "no-such.json", "No such file")
BAD(profile_bad_runtime, "invalid --runtime", "check", "--profile", "x", "--runtime", "docker")
BAD(profile_runtime_without_profile, "go with --profile", "check", "--bpf", "-", "--runtime", "runc")

/* The OCI form (--oci) is what runc and crun get: it must judge alike. */
TEST(profile_oci_form_judges_alike)
{
	const char *dir = getenv("SDIAG_TESTS");
	char src[512], oci[] = "/tmp/sdiag-oci-XXXXXX";
	const char *const conv[] = { "check", "--profile", src, "--oci", NULL };
	const char *const a[] = { "check", "--profile", src, "--runtime", "runc", "--all", NULL };
	const char *const b[] = { "check", "--profile", oci, "--runtime", "runc", "--all", NULL };
	static struct run c, r1, r2;
	int fd;

	snprintf(src, sizeof(src), "%s/profiles/docker-caps.json", dir ? dir : ".");
	run_tool(&c, NULL, 0, conv);
	ASSERT_EQ(0, exit_of(&c)) TH_LOG("%s", c.err);
	ASSERT_NE(NULL, strstr(c.out, "\"architectures\""));
	ASSERT_EQ(NULL, strstr(c.out, "includes"));
	ASSERT_EQ(NULL, strstr(c.out, "arm_fadvise64_64"));
	fd = mkstemp(oci);
	ASSERT_EQ((ssize_t)strlen(c.out), write(fd, c.out, strlen(c.out)));
	close(fd);
	run_tool(&r1, NULL, 0, a);
	run_tool(&r2, NULL, 0, b);
	unlink(oci);
	ASSERT_EQ(1, exit_of(&r1)) TH_LOG("%s", r1.err);
	ASSERT_EQ(exit_of(&r1), exit_of(&r2)) TH_LOG("%s", r2.err);
	ASSERT_EQ(0, strcmp(strchr(r1.out, '\n'), strchr(r2.out, '\n')))
		TH_LOG("original:\n%s\nOCI form:\n%s", r1.out, r2.out);
}

TEST(profile_containers_common)
{
	static const char path[] = "/usr/share/containers/seccomp.json";
	const char *const args[] = { "check", "--profile", path, NULL };
	static struct run r;

	if (access(path, R_OK))
		SKIP(return, "%s not installed (golang-github-containers-common)", path);
	run_tool(&r, NULL, 0, args);
	/* ENOSYS by default, EPERM only on purpose (no casualty). */
	ASSERT_EQ(0, exit_of(&r)) TH_LOG("%s%s", r.out, r.err);
	ASSERT_NE(NULL, strstr(r.out, "runc x86_64: syscall 1048575 -> ERRNO(ENOSYS)"));
}

TEST(help_documents_exit_statuses)
{
	static const char *const args[] = { "--help", NULL };
	static struct run r;

	run_tool(&r, NULL, 0, args);
	ASSERT_EQ(0, exit_of(&r));
	ASSERT_NE(NULL, strstr(r.out, "probe and check: 0 no finding, 1 an EPERM finding"));
	ASSERT_NE(NULL, strstr(r.out, "2 any other finding, 3 the tool could not do its job"));
	ASSERT_NE(NULL, strstr(r.out, "--profile FILE.json"));
}

TEST_HARNESS_MAIN
