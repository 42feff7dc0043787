// SPDX-License-Identifier: GPL-2.0
/*
 * check: evaluate the seccomp filters of a task or of BPF files for the
 * reserved syscall number and list the real syscalls they answer the
 * same way: those are the syscalls whose ENOSYS fallbacks the filters
 * break when the answer is EPERM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpf.h"
#include "diag.h"
#include "verdict.h"
#include "../../module/casualties.h"

#define CMD "check"
#define CAP_SYS_ADMIN_BIT 21
/* Reading stops here: a file this big is no filter. */
#define SDIAG_MAX_FILE (64u << 20)

struct stack {
	struct sdiag_filter *filters;	/* [0] is the newest */
	char **origins;
	unsigned int count;
};

static void stack_push_oldest(struct stack *st, struct sdiag_filter *filter,
			      const char *origin)
{
	unsigned int i;

	st->filters = realloc(st->filters, (st->count + 1) * sizeof(*st->filters));
	st->origins = realloc(st->origins, (st->count + 1) * sizeof(*st->origins));
	if (!st->filters || !st->origins)
		sdiag_die(CMD, "out of memory");
	/* Files are given oldest first; keep the newest at index 0. */
	for (i = st->count; i > 0; i--) {
		st->filters[i] = st->filters[i - 1];
		st->origins[i] = st->origins[i - 1];
	}
	st->filters[0] = *filter;
	st->origins[0] = strdup(origin);
	st->count++;
}

static void read_bpf_file(const char *path, struct stack *st)
{
	const char *name = strcmp(path, "-") ? path : "stdin";
	size_t size = 0, cap = 0;
	char *buf = NULL;
	char err[256];
	struct sdiag_filter filter;
	int fd;

	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0)
		sdiag_die(CMD, "%s: %s", name, strerror(errno));
	for (;;) {
		ssize_t len;

		if (size == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				sdiag_die(CMD, "out of memory");
		}
		len = read(fd, buf + size, cap - size);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0)
			sdiag_die(CMD, "%s: %s", name, strerror(errno));
		if (!len)
			break;
		size += len;
		if (size > SDIAG_MAX_FILE)
			sdiag_die(CMD, "%s: more than %u bytes, not a seccomp filter (at most %u instructions)",
				  name, SDIAG_MAX_FILE, SDIAG_MAX_INSNS);
	}
	if (fd)
		close(fd);
	if (sdiag_bpf_parse(buf, size, &filter, err, sizeof(err)))
		sdiag_die(CMD, "%s: %s", name, err);
	free(buf);
	stack_push_oldest(st, &filter, name);
}

/* A field of /proc/PID/status as a number, -1 when absent. */
static long status_field(const char *pid, const char *field)
{
	char path[64], line[256];
	size_t len = strlen(field);
	long value = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -2;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, field, len) && line[len] == ':') {
			value = strtol(line + len + 1, NULL,
				       strcmp(field, "CapEff") ? 10 : 16);
			break;
		}
	}
	fclose(f);
	return value;
}

static char comm_of[64];
static pid_t checked_pid;

/* Stop @pid, copy its filters, let it go; on failure say why and exit. */
static void read_pid_filters(const char *arg, struct stack *st)
{
	unsigned long value;
	const char *why = NULL;
	char why_buf[256], path[64];
	long seccomp, caps;
	int status, index;
	pid_t pid;

	if (sdiag_parse_uint(arg, INT_MAX, &value) || !value)
		sdiag_die(CMD, "invalid pid '%s': not a positive number", arg);
	pid = (pid_t)value;
	checked_pid = pid;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	if (sdiag_read_text(path, comm_of, sizeof(comm_of)) < 0)
		comm_of[0] = '\0';
	seccomp = status_field(arg, "Seccomp");
	if (seccomp == -2)
		sdiag_die(CMD, "no such process: pid %d", pid);
	if (seccomp == 0)
		sdiag_die(CMD, "pid %d (%s) has no seccomp filter (Seccomp: 0 in /proc/%d/status)",
			  pid, comm_of, pid);
	if (seccomp == 1)
		sdiag_die(CMD, "pid %d (%s) is in seccomp strict mode, which has no filter",
			  pid, comm_of);
	if (pid == getpid())
		sdiag_die(CMD, "pid %d is seccomp-diag itself", pid);
	caps = status_field("self", "CapEff");
	if (caps >= 0 && !(caps & (1L << CAP_SYS_ADMIN_BIT)))
		sdiag_die(CMD, "reading the filters of pid %d needs CAP_SYS_ADMIN (PTRACE_SECCOMP_GET_FILTER): run as root",
			  pid);
	if (status_field("self", "Seccomp") > 0)
		sdiag_die(CMD, "seccomp-diag runs under seccomp itself: the kernel refuses PTRACE_SECCOMP_GET_FILTER to it");

	if (ptrace(PTRACE_SEIZE, pid, 0, 0)) {
		if (errno == ESRCH)
			sdiag_die(CMD, "no such process: pid %d", pid);
		sdiag_die(CMD, "cannot attach to pid %d: %s (is it traced already, or is ptrace not permitted?)",
			  pid, strerror(errno));
	}
	if (ptrace(PTRACE_INTERRUPT, pid, 0, 0)) {
		snprintf(why_buf, sizeof(why_buf), "cannot stop pid %d: %s",
			 pid, strerror(errno));
		why = why_buf;
		goto detach;
	}
	for (;;) {
		if (waitpid(pid, &status, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(why_buf, sizeof(why_buf),
				 "waiting for pid %d: %s", pid, strerror(errno));
			why = why_buf;
			goto detach;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			sdiag_die(CMD, "pid %d exited while being checked", pid);
		if (WIFSTOPPED(status))
			break;
	}

	for (index = 0;; index++) {
		struct sdiag_filter filter;
		struct sock_filter *insns;
		char err[200], origin[32];
		long len, got;

		len = ptrace(PTRACE_SECCOMP_GET_FILTER, pid, index, NULL);
		if (len < 0) {
			if (errno == ENOENT && index > 0)
				break;
			switch (errno) {
			case EACCES:
				why = "the kernel refused PTRACE_SECCOMP_GET_FILTER (needs CAP_SYS_ADMIN and no seccomp on seccomp-diag)";
				break;
			case EIO:
				why = "this kernel has no PTRACE_SECCOMP_GET_FILTER (CONFIG_CHECKPOINT_RESTORE is off)";
				break;
			case EINVAL:
			case ENOENT:
				snprintf(why_buf, sizeof(why_buf),
					 "pid %d has no seccomp filter", pid);
				why = why_buf;
				break;
			default:
				snprintf(why_buf, sizeof(why_buf),
					 "reading filter %d of pid %d: %s",
					 index, pid, strerror(errno));
				why = why_buf;
			}
			goto detach;
		}
		if (len == 0 || len > SDIAG_MAX_INSNS) {
			snprintf(why_buf, sizeof(why_buf),
				 "filter %d of pid %d has %ld instructions",
				 index, pid, len);
			why = why_buf;
			goto detach;
		}
		insns = calloc(len, sizeof(*insns));
		if (!insns)
			sdiag_die(CMD, "out of memory");
		got = ptrace(PTRACE_SECCOMP_GET_FILTER, pid, index, insns);
		if (got != len) {
			snprintf(why_buf, sizeof(why_buf),
				 "filter %d of pid %d changed while read", index, pid);
			why = why_buf;
			goto detach;
		}
		if (sdiag_bpf_parse(insns, len * sizeof(*insns), &filter,
				    err, sizeof(err))) {
			snprintf(why_buf, sizeof(why_buf),
				 "filter %d of pid %d: %s", index, pid, err);
			why = why_buf;
			goto detach;
		}
		free(insns);
		/* The kernel hands out the newest filter first. */
		snprintf(origin, sizeof(origin), "pid %d filter %d", pid, index);
		st->filters = realloc(st->filters, (st->count + 1) * sizeof(*st->filters));
		st->origins = realloc(st->origins, (st->count + 1) * sizeof(*st->origins));
		if (!st->filters || !st->origins)
			sdiag_die(CMD, "out of memory");
		st->filters[st->count] = filter;
		st->origins[st->count] = strdup(origin);
		st->count++;
	}
detach:
	ptrace(PTRACE_DETACH, pid, 0, 0);
	if (why)
		sdiag_die(CMD, "%s", why);
}

struct abi_result {
	uint32_t probe;
	int match;
	enum sdiag_verdict verdict;
	char **names;
	unsigned int count;
};

static uint32_t run(const struct stack *st, const struct sdiag_abi *abi,
		    unsigned int nr, int *match)
{
	struct seccomp_data sd = {
		.nr = (int)(nr | abi->nr_bit),
		.arch = abi->audit_arch,
	};

	return sdiag_bpf_run_stack(st->filters, st->count, &sd, match);
}

static void evaluate(const struct stack *st, const struct sdiag_abi *abi,
		     unsigned int probe_nr, struct abi_result *res)
{
	unsigned int nr;

	res->probe = run(st, abi, probe_nr, &res->match);
	res->verdict = sdiag_verdict_of_action(res->probe);
	res->names = NULL;
	res->count = 0;
	for (nr = 0; nr <= SDIAG_MAX_SYSCALL_NR; nr++) {
		char *name;

		if (nr == probe_nr)
			continue;
		name = sdiag_syscall_name(abi, nr);
		if (!name)
			continue;
		if (run(st, abi, nr, NULL) != res->probe) {
			free(name);
			continue;
		}
		res->names = realloc(res->names, (res->count + 1) * sizeof(char *));
		if (!res->names)
			sdiag_die(CMD, "out of memory");
		res->names[res->count++] = name;
	}
}

static const char *verdict_text(enum sdiag_verdict verdict)
{
	switch (verdict) {
	case SDIAG_VERDICT_ENOSYS:
		return "good, unknown syscalls fail with ENOSYS";
	case SDIAG_VERDICT_EPERM:
		return "BAD, EPERM breaks fallbacks from new syscalls";
	default:
		return "not ENOSYS: fallbacks from new syscalls may break";
	}
}

#define NAMES_SHOWN 16

static int casualty_rank(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(sdiag_casualties) / sizeof(sdiag_casualties[0]); i++)
		if (!strcmp(name, sdiag_casualties[i]))
			return (int)i;
	return -1;
}

/* Well-known casualties first, the others in syscall number order. */
static void order_names(struct abi_result *res)
{
	unsigned int i, front = 0, rank;

	for (rank = 0; rank < sizeof(sdiag_casualties) / sizeof(sdiag_casualties[0]); rank++) {
		for (i = front; i < res->count; i++) {
			char *name = res->names[i];

			if (casualty_rank(name) != (int)rank)
				continue;
			memmove(&res->names[front + 1], &res->names[front],
				(i - front) * sizeof(char *));
			res->names[front++] = name;
			break;
		}
	}
}

static void print_text(const struct stack *st, const char *source,
		       unsigned int probe_nr, struct abi_result *res, bool all)
{
	unsigned int i, total = 0;
	int a;

	for (i = 0; i < st->count; i++)
		total += st->filters[i].len;
	printf("%s: %u filter%s, %u instructions\n", source, st->count,
	       st->count == 1 ? "" : "s", total);
	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		const struct sdiag_abi *abi = &sdiag_abis[a];
		char answer[64];
		size_t col;

		sdiag_action_format(res[a].probe, answer, sizeof(answer));
		printf(abi->nr_bit ? "%s: syscall 0x%x -> %s: %s\n" :
		       "%s: syscall %u -> %s: %s\n", abi->name,
		       probe_nr | abi->nr_bit, answer,
		       verdict_text(res[a].verdict));
		order_names(&res[a]);
		col = printf("%s: %u syscalls answered the same way%s", abi->name,
			     res[a].count, res[a].count ? ":" : "");
		for (i = 0; i < res[a].count; i++) {
			if (!all && i == NAMES_SHOWN) {
				printf(" ... (%u more, see --all)",
				       res[a].count - i);
				break;
			}
			size_t len = strlen(res[a].names[i]) + 1;

			if (col + len > 78) {
				printf("\n   ");
				col = 3;
			}
			printf(" %s", res[a].names[i]);
			col += len;
		}
		printf("\n");
	}
}

static void print_json(const struct stack *st, const char *source_type,
		       const char *pid_arg, unsigned int probe_nr,
		       struct abi_result *res, const char *verdict)
{
	unsigned int i;
	int a;

	printf("{\"source\":{\"type\":\"%s\"", source_type);
	if (pid_arg) {
		printf(",\"pid\":%d,\"comm\":", checked_pid);
		sdiag_json_string(stdout, comm_of);
	}
	printf("},\"probe_nr\":%u,\"filters\":[", probe_nr);
	for (i = 0; i < st->count; i++) {
		printf("%s{\"index\":%u,\"origin\":", i ? "," : "", i);
		sdiag_json_string(stdout, st->origins[i]);
		printf(",\"instructions\":%u}", st->filters[i].len);
	}
	printf("],\"abis\":[");
	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		const struct sdiag_abi *abi = &sdiag_abis[a];
		char answer[64];

		sdiag_action_format(res[a].probe, answer, sizeof(answer));
		printf("%s{\"abi\":\"%s\",\"audit_arch\":\"0x%08x\",\"nr\":%u,",
		       a ? "," : "", abi->name, abi->audit_arch,
		       probe_nr | abi->nr_bit);
		printf("\"raw\":\"0x%08x\",\"action\":\"%s\",\"data\":%u,",
		       res[a].probe, sdiag_action_name(res[a].probe),
		       res[a].probe & SECCOMP_RET_DATA);
		printf("\"answer\":\"%s\",\"filter\":%d,\"verdict\":\"%s\",\"like_unknown\":[",
		       answer, res[a].match,
		       sdiag_verdict_name(res[a].verdict));
		for (i = 0; i < res[a].count; i++) {
			if (i)
				putchar(',');
			sdiag_json_string(stdout, res[a].names[i]);
		}
		printf("]}");
	}
	printf("],\"verdict\":\"%s\"}\n", verdict);
}

int sdiag_cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "bpf", required_argument, NULL, 'b' },
		{ "nr", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct abi_result res[SDIAG_NR_ABIS];
	bool all = false;
	unsigned int probe_nr = SDIAG_DEFAULT_PROBE_NR;
	const char *pid_arg = NULL, *stdin_seen = NULL;
	char **bpf_args = NULL;
	unsigned int nr_bpf = 0, i;
	struct stack st = { 0 };
	unsigned long value;
	char source[128];
	int opt, a, seen = 0;
	bool json = false;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (pid_arg)
				sdiag_die(CMD, "--pid given twice");
			pid_arg = optarg;
			break;
		case 'b':
			if (!strcmp(optarg, "-")) {
				if (stdin_seen)
					sdiag_die(CMD, "--bpf - (stdin) given twice");
				stdin_seen = optarg;
			}
			bpf_args = realloc(bpf_args, (nr_bpf + 1) * sizeof(char *));
			if (!bpf_args)
				sdiag_die(CMD, "out of memory");
			bpf_args[nr_bpf++] = optarg;
			break;
		case 'n':
			if (sdiag_parse_uint(optarg, SDIAG_X32_BIT - 1, &value))
				sdiag_die(CMD, "invalid --nr '%s': a number below 0x40000000 (the x32 bit)",
					  optarg);
			probe_nr = value;
			break;
		case 'j':
			json = true;
			break;
		case 'a':
			all = true;
			break;
		default:
			sdiag_bad_option(CMD, opt, argv[optind - 1]);
		}
	}
	if (optind < argc)
		sdiag_die(CMD, "unexpected argument '%s'", argv[optind]);
	if (!pid_arg && !nr_bpf)
		sdiag_die(CMD, "missing --pid PID or --bpf FILE (see seccomp-diag help check)");
	if (pid_arg && nr_bpf)
		sdiag_die(CMD, "--pid and --bpf exclude each other");

	if (pid_arg) {
		read_pid_filters(pid_arg, &st);
		snprintf(source, sizeof(source), "pid %d (%s)", checked_pid,
			 comm_of);
	} else {
		for (i = 0; i < nr_bpf; i++)
			read_bpf_file(bpf_args[i], &st);
		if (nr_bpf == 1)
			snprintf(source, sizeof(source), "%s", st.origins[0]);
		else
			snprintf(source, sizeof(source), "%u stacked files, newest %s",
				 nr_bpf, st.origins[0]);
	}
	{
		unsigned int total = 0;

		/* seccomp(2) refuses to stack more than this. */
		for (i = 0; i < st.count; i++)
			total += st.filters[i].len + 4;
		if (total > SDIAG_MAX_PATH_INSNS)
			sdiag_die(CMD, "%u filters with %u instructions in all exceed the kernel's %u per task",
				  st.count, total, SDIAG_MAX_PATH_INSNS);
	}

	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		evaluate(&st, &sdiag_abis[a], probe_nr, &res[a]);
		seen |= 1 << res[a].verdict;
	}
	if (json)
		print_json(&st, pid_arg ? "pid" : "bpf", pid_arg, probe_nr, res,
			   sdiag_verdict_name(seen & (1 << SDIAG_VERDICT_EPERM) ?
					      SDIAG_VERDICT_EPERM :
					      seen & (1 << SDIAG_VERDICT_OTHER) ?
					      SDIAG_VERDICT_OTHER :
					      SDIAG_VERDICT_ENOSYS));
	else
		print_text(&st, source, probe_nr, res, all);
	return sdiag_verdict_exit(seen);
}
