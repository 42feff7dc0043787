// SPDX-License-Identifier: GPL-2.0
/*
 * trace: stream the module's trace events, decoded.
 *
 * The events are read by their format, never by splitting text: the
 * format files under tracefs (events/seccomp_diag/<event>/format) are
 * parsed by libtraceevent, and the binary records come from the per-CPU
 * ring buffers (trace_pipe_raw) of a private tracefs instance, through
 * libtracefs.  A task name is a field of its own, whatever it contains
 * ("x nr=59" is not a syscall number).  The private instance has its own
 * event switches and filters: the global ones, and other readers, are left
 * alone, and removing the instance on exit turns its events off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/audit.h>
#include <linux/seccomp.h>

#include <tracefs.h>
#include <event-parse.h>

#include "diag.h"

#define CMD "trace"
#define COMM_MAX 15	/* TASK_COMM_LEN - 1 */
#define SYSTEM "seccomp_diag"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

struct match {
	long pid;	/* -1: any */
	int err;	/* -1: any */
	char comm[COMM_MAX + 1];
};

static void append(char *buf, size_t size, const char *text)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "%s%s", len ? " && " : "", text);
}

static void build_filter(int event, const struct match *m, char *buf,
			 size_t size)
{
	char part[128];

	buf[0] = '\0';
	if (m->pid >= 0) {
		if (event == 1)
			snprintf(part, sizeof(part), "(pid == %ld || tgid == %ld)",
				 m->pid, m->pid);
		else if (event == 2)
			snprintf(part, sizeof(part), "(pid == %ld || target == %ld)",
				 m->pid, m->pid);
		else
			snprintf(part, sizeof(part), "pid == %ld", m->pid);
		append(buf, size, part);
	}
	if (m->comm[0]) {
		snprintf(part, sizeof(part), "comm == \"%s\"", m->comm);
		append(buf, size, part);
	}
	if (m->err >= 0) {
		if (event == 1)
			snprintf(part, sizeof(part), "err == %d", m->err);
		else if (event == 2)
			snprintf(part, sizeof(part), "error == %d", -m->err);
		else
			snprintf(part, sizeof(part), "action == %u",
				 0x00050000u | (unsigned int)m->err);
		append(buf, size, part);
	}
	if (!buf[0])
		snprintf(buf, size, "0");
}

/* What the decoder needs of each event's format, found once. */
/* The most fields an event has (notif_reply's 10). */
#define MAX_FIELDS 10

struct event_format {
	struct tep_event *event;
	struct tep_format_field *fields[MAX_FIELDS];
};

/* NULL-terminated: one more than the most fields. */
static const char * const event_fields[SDIAG_NR_EVENTS][MAX_FIELDS + 1] = {
	{ "pid", "comm", "abi", "nr", "action", "flagged" },
	{ "pid", "tgid", "comm", "arch", "nr", "err", "action" },
	{ "pid", "comm", "id", "target", "nr", "arch", "error", "val",
	  "flags", "ret" },
};

struct reader {
	struct tep_handle *tep;
	struct event_format formats[SDIAG_NR_EVENTS];
	bool raw;
	unsigned long count, seen;
	struct trace_seq seq;
};

/* An event's number field @i, sign-extended when the format says signed. */
static long long number(const struct reader *r, int event, int i,
			const struct tep_record *record)
{
	const struct tep_format_field *f = r->formats[event].fields[i];
	unsigned long long v;

	v = tep_read_number(r->tep, (char *)record->data + f->offset, f->size);
	if ((f->flags & TEP_FIELD_IS_SIGNED) && f->size < 8) {
		int shift = 64 - 8 * f->size;

		return (long long)(v << shift) >> shift;
	}
	return (long long)v;
}

/*
 * The task name field, as it is printed: bytes below 0x20, 0x7f and
 * above, and the backslash become \xHH, so that a name cannot start a line
 * of its own or pass for something else on a terminal.
 */
static void comm_text(const struct reader *r, int event, int i,
		      const struct tep_record *record, char *buf, size_t size)
{
	const struct tep_format_field *f = r->formats[event].fields[i];
	const unsigned char *c = (const unsigned char *)record->data + f->offset;
	size_t len = 0;
	int n;

	for (n = 0; n < f->size && c[n] && len + 5 < size; n++) {
		if (c[n] < 0x20 || c[n] >= 0x7f || c[n] == '\\')
			len += snprintf(buf + len, size - len, "\\x%02x", c[n]);
		else
			buf[len++] = (char)c[n];
	}
	buf[len] = '\0';
}

/* The module's probe number: a failed call to it is no real syscall. */
static unsigned long reserved_nr(void)
{
	static unsigned long nr;
	char path[PATH_MAX], text[32];

	if (!nr) {
		nr = 1048575;
		if (sdiag_read_text(sdiag_path(path, sizeof(path),
					       "/sys/module/seccomp_diag/parameters/probe_nr"),
				    text, sizeof(text)) > 0)
			nr = strtoul(text, NULL, 10);
	}
	return nr;
}

static void syscall_text(uint32_t arch, long long nr, char *buf, size_t size)
{
	const struct sdiag_abi *abi = sdiag_abi_of(arch, nr);
	unsigned int bare;
	char *name = NULL;

	if (!abi) {
		snprintf(buf, size, "arch 0x%x (%lld)", arch, nr);
		return;
	}
	bare = (unsigned int)nr & ~abi->nr_bit;
	if (nr >= 0)
		name = sdiag_syscall_name(abi, bare);
	snprintf(buf, size, "%s %s (%lld)", abi->name,
		 name ? name : nr >= 0 && bare == reserved_nr() ? "reserved" : "?",
		 nr);
	free(name);
}

static void errno_text(long long err, char *buf, size_t size)
{
	const char *name = sdiag_errno_name((int)err);

	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%lld", err);
}

static const char *abi_name(long long abi)
{
	return abi >= 0 && abi < SDIAG_NR_ABIS ? sdiag_abis[abi].name : "?";
}

static const char * const outcomes[] = {
	"unknown", "errno", "user_notif", "trace",
};

static void print_decoded(struct reader *r, int event,
			  const struct tep_record *record, const char *ts)
{
	char comm[4 * COMM_MAX + 8], sys[96], what[64], nr[24];
	long long v;

	comm_text(r, event, event == 1 ? 2 : 1, record, comm, sizeof(comm));
	switch (event) {
	case 0:
		sdiag_action_format((uint32_t)number(r, 0, 4, record), what,
				    sizeof(what));
		v = number(r, 0, 2, record);
		/* The x32 bit reads better in hex. */
		if (v == 2)
			snprintf(nr, sizeof(nr), "0x%llx",
				 (unsigned long long)(uint32_t)number(r, 0, 3, record));
		else
			snprintf(nr, sizeof(nr), "%lld", number(r, 0, 3, record));
		printf("%s filter_check %s pid %lld installed a filter: %s syscall %s -> %s%s\n",
		       ts, comm, number(r, 0, 0, record), abi_name(v), nr, what,
		       number(r, 0, 5, record) ? ": FLAGGED, EPERM breaks fallbacks" : "");
		break;
	case 1:
		v = number(r, 1, 6, record);
		syscall_text((uint32_t)number(r, 1, 3, record),
			     number(r, 1, 4, record), sys, sizeof(sys));
		errno_text(number(r, 1, 5, record), what, sizeof(what));
		printf("%s seccomp_errno %s pid %lld tgid %lld: %s failed with %s (%s)\n",
		       ts, comm, number(r, 1, 0, record), number(r, 1, 1, record),
		       sys, what,
		       v >= 0 && v < (long long)ARRAY_SIZE(outcomes) ?
		       outcomes[v] : "?");
		break;
	default:
		v = number(r, 2, 6, record);
		syscall_text((uint32_t)number(r, 2, 5, record),
			     number(r, 2, 4, record), sys, sizeof(sys));
		if (v)
			errno_text(-v, what, sizeof(what));
		else
			snprintf(what, sizeof(what), "0");
		v = number(r, 2, 8, record);
		printf("%s notif_reply %s pid %lld answered pid %lld: %s: error %s val %lld flags 0x%llx(%s) ret %lld\n",
		       ts, comm, number(r, 2, 0, record), number(r, 2, 3, record),
		       sys, what, number(r, 2, 7, record), (unsigned long long)v,
		       v & SECCOMP_USER_NOTIF_FLAG_CONTINUE ? "CONTINUE" : "",
		       number(r, 2, 9, record));
		break;
	}
}

static int on_record(struct tep_event *event, struct tep_record *record,
		     int cpu, void *data)
{
	struct reader *r = data;
	unsigned long long usec = record->ts / 1000;
	char ts[48];
	int i;

	if (stop_signal || (r->count && r->seen >= r->count))
		return 1;
	for (i = 0; i < SDIAG_NR_EVENTS; i++)
		if (r->formats[i].event == event)
			break;
	/* Only the module's events are enabled in our instance. */
	if (i == SDIAG_NR_EVENTS)
		return 0;
	snprintf(ts, sizeof(ts), "%llu.%06llu", usec / 1000000, usec % 1000000);
	r->seen++;
	if (r->raw) {
		/* The format file's own print format, as trace_pipe shows it. */
		trace_seq_reset(&r->seq);
		tep_print_event(r->tep, &r->seq, record, "%s: %s",
				TEP_PRINT_NAME, TEP_PRINT_INFO);
		trace_seq_terminate(&r->seq);
		printf("[%03d] %s %s\n", cpu, ts, r->seq.buffer);
	} else {
		print_decoded(r, i, record, ts);
	}
	return 0;
}

/* Parse the events' formats; an error message, or NULL. */
static const char *load_formats(struct reader *r, const char *root,
				char *why, size_t size)
{
	static const char * const systems[] = { SYSTEM, NULL };
	int i, j;

	r->tep = tracefs_local_events_system(root, systems);
	if (!r->tep) {
		snprintf(why, size, "cannot parse %s/events/%s/*/format", root,
			 SYSTEM);
		return why;
	}
	for (i = 0; i < SDIAG_NR_EVENTS; i++) {
		struct event_format *f = &r->formats[i];

		f->event = tep_find_event_by_name(r->tep, SYSTEM, sdiag_events[i]);
		if (!f->event) {
			snprintf(why, size, "no format for the %s event (module too old?)",
				 sdiag_events[i]);
			return why;
		}
		for (j = 0; event_fields[i][j]; j++) {
			f->fields[j] = tep_find_field(f->event, event_fields[i][j]);
			if (!f->fields[j]) {
				snprintf(why, size, "the %s event has no field %s (module too old or too new?)",
					 sdiag_events[i], event_fields[i][j]);
				return why;
			}
		}
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Drain the instance's per-CPU buffers, then wait a little, until told to
 * stop.  Signals are only let in while waiting, so none is lost and none
 * interrupts a read.  Returns the exit status.
 */
static int stream(struct reader *r, struct tracefs_instance *inst,
		  double seconds)
{
	double deadline = seconds > 0 ? now() + seconds : 0;
	sigset_t unblocked;

	sigemptyset(&unblocked);
	for (;;) {
		struct timespec pause = { 0, 100 * 1000 * 1000 };

		if (tracefs_iterate_raw_events(r->tep, inst, NULL, 0, on_record,
					       r) < 0) {
			sdiag_warn(CMD, "reading the trace buffers: %s",
				   strerror(errno));
			return SDIAG_EXIT_ERROR;
		}
		if (fflush(stdout) || ferror(stdout))
			return SDIAG_EXIT_ERROR;
		if (stop_signal || (r->count && r->seen >= r->count))
			break;
		if (deadline) {
			double left = deadline - now();

			if (left <= 0)
				break;
			if (left < 0.1)
				pause.tv_nsec = (long)(left * 1e9);
		}
		ppoll(NULL, 0, &pause, &unblocked);
	}
	return SDIAG_EXIT_GOOD;
}

int sdiag_cmd_trace(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "errno", required_argument, NULL, 'e' },
		{ "comm", required_argument, NULL, 'c' },
		{ "count", required_argument, NULL, 'n' },
		{ "seconds", required_argument, NULL, 's' },
		{ "raw", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	struct match m = { .pid = -1, .err = -1 };
	char root[256], path[400], filter[512], name[64], why[512];
	struct tracefs_instance *inst;
	struct reader r = { 0 };
	unsigned long value;
	struct sigaction sa = { 0 };
	double seconds = 0;
	sigset_t block;
	int opt, ret, i;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (sdiag_parse_uint(optarg, INT_MAX, &value))
				sdiag_die(CMD, "invalid --pid '%s': not a pid", optarg);
			m.pid = (long)value;
			break;
		case 'e':
			m.err = sdiag_errno_parse(optarg);
			if (m.err < 0)
				sdiag_die(CMD, "invalid --errno '%s': not an errno name like EPERM or a number up to 4095",
					  optarg);
			break;
		case 'c':
			if (!optarg[0] || strpbrk(optarg, "\"\\\n"))
				sdiag_die(CMD, "invalid --comm '%s': empty, or with a quote, backslash or newline",
					  optarg);
			/* The kernel keeps 15 characters of a task name. */
			snprintf(m.comm, sizeof(m.comm), "%s", optarg);
			break;
		case 'n':
			if (sdiag_parse_uint(optarg, ULONG_MAX, &r.count) || !r.count)
				sdiag_die(CMD, "invalid --count '%s': a positive number",
					  optarg);
			break;
		case 's':
			if (sdiag_parse_uint(optarg, 86400 * 365, &value) || !value)
				sdiag_die(CMD, "invalid --seconds '%s': a positive number of seconds",
					  optarg);
			seconds = (double)value;
			break;
		case 'r':
			r.raw = true;
			break;
		default:
			sdiag_bad_option(CMD, opt, argv[optind - 1]);
		}
	}
	if (optind < argc)
		sdiag_die(CMD, "unexpected argument '%s'", argv[optind]);

	ret = sdiag_tracefs(root, sizeof(root));
	if (ret == -ENODEV)
		sdiag_die(CMD, "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
	if (ret == -ENOENT)
		sdiag_die(CMD, "the seccomp_diag module is not loaded: no %s/events/seccomp_diag",
			  root);

	if (load_formats(&r, root, why, sizeof(why)))
		sdiag_die(CMD, "%s", why);

	/* From here on a signal must not skip removing the instance. */
	sigemptyset(&block);
	for (i = 0; i < (int)ARRAY_SIZE(signals); i++)
		sigaddset(&block, signals[i]);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sa.sa_handler = on_signal;
	for (i = 0; i < (int)ARRAY_SIZE(signals); i++)
		sigaction(signals[i], &sa, NULL);

	snprintf(name, sizeof(name), "seccomp-diag-trace-%d", (int)getpid());
	snprintf(path, sizeof(path), "%s/instances/%s", root, name);
	if (mkdir(path, 0700))
		sdiag_die(CMD, "cannot create the tracefs instance %s: %s%s", path,
			  strerror(errno),
			  errno == EACCES || errno == EPERM ? " (run as root)" : "");
	inst = tracefs_instance_alloc(root, name);
	if (!inst) {
		ret = errno;
		rmdir(path);
		sdiag_die(CMD, "tracefs instance %s: %s", path, strerror(ret));
	}
	for (i = 0; i < SDIAG_NR_EVENTS; i++) {
		build_filter(i, &m, filter, sizeof(filter));
		if (tracefs_event_file_write(inst, SYSTEM, sdiag_events[i],
					     "filter", filter) < 0 ||
		    tracefs_event_enable(inst, SYSTEM, sdiag_events[i])) {
			ret = errno;
			tracefs_instance_destroy(inst);
			tracefs_instance_free(inst);
			sdiag_die(CMD, "cannot set up %s: %s", sdiag_events[i],
				  strerror(ret));
		}
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	trace_seq_init(&r.seq);
	ret = stream(&r, inst, seconds);
	trace_seq_destroy(&r.seq);
	/* Removing the instance turns its events off and frees its buffers. */
	if (tracefs_instance_destroy(inst)) {
		sdiag_warn(CMD, "could not remove the tracefs instance %s: %s",
			   path, strerror(errno));
		ret = SDIAG_EXIT_ERROR;
	}
	tracefs_instance_free(inst);
	tep_free(r.tep);
	return ret;
}
