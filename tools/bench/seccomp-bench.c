// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp-bench: what a syscall and a filter install cost under a
 * container-style seccomp allowlist, measured like the kernel's
 * tools/testing/selftests/seccomp/seccomp_benchmark.c (process CPU time
 * around a tight loop of raw syscalls, pinned to one CPU).
 *
 * It prints one "bench:" line per workload and ABI with the figure of
 * every repetition; tools/bench/run turns them into medians, ratios and
 * tables.  It never judges a figure: timing is the reader's business.
 *
 * The filter is built with libseccomp like a container runtime builds
 * one: about 300 syscalls allowed, about 50 dangerous ones failed with
 * EPERM, everything else (unknown or newer syscalls) failed with ENOSYS,
 * on x86_64, i386 and x32.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define X32_SYSCALL_BIT 0x40000000u
/* The kernel's MAX_INSNS_PER_PATH and its per-filter penalty. */
#define MAX_INSNS_PER_PATH 32768
#define FILTER_PENALTY 4
#define MAX_REPS 64
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Roughly Docker's default allowlist: what a container may run. */
static const char * const allowed_names[] = {
	"accept", "accept4", "access", "adjtimex", "alarm", "bind", "brk",
	"capget", "capset", "chdir", "chmod", "chown", "chown32",
	"clock_adjtime", "clock_getres", "clock_gettime", "clock_nanosleep",
	"clone", "clone3", "close", "close_range", "connect",
	"copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create",
	"epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait",
	"epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2",
	"execve", "execveat", "exit", "exit_group", "faccessat", "faccessat2",
	"fadvise64", "fadvise64_64", "fallocate", "fanotify_mark", "fchdir",
	"fchmod", "fchmodat", "fchown", "fchown32", "fchownat", "fcntl",
	"fcntl64", "fdatasync", "fgetxattr", "flistxattr", "flock", "fork",
	"fremovexattr", "fsetxattr", "fstat", "fstat64", "fstatat64",
	"fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex",
	"futex_time64", "futex_waitv", "futimesat", "getcpu", "getcwd",
	"getdents", "getdents64", "getegid", "getegid32", "geteuid",
	"geteuid32", "getgid", "getgid32", "getgroups", "getgroups32",
	"getitimer", "getpeername", "getpgid", "getpgrp", "getpid", "getppid",
	"getpriority", "getrandom", "getresgid", "getresgid32", "getresuid",
	"getresuid32", "getrlimit", "get_robust_list", "getrusage", "getsid",
	"getsockname", "getsockopt", "get_thread_area", "gettid",
	"gettimeofday", "getuid", "getuid32", "getxattr", "inotify_add_watch",
	"inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel",
	"ioctl", "io_destroy", "io_getevents", "io_pgetevents",
	"io_pgetevents_time64", "ioprio_get", "ioprio_set", "io_setup",
	"io_submit", "io_uring_enter", "io_uring_register", "io_uring_setup",
	"ipc", "kill", "landlock_add_rule", "landlock_create_ruleset",
	"landlock_restrict_self", "lchown", "lchown32", "lgetxattr", "link",
	"linkat", "listen", "listxattr", "llistxattr", "_llseek",
	"lremovexattr", "lseek", "lsetxattr", "lstat", "lstat64", "madvise",
	"membarrier", "memfd_create", "memfd_secret", "mincore", "mkdir",
	"mkdirat", "mknod", "mknodat", "mlock", "mlock2", "mlockall", "mmap",
	"mmap2", "mprotect", "mq_getsetattr", "mq_notify", "mq_open",
	"mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend",
	"mq_timedsend_time64", "mq_unlink", "mremap", "msgctl", "msgget",
	"msgrcv", "msgsnd", "msync", "munlock", "munlockall", "munmap",
	"nanosleep", "newfstatat", "_newselect", "open", "openat", "openat2",
	"pause", "pidfd_open", "pidfd_send_signal", "pipe", "pipe2",
	"pkey_alloc", "pkey_free", "pkey_mprotect", "poll", "ppoll",
	"ppoll_time64", "prctl", "pread64", "preadv", "preadv2", "prlimit64",
	"process_mrelease", "pselect6", "pselect6_time64", "pwrite64",
	"pwritev", "pwritev2", "read", "readahead", "readlink", "readlinkat",
	"readv", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg",
	"remap_file_pages", "removexattr", "rename", "renameat", "renameat2",
	"restart_syscall", "rmdir", "rseq", "rt_sigaction", "rt_sigpending",
	"rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend",
	"rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo",
	"sched_getaffinity", "sched_getattr", "sched_getparam",
	"sched_get_priority_max", "sched_get_priority_min",
	"sched_getscheduler", "sched_rr_get_interval",
	"sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr",
	"sched_setparam", "sched_setscheduler", "sched_yield", "seccomp",
	"select", "semctl", "semget", "semop", "semtimedop",
	"semtimedop_time64", "send", "sendfile", "sendfile64", "sendmmsg",
	"sendmsg", "sendto", "setfsgid", "setfsgid32", "setfsuid",
	"setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32",
	"setitimer", "setpgid", "setpriority", "setregid", "setregid32",
	"setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid",
	"setreuid32", "setrlimit", "set_robust_list", "setsid", "setsockopt",
	"set_thread_area", "set_tid_address", "setuid", "setuid32",
	"setxattr", "shmat", "shmctl", "shmdt", "shmget", "shutdown",
	"sigaltstack", "signalfd", "signalfd4", "sigprocmask", "sigreturn",
	"socket", "socketcall", "socketpair", "splice", "stat", "stat64",
	"statfs", "statfs64", "statx", "symlink", "symlinkat", "sync",
	"sync_file_range", "syncfs", "sysinfo", "tee", "tgkill", "time",
	"timer_create", "timer_delete", "timer_getoverrun", "timer_gettime",
	"timer_gettime64", "timer_settime", "timer_settime64",
	"timerfd_create", "timerfd_gettime", "timerfd_gettime64",
	"timerfd_settime", "timerfd_settime64", "times", "tkill", "truncate",
	"truncate64", "ugetrlimit", "umask", "uname", "unlink", "unlinkat",
	"utime", "utimensat", "utimensat_time64", "utimes", "vfork",
	"vmsplice", "wait4", "waitid", "waitpid", "write", "writev",
	"arch_prctl", "modify_ldt", "chroot",
};

/* Dangerous in a container: refused with EPERM, as runtimes do. */
static const char * const denied_names[] = {
	"acct", "add_key", "bpf", "clock_settime", "create_module",
	"delete_module", "finit_module", "get_kernel_syms", "get_mempolicy",
	"init_module", "ioperm", "iopl", "kcmp", "kexec_file_load",
	"kexec_load", "keyctl", "lookup_dcookie", "mbind", "mount",
	"move_pages", "name_to_handle_at", "nfsservctl", "open_by_handle_at",
	"perf_event_open", "personality", "pivot_root", "process_vm_readv",
	"process_vm_writev", "ptrace", "query_module", "quotactl", "reboot",
	"request_key", "set_mempolicy", "setns", "settimeofday", "stime",
	"swapon", "swapoff", "sysfs", "_sysctl", "umount", "umount2",
	"unshare", "uselib", "userfaultfd", "ustat", "vm86", "vm86old",
	"fsopen", "fsmount", "fsconfig", "fspick", "move_mount", "open_tree",
	"mount_setattr", "syslog", "vhangup",
};

/* The denied syscall of workload 2: cheap to call, never run. */
#define DENIED_SYSCALL "keyctl"

enum abi { ABI_X86_64, ABI_I386, ABI_X32, ABI_COUNT };

static const char * const abi_names[ABI_COUNT] = { "x86_64", "i386", "x32" };
static const uint32_t abi_tokens[ABI_COUNT] = {
	SCMP_ARCH_X86_64, SCMP_ARCH_X86, SCMP_ARCH_X32,
};

struct options {
	unsigned long iters;
	unsigned int reps;
	unsigned int installs;
	bool do_getppid, do_denied, do_install;
	bool abi_wanted[ABI_COUNT];
	bool no_filter;
	unsigned int flags;
	int cpu;
	const char *label;
};

struct filter {
	struct sock_fprog prog;
	unsigned int allowed, denied, unresolved;
};

static void die(const char *what)
{
	fprintf(stderr, "seccomp-bench: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void die_msg(const char *msg)
{
	fprintf(stderr, "seccomp-bench: %s\n", msg);
	exit(2);
}

/*
 * Raw syscalls through each ABI's own entry: libc's syscall() would add
 * errno handling to the loop and cannot reach the i386 entry at all.
 */
static inline long syscall_x86_64(long nr)
{
	long ret;

	asm volatile ("syscall"
		      : "=a" (ret)
		      : "a" (nr), "D" (0L), "S" (0L), "d" (0L)
		      : "rcx", "r11", "memory");
	return ret;
}

/* int $0x80 from a 64-bit task takes the i386 entry; r8-r11 are lost. */
static inline long syscall_i386(long nr)
{
	long ret;

	asm volatile ("int $0x80"
		      : "=a" (ret)
		      : "a" (nr), "b" (0L), "c" (0L), "d" (0L)
		      : "r8", "r9", "r10", "r11", "memory");
	return ret;
}

static long syscall_abi(enum abi abi, long nr)
{
	return abi == ABI_I386 ? syscall_i386(nr) : syscall_x86_64(nr);
}

static long resolve(enum abi abi, const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(abi_tokens[abi], name);

	if (nr < 0)
		return -1;
	if (abi == ABI_X32)
		nr |= X32_SYSCALL_BIT;
	return nr;
}

static unsigned long long now_ns(clockid_t clk)
{
	struct timespec ts;

	if (clock_gettime(clk, &ts))
		die("clock_gettime");
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void add_rules(scmp_filter_ctx ctx, const char * const *names,
		      size_t count, uint32_t action, unsigned int *added,
		      unsigned int *unresolved)
{
	size_t i;

	for (i = 0; i < count; i++) {
		int nr = seccomp_syscall_resolve_name(names[i]);

		/* Unknown to this libseccomp or to every ABI of the filter. */
		if (nr == __NR_SCMP_ERROR || seccomp_rule_add(ctx, action, nr, 0)) {
			(*unresolved)++;
			continue;
		}
		(*added)++;
	}
}

static void build_filter(struct filter *f)
{
	scmp_filter_ctx ctx;
	int fd;
	off_t len;

	memset(f, 0, sizeof(*f));
	ctx = seccomp_init(SCMP_ACT_ERRNO(ENOSYS));
	if (!ctx)
		die_msg("seccomp_init failed");
	if (seccomp_arch_add(ctx, SCMP_ARCH_X86) ||
	    seccomp_arch_add(ctx, SCMP_ARCH_X32))
		die_msg("seccomp_arch_add failed");
	add_rules(ctx, allowed_names,
		  ARRAY_SIZE(allowed_names),
		  SCMP_ACT_ALLOW, &f->allowed, &f->unresolved);
	add_rules(ctx, denied_names,
		  ARRAY_SIZE(denied_names),
		  SCMP_ACT_ERRNO(EPERM), &f->denied, &f->unresolved);

	/* Export once: the install workload times the kernel, not libseccomp. */
	fd = memfd_create("seccomp-bench", 0);
	if (fd < 0)
		die("memfd_create");
	if (seccomp_export_bpf(ctx, fd))
		die_msg("seccomp_export_bpf failed");
	len = lseek(fd, 0, SEEK_END);
	if (len <= 0 || len % sizeof(struct sock_filter))
		die_msg("exported filter has an odd size");
	f->prog.len = len / sizeof(struct sock_filter);
	f->prog.filter = malloc(len);
	if (!f->prog.filter)
		die("malloc");
	if (pread(fd, f->prog.filter, len, 0) != len)
		die("pread");
	close(fd);
	seccomp_release(ctx);
}

static int install(const struct filter *f, unsigned int flags)
{
	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, flags, &f->prog);
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

/* An ABI the kernel runs: i386 needs IA32_EMULATION, x32 syscall.x32=y. */
static bool abi_runs(enum abi abi)
{
	long nr = resolve(abi, "getppid");

	return nr >= 0 && syscall_abi(abi, nr) == getppid();
}

static void print_series(const char *label, const char *workload,
			 const char *abi, const char *unit, unsigned long iters,
			 unsigned int reps, const double *cpu, const double *wall,
			 unsigned long events)
{
	unsigned int i;

	printf("bench: label=%s workload=%s abi=%s unit=%s iters=%lu reps=%u events=%lu cpu=",
	       label, workload, abi, unit, iters, reps, events);
	for (i = 0; i < reps; i++)
		printf("%s%.3f", i ? "," : "", cpu[i]);
	printf(" wall=");
	for (i = 0; i < reps; i++)
		printf("%s%.3f", i ? "," : "", wall[i]);
	printf("\n");
}

struct syscall_cell {
	const char *workload;
	enum abi abi;
	long nr;
	long expect;
	double cpu[MAX_REPS], wall[MAX_REPS];
};

/* One tight loop; every return is checked, a wrong one ends the run. */
static void time_loop(struct syscall_cell *c, unsigned long iters,
		      unsigned int rep)
{
	unsigned long long cpu0, wall0, cpu1, wall1;
	unsigned long i;
	long ret = 0;

	wall0 = now_ns(CLOCK_MONOTONIC);
	cpu0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	for (i = 0; i < iters; i++) {
		ret = syscall_abi(c->abi, c->nr);
		if (ret != c->expect)
			break;
	}
	cpu1 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	wall1 = now_ns(CLOCK_MONOTONIC);
	if (ret != c->expect) {
		fprintf(stderr, "seccomp-bench: %s on %s returned %ld, expected %ld\n",
			c->workload, abi_names[c->abi], ret, c->expect);
		exit(1);
	}
	c->cpu[rep] = (double)(cpu1 - cpu0) / iters;
	c->wall[rep] = (double)(wall1 - wall0) / iters;
}

static void run_syscalls(const struct options *o, const struct filter *f)
{
	struct syscall_cell cells[2 * ABI_COUNT];
	unsigned int ncells = 0, i, rep;
	int abi;

	for (abi = 0; abi < ABI_COUNT; abi++) {
		if (!o->abi_wanted[abi])
			continue;
		if (!abi_runs(abi)) {
			printf("bench: label=%s workload=syscalls abi=%s status=skip reason=%s\n",
			       o->label, abi_names[abi],
			       abi == ABI_X32 ? "x32 syscalls disabled (boot with syscall.x32=y)" :
			       "the kernel does not run this ABI");
			continue;
		}
		if (o->do_getppid) {
			cells[ncells].workload = "getppid";
			cells[ncells].abi = abi;
			cells[ncells].nr = resolve(abi, "getppid");
			cells[ncells].expect = getppid();
			ncells++;
		}
		if (o->do_denied) {
			cells[ncells].workload = "denied";
			cells[ncells].abi = abi;
			cells[ncells].nr = resolve(abi, DENIED_SYSCALL);
			cells[ncells].expect = -EPERM;
			ncells++;
		}
	}
	if (!ncells)
		return;

	/* --no-filter: what a syscall costs without seccomp at all. */
	if (!o->no_filter) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			die("PR_SET_NO_NEW_PRIVS");
		if (install(f, o->flags))
			die("installing the allowlist filter");
	}

	/* Warm up, then interleave cells so that drift spreads over all. */
	for (i = 0; i < ncells; i++)
		time_loop(&cells[i], o->iters / 10 + 1, 0);
	for (rep = 0; rep < o->reps; rep++)
		for (i = 0; i < ncells; i++)
			time_loop(&cells[i], o->iters, rep);

	for (i = 0; i < ncells; i++)
		print_series(o->label, cells[i].workload,
			     abi_names[cells[i].abi], "ns", o->iters, o->reps,
			     cells[i].cpu, cells[i].wall,
			     !strcmp(cells[i].workload, "denied") ?
			     (o->iters / 10 + 1) + o->iters * o->reps : 0);
}

/*
 * A child under the allowlist installs the same filter again and again,
 * like a runtime's nested sandbox, until the kernel's per-task limit on
 * filter instructions nears; it writes its CPU and wall time to @fd.
 */
static void install_child(const struct filter *f, unsigned int count, int fd)
{
	unsigned long long t[4];
	unsigned int i;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || install(f, 0))
		_exit(3);
	t[0] = now_ns(CLOCK_MONOTONIC);
	t[1] = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	for (i = 0; i < count; i++)
		if (install(f, 0))
			_exit(4);
	t[2] = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	t[3] = now_ns(CLOCK_MONOTONIC);
	if (write(fd, t, sizeof(t)) != sizeof(t))
		_exit(5);
	_exit(0);
}

static void run_installs(const struct options *o, const struct filter *f)
{
	unsigned int per_child = MAX_INSNS_PER_PATH / (f->prog.len + FILTER_PENALTY) - 1;
	double cpu[MAX_REPS], wall[MAX_REPS];
	unsigned int rep, done;
	int fds[2];

	if (per_child < 1)
		die_msg("filter too long to install twice");
	if (pipe(fds))
		die("pipe");
	for (rep = 0; rep < o->reps; rep++) {
		unsigned long long cpu_ns = 0, wall_ns = 0, t[4];

		for (done = 0; done < o->installs; done += per_child) {
			unsigned int n = o->installs - done < per_child ?
					 o->installs - done : per_child;
			int status;
			pid_t pid = fork();

			if (pid < 0)
				die("fork");
			if (!pid)
				install_child(f, n, fds[1]);
			if (waitpid(pid, &status, 0) != pid)
				die("waitpid");
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				die_msg("install child failed");
			if (read(fds[0], t, sizeof(t)) != sizeof(t))
				die("read");
			cpu_ns += t[2] - t[1];
			wall_ns += t[3] - t[0];
		}
		cpu[rep] = cpu_ns / 1000.0 / o->installs;
		wall[rep] = wall_ns / 1000.0 / o->installs;
	}
	close(fds[0]);
	close(fds[1]);
	print_series(o->label, "install", "all", "us", o->installs, o->reps,
		     cpu, wall, 0);
}

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: seccomp-bench [options]\n"
		"Time syscalls and filter installs under a container-style allowlist.\n"
		"  --iters N        syscalls per repetition (default 100000)\n"
		"  --reps N         repetitions, at most %d (default 5)\n"
		"  --installs N     filter installs per repetition (default 60)\n"
		"  --workloads L    comma list of getppid,denied,install (default all)\n"
		"  --abis L         comma list of x86_64,i386,x32 (default all)\n"
		"  --log            install the allowlist with SECCOMP_FILTER_FLAG_LOG\n"
		"  --no-filter      time getppid without any seccomp filter\n"
		"  --cpu N          CPU to pin to (default 0)\n"
		"  --label NAME     configuration name for the result lines\n"
		"  --describe       print the filter's size and exit\n",
		MAX_REPS);
}

static bool in_list(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ',') && (p[len] == ',' || !p[len]))
			return true;
		p += len;
	}
	return false;
}

static unsigned long parse_count(const char *arg, const char *opt)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || !v) {
		fprintf(stderr, "seccomp-bench: %s wants a positive number, got '%s'\n",
			opt, arg);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "iters", required_argument, NULL, 'i' },
		{ "reps", required_argument, NULL, 'r' },
		{ "installs", required_argument, NULL, 'n' },
		{ "workloads", required_argument, NULL, 'w' },
		{ "abis", required_argument, NULL, 'a' },
		{ "log", no_argument, NULL, 'l' },
		{ "no-filter", no_argument, NULL, 'F' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "label", required_argument, NULL, 'L' },
		{ "describe", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct options o = {
		.iters = 100000, .reps = 5, .installs = 60,
		.do_getppid = true, .do_denied = true, .do_install = true,
		.abi_wanted = { true, true, true },
		.label = "run",
	};
	bool describe = false;
	struct filter f;
	int opt, abi;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			o.iters = parse_count(optarg, "--iters");
			break;
		case 'r':
			o.reps = parse_count(optarg, "--reps");
			if (o.reps > MAX_REPS)
				o.reps = MAX_REPS;
			break;
		case 'n':
			o.installs = parse_count(optarg, "--installs");
			break;
		case 'w':
			o.do_getppid = in_list(optarg, "getppid");
			o.do_denied = in_list(optarg, "denied");
			o.do_install = in_list(optarg, "install");
			break;
		case 'a':
			for (abi = 0; abi < ABI_COUNT; abi++)
				o.abi_wanted[abi] = in_list(optarg, abi_names[abi]);
			break;
		case 'l':
			o.flags |= SECCOMP_FILTER_FLAG_LOG;
			break;
		case 'F':
			o.no_filter = true;
			break;
		case 'c':
			o.cpu = strtol(optarg, NULL, 10);
			break;
		case 'L':
			o.label = optarg;
			break;
		case 'd':
			describe = true;
			break;
		case 'h':
			print_usage(stdout);
			return 0;
		default:
			print_usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		print_usage(stderr);
		return 2;
	}
	if (o.no_filter && (o.do_denied || o.do_install)) {
		fprintf(stderr, "seccomp-bench: --no-filter times only the getppid workload\n");
		return 2;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	build_filter(&f);
	if (describe) {
		printf("filter: allowed=%u denied=%u unresolved=%u insns=%u",
		       f.allowed, f.denied, f.unresolved, f.prog.len);
		printf(" arches=x86_64,i386,x32 default=ERRNO(ENOSYS)");
		printf(" denied_action=ERRNO(EPERM) denied_syscall=%s\n",
		       DENIED_SYSCALL);
		return 0;
	}
	pin(o.cpu);
	/* Installs first: the syscall workloads leave this task filtered. */
	if (o.do_install)
		run_installs(&o, &f);
	run_syscalls(&o, &f);
	return 0;
}
