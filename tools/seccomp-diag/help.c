// SPDX-License-Identifier: GPL-2.0
/*
 * The manual: "seccomp-diag --help" prints all of it, "seccomp-diag help
 * CMD" and "seccomp-diag CMD --help" the page of one subcommand.
 */
#include <string.h>

#include "diag.h"

static const char head[] =
"NAME\n"
"    seccomp-diag - find seccomp filters that answer unknown syscalls with EPERM\n"
"\n"
"SYNOPSIS\n"
"    seccomp-diag status [--json]\n"
"    seccomp-diag probe [--nr N] [--json]\n"
"    seccomp-diag check (--pid PID | --bpf FILE|- ...) [--nr N] [--all]\n"
"                       [--json]\n"
"    seccomp-diag trace [--pid PID] [--errno NAME] [--comm NAME] [--count N]\n"
"                       [--seconds S] [--raw]\n"
"    seccomp-diag help [COMMAND]\n"
"\n"
"DESCRIPTION\n"
"    A seccomp filter that answers a syscall it does not know with EPERM\n"
"    breaks every program that falls back from a new syscall to an old one\n"
"    on ENOSYS (clone3 to clone, openat2 to openat, statx to fstatat...).\n"
"    seccomp-diag finds such filters: in the current sandbox (probe), in a\n"
"    running task or a BPF file (check), and, with the seccomp_diag kernel\n"
"    module, as they are installed and used (status, trace).\n"
"\n"
"    The reserved syscall number, 1048575 (0xfffff) unless --nr says\n"
"    otherwise, is the one the module probes filters with: above every\n"
"    syscall of every architecture, it stands for \"a syscall newer than\n"
"    this filter\".  Syscall names and ABIs come from libseccomp.\n"
"\n"
"COMMANDS\n";

static const char status_page[] =
"  status [--json]\n"
"    Whether the seccomp_diag module is loaded, its version, parameters\n"
"    (check, probe_nr), counters (filters_checked, filters_flagged,\n"
"    errno_outcomes, probes_missed), which of its trace events are\n"
"    enabled, and the actions this kernel's seccomp supports\n"
"    (/proc/sys/kernel/seccomp/actions_avail).\n"
"    Exit status: 0 module loaded, 1 not loaded, 2 error.\n";

static const char probe_page[] =
"  probe [--nr N] [--json]\n"
"    Run inside a sandbox (container, systemd unit, CI job).  Calls the\n"
"    reserved syscall number on the x86_64, i386 and x32 ABIs and a few\n"
"    real syscalls often missing from profiles (clone3, openat2,\n"
"    faccessat2, fchmodat2, statx, close_range...) with arguments the\n"
"    kernel rejects harmlessly, each in a child process, and says whether\n"
"    the sandbox answers them with ENOSYS (good), EPERM (fallbacks break)\n"
"    or something else (another errno, SIGSYS).  No module needed.\n"
"    --nr N      reserved number to call (default 1048575)\n"
"    --json      one JSON object on stdout\n"
"    Exit status: 0 the reserved number fails with ENOSYS on every ABI and\n"
"    no real syscall gets EPERM, 1 some answer is EPERM, 2 another answer\n"
"    (errno, signal) or an error.\n";

static const char check_page[] =
"  check --pid PID | --bpf FILE|- [--bpf FILE...] [--nr N] [--all] [--json]\n"
"    Evaluate seccomp filters in userspace exactly as the kernel runs them\n"
"    (classic BPF, stacked filters: the most restrictive action wins, the\n"
"    newest filter on ties; errno capped at 4095) for each ABI: the answer\n"
"    to the reserved number, and this kernel's syscalls (those libseccomp\n"
"    names) the filters answer exactly like it, by name, with all\n"
"    arguments zero.  No module needed.\n"
"    --pid PID   the filters of task PID, read with\n"
"                PTRACE_SECCOMP_GET_FILTER: needs CAP_SYS_ADMIN, a kernel\n"
"                with CONFIG_CHECKPOINT_RESTORE, and the caller must not\n"
"                be under seccomp itself.  The task is stopped briefly.\n"
"    --bpf FILE  raw struct sock_filter array as seccomp_export_bpf()\n"
"                writes it; - is stdin.  Repeat to stack filters in the\n"
"                order they were installed (the last one is the newest).\n"
"                Rejected like seccomp(2) would: empty, truncated (not a\n"
"                multiple of 8 bytes), over 4096 instructions, unknown\n"
"                opcodes, jumps out of the filter, no return at the end.\n"
"    --nr N      reserved number (default 1048575)\n"
"    --all       list every syscall, not the first 16 (well-known\n"
"                casualties like clone3 and openat2 come first)\n"
"    --json      one JSON object on stdout, always with every syscall\n"
"    Exit status: 0 the reserved number gets ENOSYS (ERRNO(ENOSYS), or\n"
"    ALLOW/LOG, which reach the kernel's own ENOSYS) on every ABI, 1 EPERM\n"
"    on some ABI, 2 another answer (KILL, TRAP, other errno, TRACE,\n"
"    USER_NOTIF) or an error.\n";

static const char trace_page[] =
"  trace [--pid PID] [--errno NAME] [--comm NAME] [--count N] [--seconds S]\n"
"        [--raw]\n"
"    Enable the module's trace events (filter_check, seccomp_errno,\n"
"    notif_reply) in a private tracefs instance, set their filters there,\n"
"    and print decoded lines: task, ABI, syscall name, errno name, action.\n"
"    Records are read in binary and decoded by the events' format files\n"
"    (libtracefs, libtraceevent); task names are printed with control\n"
"    characters and backslashes as \\xHH.  Until Ctrl-C, SIGTERM, --count\n"
"    events or --seconds; then the instance is removed.  The global event\n"
"    settings and other readers are left alone.  Needs root and the module.\n"
"    --pid PID     only this task (or thread group, or notification target)\n"
"    --errno NAME  only this errno (EPERM, eperm or 1)\n"
"    --comm NAME   only tasks with this name (15 characters at most)\n"
"    --count N     stop after N events\n"
"    --seconds S   stop after S seconds\n"
"    --raw         print the events as the kernel's print format shows them\n"
"    Exit status: 0 stopped normally, 2 error.\n";

static const char help_page[] =
"  help [COMMAND]\n"
"    This manual, or the part of it about COMMAND.\n";

static const char tail[] =
"\n"
"EXIT STATUS\n"
"    Per command as above.  Bad input (unknown option, missing or invalid\n"
"    argument, unreadable or malformed filter, no such pid) is always one\n"
"    line on stderr and exit status 2.\n"
"\n"
"FILES\n"
"    /sys/module/seccomp_diag/{version,parameters/}\n"
"    /sys/kernel/seccomp_diag/{filters_checked,filters_flagged,errno_outcomes,probes_missed}\n"
"    /sys/kernel/tracing/events/seccomp_diag/ (or /sys/kernel/debug/tracing)\n"
"    /proc/sys/kernel/seccomp/actions_avail\n"
"\n"
"ENVIRONMENT\n"
"    SECCOMP_DIAG_SYSROOT  prefix for the /sys and /proc paths of status and\n"
"                          trace (for tests)\n"
"\n"
"EXAMPLES\n"
"    seccomp-diag probe || echo 'this sandbox breaks syscall fallbacks'\n"
"    seccomp-diag check --pid $(pidof containerd-shim) --json\n"
"    scmp_bpf_export_tool > f.bpf; seccomp-diag check --bpf f.bpf\n"
"    seccomp-diag trace --errno EPERM --comm curl\n"
"\n"
"SEE ALSO\n"
"    seccomp(2), ptrace(2) PTRACE_SECCOMP_GET_FILTER, seccomp_export_bpf(3),\n"
"    Documentation/ in the seccomp-diag sources.\n";

static const struct {
	const char *name;
	const char *page;
} pages[] = {
	{ "status", status_page },
	{ "probe", probe_page },
	{ "check", check_page },
	{ "trace", trace_page },
	{ "help", help_page },
};

int sdiag_help(const char *cmd, FILE *out)
{
	size_t i;

	if (!cmd) {
		fputs(head, out);
		for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
			fputs(pages[i].page, out);
			fputc('\n', out);
		}
		fputs(tail + 1, out);
		return 0;
	}
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		if (!strcmp(cmd, pages[i].name)) {
			fprintf(out, "seccomp-diag %s\n\n", cmd);
			fputs(pages[i].page, out);
			return 0;
		}
	}
	sdiag_die("help", "unknown command '%s' (commands: status, probe, check, trace, help)",
		  cmd);
}

void sdiag_bad_option(const char *cmd, int opt, const char *arg)
{
	if (opt == ':')
		sdiag_die(cmd, "option '%s' needs an argument (see seccomp-diag help %s)",
			  arg, cmd);
	sdiag_die(cmd, "unknown option '%s' (see seccomp-diag help %s)",
		  arg, cmd);
}
