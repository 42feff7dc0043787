// SPDX-License-Identifier: GPL-2.0
/*
 * trace: turn the module's trace events on, stream them decoded, and put
 * the events back the way they were, also on Ctrl-C or SIGTERM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"

#define CMD "trace"
#define COMM_MAX 15	/* TASK_COMM_LEN - 1 */

struct event_state {
	char dir[320];
	char enable[8];
	char filter[4096];
	bool saved;
};

static struct event_state events[SDIAG_NR_EVENTS];
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static int write_text(const char *path, const char *text)
{
	ssize_t len = (ssize_t)strlen(text);
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != len)
		ret = -errno ? -errno : -EIO;
	close(fd);
	return ret;
}

static int set_event_file(const struct event_state *ev, const char *file,
			  const char *text)
{
	char path[352];

	if (snprintf(path, sizeof(path), "%s/%s", ev->dir, file) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	return write_text(path, text);
}

static int save_event(struct event_state *ev)
{
	char path[352];
	int ret;

	if (snprintf(path, sizeof(path), "%s/enable", ev->dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	ret = sdiag_read_text(path, ev->enable, sizeof(ev->enable));
	if (ret < 0)
		return ret;
	if (snprintf(path, sizeof(path), "%s/filter", ev->dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	ret = sdiag_read_text(path, ev->filter, sizeof(ev->filter));
	if (ret < 0)
		return ret;
	ev->saved = true;
	return 0;
}

/* Returns the number of events it could not put back. */
static int restore_events(void)
{
	int i, failed = 0;

	for (i = 0; i < SDIAG_NR_EVENTS; i++) {
		struct event_state *ev = &events[i];
		const char *filter = ev->filter;
		char enable[2] = { ev->enable[0] == '1' ? '1' : '0', '\0' };

		if (!ev->saved)
			continue;
		/* The filter file says "none" when there is none; 0 clears. */
		if (!strcmp(filter, "none") || !filter[0])
			filter = "0";
		if (set_event_file(ev, "enable", enable) ||
		    set_event_file(ev, "filter", filter)) {
			sdiag_warn(CMD, "could not restore %s: %s",
				   sdiag_events[i], strerror(errno));
			failed++;
		}
		ev->saved = false;
	}
	return failed;
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

/* The value of "key=" in @fields, up to the next space or @until. */
static bool field(const char *fields, const char *key, const char *until,
		  char *out, size_t size)
{
	const char *start = fields, *end;
	size_t klen = strlen(key);

	for (;;) {
		start = strstr(start, key);
		if (!start)
			return false;
		if ((start == fields || start[-1] == ' ') && start[klen] == '=')
			break;
		start += klen;
	}
	start += klen + 1;
	end = until ? strstr(start, until) : NULL;
	if (!end)
		end = start + strcspn(start, " \n");
	snprintf(out, size, "%.*s", (int)(end - start), start);
	return true;
}

static void syscall_text(const char *arch, long nr, char *buf, size_t size)
{
	const struct sdiag_abi *abi = &sdiag_abis[0];
	char *name;

	if (!strcmp(arch, sdiag_abis[1].name))
		abi = &sdiag_abis[1];
	else if (SDIAG_NR_ABIS > 2 && (nr & SDIAG_X32_BIT))
		abi = &sdiag_abis[SDIAG_NR_ABIS - 1];
	name = nr >= 0 ? sdiag_syscall_name(abi, (unsigned int)nr & ~abi->nr_bit) :
			 NULL;
	snprintf(buf, size, "%s %s (%ld)", abi->name, name ? name : "?", nr);
	free(name);
}

static void errno_text(long err, char *buf, size_t size)
{
	const char *name = sdiag_errno_name((int)err);

	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%ld", err);
}

/* Returns false for lines that are not one of the module's events. */
static bool decode(const char *line)
{
	char ts[32] = "", comm[32], pid[16], tgid[16], arch[16], nr[16];
	char err[16], action[32], flagged[4], target[16], value[32];
	char flags[32], ret[16], sys[96], what[64];
	const char *fields, *colon;
	int event;

	for (event = 0; event < SDIAG_NR_EVENTS; event++) {
		char tag[32];

		snprintf(tag, sizeof(tag), ": %s: ", sdiag_events[event]);
		colon = strstr(line, tag);
		if (colon) {
			fields = colon + strlen(tag);
			break;
		}
	}
	if (event == SDIAG_NR_EVENTS)
		return false;
	/* The timestamp is the word just before the event name. */
	{
		const char *p = colon;

		while (p > line && p[-1] != ' ')
			p--;
		snprintf(ts, sizeof(ts), "%.*s", (int)(colon - p), p);
	}
	if (!field(fields, "pid", NULL, pid, sizeof(pid)))
		return false;

	switch (event) {
	case 0:
		if (!field(fields, "comm", " abi=", comm, sizeof(comm)) ||
		    !field(fields, "abi", NULL, arch, sizeof(arch)) ||
		    !field(fields, "nr", NULL, nr, sizeof(nr)) ||
		    !field(fields, "raw", NULL, action, sizeof(action)) ||
		    !field(fields, "flagged", NULL, flagged, sizeof(flagged)))
			return false;
		sdiag_action_format((uint32_t)strtoul(action, NULL, 16), what,
				    sizeof(what));
		/* The x32 bit reads better in hex. */
		if (!strcmp(arch, "x32"))
			snprintf(nr, sizeof(nr), "0x%lx", strtoul(nr, NULL, 10));
		printf("%s filter_check %s pid %s installed a filter: %s syscall %s -> %s%s\n",
		       ts, comm, pid, arch, nr, what,
		       flagged[0] == '1' ? ": FLAGGED, EPERM breaks fallbacks" : "");
		return true;
	case 1:
		if (!field(fields, "tgid", NULL, tgid, sizeof(tgid)) ||
		    !field(fields, "comm", " arch=", comm, sizeof(comm)) ||
		    !field(fields, "arch", NULL, arch, sizeof(arch)) ||
		    !field(fields, "nr", NULL, nr, sizeof(nr)) ||
		    !field(fields, "err", "(", err, sizeof(err)) ||
		    !field(fields, "action", NULL, action, sizeof(action)))
			return false;
		syscall_text(arch, strtol(nr, NULL, 10), sys, sizeof(sys));
		errno_text(strtol(err, NULL, 10), what, sizeof(what));
		printf("%s seccomp_errno %s pid %s tgid %s: %s failed with %s (%s)\n",
		       ts, comm, pid, tgid, sys, what, action);
		return true;
	default:
		if (!field(fields, "comm", " id=", comm, sizeof(comm)) ||
		    !field(fields, "target", NULL, target, sizeof(target)) ||
		    !field(fields, "nr", NULL, nr, sizeof(nr)) ||
		    !field(fields, "arch", NULL, arch, sizeof(arch)) ||
		    !field(fields, "error", NULL, err, sizeof(err)) ||
		    !field(fields, "val", NULL, value, sizeof(value)) ||
		    !field(fields, "flags", NULL, flags, sizeof(flags)) ||
		    !field(fields, "ret", NULL, ret, sizeof(ret)))
			return false;
		syscall_text(arch, strtol(nr, NULL, 10), sys, sizeof(sys));
		errno_text(-strtol(err, NULL, 10), what, sizeof(what));
		printf("%s notif_reply %s pid %s answered pid %s: %s: error %s val %s flags %s ret %s\n",
		       ts, comm, pid, target, sys,
		       strcmp(err, "0") ? what : "0", value, flags, ret);
		return true;
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Stream until told to stop; returns the exit status. */
static int stream(int fd, bool raw, unsigned long count, double seconds)
{
	static char buf[65536];
	double deadline = seconds > 0 ? now() + seconds : 0;
	unsigned long seen = 0;
	size_t used = 0;
	sigset_t unblocked;

	sigemptyset(&unblocked);
	while (!stop_signal && (!count || seen < count)) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct timespec timeout, *tp = NULL;
		ssize_t len;
		char *line, *nl;
		int ret;

		if (deadline) {
			double left = deadline - now();

			if (left <= 0)
				break;
			timeout.tv_sec = (time_t)left;
			timeout.tv_nsec = (long)((left - timeout.tv_sec) * 1e9);
			tp = &timeout;
		}
		/* Signals are only let in here, so none is lost. */
		ret = ppoll(&pfd, 1, tp, &unblocked);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0) {
			sdiag_warn(CMD, "poll: %s", strerror(errno));
			return SDIAG_EXIT_ERROR;
		}
		if (!ret)
			continue;
		len = read(fd, buf + used, sizeof(buf) - 1 - used);
		if (len < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (len < 0) {
			sdiag_warn(CMD, "reading trace_pipe: %s", strerror(errno));
			return SDIAG_EXIT_ERROR;
		}
		if (!len)
			break;
		used += len;
		buf[used] = '\0';
		line = buf;
		while ((!count || seen < count) && (nl = strchr(line, '\n'))) {
			*nl = '\0';
			if (raw) {
				if (strstr(line, ": filter_check: ") ||
				    strstr(line, ": seccomp_errno: ") ||
				    strstr(line, ": notif_reply: "))
					seen++;
				printf("%s\n", line);
			} else if (decode(line)) {
				seen++;
			} else if (line[0] && line[0] != '#') {
				/* Someone else's events share the pipe. */
				printf("%s\n", line);
			}
			line = nl + 1;
		}
		used -= line - buf;
		memmove(buf, line, used);
		/* A line longer than the buffer is cut. */
		if (used == sizeof(buf) - 1)
			used = 0;
		if (fflush(stdout) || ferror(stdout))
			return SDIAG_EXIT_ERROR;
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
	char root[256], path[288], filter[512];
	unsigned long count = 0, value;
	struct sigaction sa = { 0 };
	double seconds = 0;
	sigset_t block;
	bool raw = false;
	int opt, ret, fd, i;

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
			if (sdiag_parse_uint(optarg, ULONG_MAX, &count) || !count)
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
			raw = true;
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

	snprintf(path, sizeof(path), "%s/trace_pipe", root);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		sdiag_die(CMD, "%s: %s%s", path, strerror(errno),
			  errno == EACCES || errno == EPERM ? " (run as root)" : "");

	/* From here on a signal must not skip the restore. */
	sigemptyset(&block);
	for (i = 0; i < (int)(sizeof(signals) / sizeof(signals[0])); i++)
		sigaddset(&block, signals[i]);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sa.sa_handler = on_signal;
	for (i = 0; i < (int)(sizeof(signals) / sizeof(signals[0])); i++)
		sigaction(signals[i], &sa, NULL);

	for (i = 0; i < SDIAG_NR_EVENTS; i++) {
		snprintf(events[i].dir, sizeof(events[i].dir),
			 "%s/events/seccomp_diag/%s", root, sdiag_events[i]);
		if (save_event(&events[i])) {
			ret = errno;
			restore_events();
			sdiag_die(CMD, "%s: %s%s", events[i].dir, strerror(ret),
				  ret == EACCES ? " (run as root)" : "");
		}
		build_filter(i, &m, filter, sizeof(filter));
		if (set_event_file(&events[i], "filter", filter) ||
		    set_event_file(&events[i], "enable", "1")) {
			ret = errno;
			restore_events();
			sdiag_die(CMD, "cannot set up %s: %s", sdiag_events[i],
				  strerror(ret));
		}
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	ret = stream(fd, raw, count, seconds);
	close(fd);
	if (restore_events())
		ret = SDIAG_EXIT_ERROR;
	return ret;
}
