// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp-diag: one command for what the seccomp_diag module and the
 * kernel know about seccomp filters that break syscall fallbacks.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"

#ifndef SDIAG_VERSION
#define SDIAG_VERSION "unknown"
#endif

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "status", sdiag_cmd_status },
	{ "probe", sdiag_cmd_probe },
	{ "check", sdiag_cmd_check },
	{ "trace", sdiag_cmd_trace },
};

static int is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		sdiag_die(NULL, "missing command: status, probe, check, trace or help (see seccomp-diag --help)");
	if (is_help(argv[1]) || !strcmp(argv[1], "help")) {
		if (argc > 3)
			sdiag_die("help", "one command at most");
		return sdiag_help(argc == 3 ? argv[2] : NULL, stdout);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("seccomp-diag %s\n", SDIAG_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		if (argc >= 3 && is_help(argv[2]))
			return sdiag_help(argv[1], stdout);
		sdiag_tables_init();
		return commands[i].run(argc - 1, argv + 1);
	}
	sdiag_die(NULL, "unknown command '%s' (see seccomp-diag --help)", argv[1]);
}
