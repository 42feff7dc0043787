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
"    seccomp-diag check (--pid PID | --bpf FILE|- ... |\n"
"                        --profile FILE.json [--runtime runc|crun|both]\n"
"                        [--caps LIST] [--oci]) [--nr N] [--all] [--json]\n"
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
"    this filter\".  Syscall names and what counts as implemented come\n"
"    from the kernel's x86 syscall tables (entries other than\n"
"    sys_ni_syscall; the running kernel's own when its build directory is\n"
"    there, see ENVIRONMENT), as\n"
"    strace, libseccomp and the module name them (i386: oldstat, olduname,\n"
"    futex_time64).\n"
"\n"
"    probe and check judge per ABI like the seccomp_diag module judges a\n"
"    task's final chain: every filter runs, the lowest action wins, the\n"
"    newest filter among equal actions.  Findings: the reserved number\n"
"    answered with EPERM; a casualty (the reserved number is answered\n"
"    right, yet a syscall from module/casualties.h, clone3, faccessat2,\n"
"    statx..., whose callers fall back only on ENOSYS, gets EPERM with zero\n"
"    arguments; also one this kernel lacks, at its unified number); any\n"
"    other answer to the reserved number.  Information, not findings:\n"
"    answers on x32 while x32 is off or not built, and an ABI whose every\n"
"    syscall the chain kills (libseccomp's bad-arch action).  x32 is on or\n"
"    off by /sys/module/syscall/parameters/x32, else syscall.x32= in\n"
"    /proc/cmdline with /boot/config-RELEASE, else behaviour (an x32 call\n"
"    the filters let through runs, or gets ENOSYS); else it is unknown,\n"
"    not off: x32 answers are judged as if on, with an \"x32: note:\" line.\n"
"\n"
"COMMANDS\n";

static const char status_page[] =
"  status [--json]\n"
"    Whether the seccomp_diag module is loaded, its version, parameters\n"
"    (check, probe_nr), counters (filters_checked, filters_flagged,\n"
"    errno_outcomes, probes_missed), which of its trace events are\n"
"    enabled, and the actions this kernel's seccomp supports\n"
"    (/proc/sys/kernel/seccomp/actions_avail).\n"
"    Exit status: 0 module loaded, 1 not loaded, 3 error.\n";

static const char probe_page[] =
"  probe [--nr N] [--json]\n"
"    Run inside a sandbox (container, systemd unit, CI job).  On the\n"
"    x86_64, i386 and x32 ABIs calls the reserved number, getppid (to tell\n"
"    an ABI the sandbox kills entirely) and new syscalls (clone3, openat2,\n"
"    faccessat2, fchmodat2, statx, close_range, pidfd_open, epoll_pwait2)\n"
"    with arguments the kernel itself rejects before doing anything, each\n"
"    in a child process.  EPERM is a finding only for the casualties, whose\n"
"    callers fall back only on ENOSYS (clone3, faccessat2, fchmodat2,\n"
"    statx: module/casualties.h).  A syscall's answer is \"allowed\"\n"
"    only when it is the kernel's own errno for those arguments (EINVAL;\n"
"    EBADF for epoll_pwait2 on newer kernels); any other errno is the\n"
"    sandbox's.  No module needed.  Lines:\n"
"      ABI reserved syscall NR: RESULT: TEXT\n"
"      ABI information: WHY\n"
"      ABI NAME (NR): RESULT: TEXT\n"
"      verdict: good|BAD|UNCLEAR: TEXT\n"
"    --nr N      reserved number to call (default 1048575)\n"
"    --json      one JSON object on stdout\n"
"    Exit status: as check.\n";

static const char check_page[] =
"  check --pid PID | --bpf FILE|- [--bpf FILE...] | --profile FILE.json\n"
"        [--runtime runc|crun|both] [--caps LIST] [--oci] [--nr N] [--all]\n"
"        [--json]\n"
"    Evaluate seccomp filters in userspace exactly as the kernel runs them\n"
"    (classic BPF, the whole chain: the most restrictive action wins, the\n"
"    newest filter on ties; errno capped at 4095) for each ABI, and judge\n"
"    the chain as described above.  Lists the implemented syscalls the\n"
"    chain answers exactly like the reserved number (all arguments zero);\n"
"    their count is the module's.  No module needed.\n"
"    --pid PID   the filters of task PID, read with\n"
"                PTRACE_SECCOMP_GET_FILTER (index 0 is the oldest): needs\n"
"                CAP_SYS_ADMIN, CONFIG_CHECKPOINT_RESTORE, and no seccomp\n"
"                on seccomp-diag itself.  The task is stopped briefly.\n"
"    --bpf FILE  raw struct sock_filter array as seccomp_export_bpf()\n"
"                writes it; - is stdin.  Repeat to stack filters in the\n"
"                order they were installed (the last one is the newest).\n"
"                Rejected like seccomp(2) would: empty, truncated (not a\n"
"                multiple of 8 bytes), over 4096 instructions, unknown\n"
"                opcodes, jumps out of the filter, no return at the end.\n"
"    --profile FILE.json\n"
"                an OCI (config.json or its linux.seccomp) or Docker\n"
"                seccomp profile, read with json-c: defaultAction,\n"
"                defaultErrnoRet, architectures or archMap, syscalls[]\n"
"                names/action/errnoRet/args and includes/excludes (arches\n"
"                against amd64, caps, minKernel).  Compiled with libseccomp\n"
"                as runc does, with its ENOSYS stub (numbers above the\n"
"                highest one the profile names on each of its\n"
"                architectures get ENOSYS, unless the default action is\n"
"                ALLOW, LOG or TRACE), and as crun does (no stub).  Bad\n"
"                JSON, unknown actions, architectures or syscall names:\n"
"                an error naming FILE:LINE:COLUMN or the JSON path.\n"
"    --runtime R runc, crun or both (default both)\n"
"    --caps LIST the container's capabilities for includes/excludes,\n"
"                comma-separated (default: Docker's default set)\n"
"    --oci       print the OCI form of the profile (what Docker or Podman\n"
"                put in config.json's linux.seccomp for runc and crun)\n"
"                instead of judging it\n"
"    --nr N      reserved number (default 1048575)\n"
"    --all       list every syscall, not the first 16 (casualties first)\n"
"    --json      one JSON object on stdout, always with every syscall\n"
"    Lines (for --profile each starts with \"runc \" or \"crun \", after a\n"
"    \"FILE: RUNTIME: 1 filter, N instructions (STUB)\" line, and a last\n"
"    \"verdict:\" line covers the runtimes shown):\n"
"      ABI: syscall NR -> ANSWER: good|BAD|UNCLEAR|information only, ...\n"
"      ABI: information: WHY\n"
"      ABI: N implemented syscalls answered the same way: NAMES\n"
"      ABI: casualty NAME -> ERRNO(EPERM): BAD, CALLER falls back only ...\n"
"      verdict: good|BAD|UNCLEAR: TEXT\n"
"    Exit status: 0 no finding; 1 an EPERM finding (the reserved number or\n"
"    a casualty) on an ABI programs can use; 2 another finding (KILL,\n"
"    TRAP, another errno, TRACE, USER_NOTIF for the reserved number); 3\n"
"    the tool could not do its job.\n";

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
"    Exit status: 0 stopped normally, 3 error.\n";

static const char help_page[] =
"  help [COMMAND]\n"
"    This manual, or the part of it about COMMAND.\n";

static const char tail[] =
"\n"
"EXIT STATUS\n"
"    probe and check: 0 no finding, 1 an EPERM finding (reserved number or\n"
"    casualty), 2 any other finding, 3 the tool could not do its job.\n"
"    Bad input (unknown option, missing or invalid argument, unreadable or\n"
"    malformed filter or profile, no such pid, no permission) is always\n"
"    one line on stderr and exit status 3, for every command.\n"
"\n"
"FILES\n"
"    /sys/module/seccomp_diag/{version,parameters/}\n"
"    /sys/kernel/seccomp_diag/{filters_checked,filters_flagged,errno_outcomes,probes_missed}\n"
"    /sys/kernel/tracing/events/seccomp_diag/ (or /sys/kernel/debug/tracing)\n"
"    /proc/sys/kernel/seccomp/actions_avail\n"
"    /sys/module/syscall/parameters/x32, /proc/cmdline, /boot/config-RELEASE\n"
"                          (the x32 switch)\n"
"\n"
"ENVIRONMENT\n"
"    SECCOMP_DIAG_SYSROOT  prefix for the /sys, /proc and /boot paths of\n"
"                          status, trace and the x32 switch (for tests)\n"
"    SECCOMP_DIAG_SYSCALL_TABLES\n"
"                          a kernel build or headers directory whose\n"
"                          generated syscalls_*.h and unistd_*.h give the\n"
"                          syscall names and what is implemented (default:\n"
"                          /lib/modules/$(uname -r)/build when present, else\n"
"                          the Linux 6.1 tables built in); \"builtin\" forces\n"
"                          the built-in ones\n"
"\n"
"EXAMPLES\n"
"    seccomp-diag probe || echo 'this sandbox breaks syscall fallbacks'\n"
"    seccomp-diag check --pid $(pidof containerd-shim) --json\n"
"    scmp_bpf_export_tool > f.bpf; seccomp-diag check --bpf f.bpf\n"
"    seccomp-diag check --profile /usr/share/containers/seccomp.json\n"
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
