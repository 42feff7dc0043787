// SPDX-License-Identifier: GPL-2.0
/*
 * check: evaluate the seccomp filters of a task, of BPF files or of an
 * OCI/Docker profile (profile.c) as one chain, like the kernel runs them,
 * and judge the chain like the module does (judge.c).
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

#define CMD "check"
#define CAP_SYS_ADMIN_BIT 21
/* Reading stops here: a file this big is no filter. */
#define SDIAG_MAX_FILE (64u << 20)

struct stack {
	struct sdiag_filter *filters;	/* [0] is the newest */
	char **origins;
	unsigned int count;
};

/* Filters come oldest first (files, PTRACE_SECCOMP_GET_FILTER index 0). */
static void stack_push_newer(struct stack *st, struct sdiag_filter *filter,
			     const char *origin)
{
	unsigned int i;

	st->filters = realloc(st->filters, (st->count + 1) * sizeof(*st->filters));
	st->origins = realloc(st->origins, (st->count + 1) * sizeof(*st->origins));
	if (!st->filters || !st->origins)
		sdiag_die(CMD, "out of memory");
	/* The newest filter runs first: keep it at index 0. */
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
	stack_push_newer(st, &filter, name);
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
		/*
		 * Index 0 is the oldest filter (get_nth_filter() counts from
		 * the first one installed), each further index a newer one.
		 */
		snprintf(origin, sizeof(origin), "pid %d filter %d", pid, index);
		stack_push_newer(st, &filter, origin);
	}
detach:
	ptrace(PTRACE_DETACH, pid, 0, 0);
	if (why)
		sdiag_die(CMD, "%s", why);
}

static void print_head(const struct stack *st, const char *source)
{
	unsigned int i, total = 0;

	for (i = 0; i < st->count; i++)
		total += st->filters[i].len;
	printf("%s: %u filter%s, %u instructions\n", source, st->count,
	       st->count == 1 ? "" : "s", total);
}

static void print_json_head(const struct stack *st, const char *source_type,
			    const char *pid_arg, unsigned int probe_nr)
{
	unsigned int i;

	printf("{\"source\":{\"type\":\"%s\"", source_type);
	if (pid_arg) {
		printf(",\"pid\":%d,\"comm\":", checked_pid);
		sdiag_json_string(stdout, comm_of);
	}
	printf("},\"probe_nr\":%u,\"filters\":[", probe_nr);
	/* Listed newest first, the order seccomp runs them in. */
	for (i = 0; i < st->count; i++) {
		printf("%s{\"index\":%u,\"origin\":", i ? "," : "", i);
		sdiag_json_string(stdout, st->origins[i]);
		printf(",\"instructions\":%u}", st->filters[i].len);
	}
	printf("],\"abis\":");
}

int sdiag_cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "bpf", required_argument, NULL, 'b' },
		{ "profile", required_argument, NULL, 'P' },
		{ "runtime", required_argument, NULL, 'r' },
		{ "caps", required_argument, NULL, 'c' },
		{ "oci", no_argument, NULL, 'o' },
		{ "nr", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct sdiag_judgement res[SDIAG_NR_ABIS];
	bool all = false;
	unsigned int probe_nr = SDIAG_DEFAULT_PROBE_NR;
	const char *pid_arg = NULL, *stdin_seen = NULL, *profile = NULL;
	const char *runtime = NULL, *caps = NULL;
	char **bpf_args = NULL;
	unsigned int nr_bpf = 0, i, mask;
	struct stack st = { 0 };
	unsigned long value;
	char source[128];
	int opt, a, sources;
	bool json = false, oci = false;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (pid_arg)
				sdiag_die(CMD, "--pid given twice");
			pid_arg = optarg;
			break;
		case 'P':
			if (profile)
				sdiag_die(CMD, "--profile given twice");
			profile = optarg;
			break;
		case 'r':
			runtime = optarg;
			break;
		case 'c':
			caps = optarg;
			break;
		case 'o':
			oci = true;
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
	sources = !!pid_arg + !!nr_bpf + !!profile;
	if (!sources)
		sdiag_die(CMD, "missing --pid PID, --bpf FILE or --profile FILE.json (see seccomp-diag help check)");
	if (sources > 1)
		sdiag_die(CMD, "--pid, --bpf and --profile exclude each other");
	if (!profile && (runtime || caps || oci))
		sdiag_die(CMD, "--runtime, --caps and --oci go with --profile");
	if (profile)
		return sdiag_check_profile(profile, runtime, caps, probe_nr,
					   json, all, oci);

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

	for (a = 0; a < SDIAG_NR_ABIS; a++)
		sdiag_judge(st.filters, st.count, &sdiag_abis[a], probe_nr,
			    &res[a]);
	if (json) {
		print_json_head(&st, pid_arg ? "pid" : "bpf", pid_arg, probe_nr);
		mask = sdiag_judgement_json(probe_nr, res);
		printf(",\"verdict\":\"%s\"}\n", sdiag_finding_word(mask));
	} else {
		print_head(&st, source);
		mask = sdiag_judgement_print("", probe_nr, res, all);
	}
	for (a = 0; a < SDIAG_NR_ABIS; a++)
		sdiag_judgement_free(&res[a]);
	return sdiag_finding_exit(mask);
}
