// SPDX-License-Identifier: GPL-2.0
/*
 * status: what the module is set to and has seen so far, all read from
 * sysfs, tracefs and procfs.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

#define CMD "status"

static const char * const params[] = { "check", "probe_nr", "count_errno" };
static const char * const counters[] = {
	"filters_checked", "filters_flagged", "filters_casualties",
	"errno_outcomes",
};

/* Counters that older modules do not have: shown only when present. */
static const bool counter_optional[] = { false, false, true, false };
static const char * const missed[] = { "check", "outcome", "nested" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct status {
	bool loaded;
	char version[64];
	char params[COUNT(params)][32];
	char counters[COUNT(counters)][32];
	bool counter_shown[COUNT(counters)];
	char missed[COUNT(missed)][32];
	int tracefs;			/* sdiag_tracefs() */
	char tracefs_root[PATH_MAX];
	int events[SDIAG_NR_EVENTS];	/* 1 on, 0 off, -1 unknown */
	char actions[256];
};

static void read_value(const char *path, char *buf, size_t size)
{
	char full[PATH_MAX];

	if (sdiag_read_text(sdiag_path(full, sizeof(full), path), buf, size) < 0)
		snprintf(buf, size, "?");
}

/* probes_missed holds "check N" lines, one per probe. */
static void read_missed(struct status *st)
{
	char text[256], *line, *save = NULL;
	size_t i;

	for (i = 0; i < COUNT(missed); i++)
		snprintf(st->missed[i], sizeof(st->missed[i]), "?");
	read_value("/sys/kernel/seccomp_diag/probes_missed", text, sizeof(text));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *space = strchr(line, ' ');

		if (!space)
			continue;
		*space = '\0';
		for (i = 0; i < COUNT(missed); i++)
			if (!strcmp(line, missed[i]))
				snprintf(st->missed[i], sizeof(st->missed[i]),
					 "%s", space + 1);
	}
}

static void gather(struct status *st)
{
	char path[PATH_MAX + 64], full[PATH_MAX], text[16];
	size_t i;

	memset(st, 0, sizeof(*st));
	st->loaded = sdiag_read_text(sdiag_path(full, sizeof(full),
						"/sys/module/seccomp_diag/refcnt"),
				     text, sizeof(text)) >= 0 ||
		     sdiag_read_text(sdiag_path(full, sizeof(full),
						"/sys/module/seccomp_diag/version"),
				     text, sizeof(text)) >= 0;
	read_value("/proc/sys/kernel/seccomp/actions_avail", st->actions,
		   sizeof(st->actions));
	st->tracefs = sdiag_tracefs(st->tracefs_root, sizeof(st->tracefs_root));
	for (i = 0; i < SDIAG_NR_EVENTS; i++) {
		st->events[i] = -1;
		if (st->tracefs)
			continue;
		snprintf(path, sizeof(path), "%s/events/seccomp_diag/%s/enable",
			 st->tracefs_root, sdiag_events[i]);
		if (sdiag_read_text(path, text, sizeof(text)) > 0)
			st->events[i] = text[0] == '1';
	}
	if (!st->loaded)
		return;
	read_value("/sys/module/seccomp_diag/version", st->version,
		   sizeof(st->version));
	for (i = 0; i < COUNT(params); i++) {
		snprintf(path, sizeof(path),
			 "/sys/module/seccomp_diag/parameters/%s", params[i]);
		read_value(path, st->params[i], sizeof(st->params[i]));
	}
	for (i = 0; i < COUNT(counters); i++) {
		snprintf(path, sizeof(path), "/sys/kernel/seccomp_diag/%s",
			 counters[i]);
		read_value(path, st->counters[i], sizeof(st->counters[i]));
		st->counter_shown[i] = !counter_optional[i] ||
				       strcmp(st->counters[i], "?");
	}
	read_missed(st);
}

static const char *event_state(int state)
{
	return state < 0 ? "?" : state ? "on" : "off";
}

static void print_text(const struct status *st)
{
	size_t i;

	if (!st->loaded) {
		printf("module: not loaded (no /sys/module/seccomp_diag)\n");
	} else {
		printf("module: loaded, version %s\n", st->version);
		printf("parameters:");
		for (i = 0; i < COUNT(params); i++)
			printf(" %s=%s", params[i], st->params[i]);
		printf("\ncounters:");
		for (i = 0; i < COUNT(counters); i++)
			if (st->counter_shown[i])
				printf(" %s=%s", counters[i], st->counters[i]);
		printf("\nprobes_missed:");
		for (i = 0; i < COUNT(missed); i++)
			printf(" %s=%s", missed[i], st->missed[i]);
		printf("\n");
	}
	if (st->tracefs == -ENODEV) {
		printf("events: tracefs not mounted\n");
	} else if (st->tracefs == -ENOENT) {
		printf("events: none in %s/events/seccomp_diag\n",
		       st->tracefs_root);
	} else {
		printf("events:");
		for (i = 0; i < SDIAG_NR_EVENTS; i++)
			printf(" %s=%s", sdiag_events[i],
			       event_state(st->events[i]));
		printf(" (%s)\n", st->tracefs_root);
	}
	printf("actions_avail: %s\n", st->actions);
}

static void json_value(const char *value)
{
	unsigned long number;

	if (!sdiag_parse_uint(value, ~0ul, &number) && value[0] != '0')
		printf("%lu", number);
	else if (!strcmp(value, "0"))
		printf("0");
	else
		sdiag_json_string(stdout, value);
}

static void print_json(const struct status *st)
{
	char copy[256], *word, *save = NULL;
	const char *sep;
	size_t i;

	printf("{\"loaded\":%s", st->loaded ? "true" : "false");
	if (st->loaded) {
		printf(",\"version\":");
		sdiag_json_string(stdout, st->version);
		printf(",\"parameters\":{");
		for (i = 0; i < COUNT(params); i++) {
			printf("%s\"%s\":", i ? "," : "", params[i]);
			json_value(st->params[i]);
		}
		printf("},\"counters\":{");
		for (i = 0, sep = ""; i < COUNT(counters); i++) {
			if (!st->counter_shown[i])
				continue;
			printf("%s\"%s\":", sep, counters[i]);
			json_value(st->counters[i]);
			sep = ",";
		}
		printf("},\"probes_missed\":{");
		for (i = 0; i < COUNT(missed); i++) {
			printf("%s\"%s\":", i ? "," : "", missed[i]);
			json_value(st->missed[i]);
		}
		printf("}");
	}
	printf(",\"tracefs\":");
	if (st->tracefs == -ENODEV)
		printf("null");
	else
		sdiag_json_string(stdout, st->tracefs_root);
	printf(",\"events\":{");
	for (i = 0; i < SDIAG_NR_EVENTS; i++)
		printf("%s\"%s\":%s", i ? "," : "", sdiag_events[i],
		       st->events[i] < 0 ? "null" :
		       st->events[i] ? "true" : "false");
	printf("},\"actions_avail\":[");
	snprintf(copy, sizeof(copy), "%s", st->actions);
	for (i = 0, word = strtok_r(copy, " ", &save); word;
	     word = strtok_r(NULL, " ", &save), i++) {
		if (i)
			putchar(',');
		sdiag_json_string(stdout, word);
	}
	printf("]}\n");
}

int sdiag_cmd_status(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct status *st;
	bool json = false;
	int opt, ret;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt != 'j')
			sdiag_bad_option(CMD, opt, argv[optind - 1]);
		json = true;
	}
	if (optind < argc)
		sdiag_die(CMD, "unexpected argument '%s'", argv[optind]);

	st = malloc(sizeof(*st));
	if (!st)
		sdiag_die(CMD, "out of memory");
	gather(st);
	if (json)
		print_json(st);
	else
		print_text(st);
	ret = st->loaded ? 0 : 1;
	free(st);
	return ret;
}
