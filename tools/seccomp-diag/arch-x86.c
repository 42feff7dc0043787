// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 ABIs (x86_64, i386, x32): their syscall tables, built in or
 * the running kernel's own, and whether programs can use each one now.
 * arch-arm64.c is the same for arm64; tools/Makefile builds the one CC
 * targets.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <limits.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "rawsys.h"
#include "syscalls_tbl.h"
#define TBL_LEN(t) (sizeof(t) / sizeof((t)[0]))

struct sdiag_abi sdiag_abis[SDIAG_NR_ABIS] = {
	[SDIAG_ABI_X86_64] = {
		.name = "x86_64", .audit_arch = AUDIT_ARCH_X86_64,
		.scmp_arch = SCMP_ARCH_X86_64, .tbl = sdiag_tbl_x86_64,
		.tbl_len = TBL_LEN(sdiag_tbl_x86_64),
		.ksyms = { "__x64_sys_" },
	},
	[SDIAG_ABI_I386] = {
		.name = "i386", .audit_arch = AUDIT_ARCH_I386,
		.scmp_arch = SCMP_ARCH_X86, .call = SDIAG_CALL_INT80,
		.tbl = sdiag_tbl_i386,
		.tbl_len = TBL_LEN(sdiag_tbl_i386),
		.ksyms = { "__ia32_sys_", "__ia32_compat_sys_" },
	},
	[SDIAG_ABI_X32] = {
		.name = "x32", .audit_arch = AUDIT_ARCH_X86_64,
		.scmp_arch = SCMP_ARCH_X32, .nr_bit = SDIAG_X32_BIT,
		.tbl = sdiag_tbl_x32, .tbl_len = TBL_LEN(sdiag_tbl_x32),
		.ksyms = { "__x64_sys_", "__x32_compat_sys_" },
	},
};

const char *sdiag_tbl_version = "Linux " SDIAG_TBL_VERSION " (built in)";
const char *sdiag_tbl_release = SDIAG_TBL_VERSION;

/* "#define __NR_name 12" or "... (__X32_SYSCALL_BIT + 12)": 0 or -1. */
static int unistd_line(const char *line, char *name, unsigned int *nr)
{
	if (sscanf(line, "#define __NR_%63s (__X32_SYSCALL_BIT + %u)", name, nr) == 2 ||
	    sscanf(line, "#define __NR_%63s %u", name, nr) == 2)
		return *nr <= SDIAG_MAX_SYSCALL_NR ? 0 : -1;
	return -1;
}

/*
 * One ABI's table from the generated headers: names from unistd, entry
 * points from syscalls (@compat: i386 runs through the compat column).
 */
static struct sdiag_tbl_entry *load_abi(const char *dir, const char *abi,
					bool compat, unsigned int *len)
{
	char path[PATH_MAX + 64], line[256], name[64], sym[128], csym[128];
	struct sdiag_tbl_entry *tbl;
	unsigned int nr, max = 0;
	FILE *f;

	tbl = calloc(SDIAG_MAX_SYSCALL_NR + 1, sizeof(*tbl));
	if (!tbl)
		sdiag_die(NULL, "out of memory");
	snprintf(path, sizeof(path), "%s/uapi/asm/unistd_%s.h", dir, abi);
	f = fopen(path, "re");
	if (!f)
		goto fail;
	while (fgets(line, sizeof(line), f)) {
		if (unistd_line(line, name, &nr))
			continue;
		tbl[nr].name = strdup(name);
		if (nr + 1 > max)
			max = nr + 1;
	}
	fclose(f);
	snprintf(path, sizeof(path), "%s/asm/syscalls_%s.h", dir, abi);
	f = fopen(path, "re");
	if (!f || !max)
		goto fail;
	while (fgets(line, sizeof(line), f)) {
		const char *entry = sym;

		if (sscanf(line, "__SYSCALL_WITH_COMPAT(%u, %127[^,], %127[^)])",
			   &nr, sym, csym) == 3) {
			if (compat)
				entry = csym;
		} else if (sscanf(line, "__SYSCALL(%u, %127[^)])", &nr, sym) != 2 &&
			   sscanf(line, "__SYSCALL_NORETURN(%u, %127[^)])", &nr, sym) != 2) {
			continue;
		}
		if (nr < max && tbl[nr].name)
			tbl[nr].implemented = strcmp(entry, "sys_ni_syscall") != 0;
	}
	fclose(f);
	*len = max;
	return tbl;
fail:
	if (f)
		fclose(f);
	for (nr = 0; nr <= SDIAG_MAX_SYSCALL_NR; nr++)
		free((char *)tbl[nr].name);
	free(tbl);
	return NULL;
}

void sdiag_tables_init(void)
{
	static const char * const files[SDIAG_NR_ABIS] = { "64", "32", "x32" };
	const char *env = getenv("SECCOMP_DIAG_SYSCALL_TABLES");
	struct sdiag_tbl_entry *tbl[SDIAG_NR_ABIS];
	unsigned int len[SDIAG_NR_ABIS];
	char dir[PATH_MAX], buf[PATH_MAX / 2];
	static char source[PATH_MAX];
	struct utsname u;
	int a;

	if (env && !strcmp(env, "builtin"))
		return;
	if (env && *env) {
		snprintf(buf, sizeof(buf), "%s", env);
	} else {
		if (uname(&u))
			return;
		snprintf(buf, sizeof(buf), "/lib/modules/%s/build", u.release);
	}
	snprintf(dir, sizeof(dir), "%s/arch/x86/include/generated", buf);
	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		tbl[a] = load_abi(dir, files[a], a == SDIAG_ABI_I386, &len[a]);
		if (!tbl[a]) {
			if (env && *env)
				sdiag_die(NULL, "SECCOMP_DIAG_SYSCALL_TABLES=%s: no readable %s/asm/syscalls_%s.h and uapi/asm/unistd_%s.h",
					  env, dir, files[a], files[a]);
			return;
		}
	}
	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		sdiag_abis[a].tbl = tbl[a];
		sdiag_abis[a].tbl_len = len[a];
	}
	snprintf(source, sizeof(source), "the kernel tables in %s", buf);
	sdiag_tbl_version = source;
	sdiag_tbl_release = NULL;
}

/* The kernel's kstrtobool(): 1 true, 0 false, -1 not a boolean. */
static int parse_kbool(const char *text)
{
	switch (text[0]) {
	case 'y': case 'Y': case '1':
		return 1;
	case 'n': case 'N': case '0':
		return 0;
	case 'o': case 'O':
		if (text[1] == 'n' || text[1] == 'N')
			return 1;
		if (text[1] == 'f' || text[1] == 'F')
			return 0;
		break;
	}
	return -1;
}

/*
 * The syscall.x32= values on the kernel command line: bit 0 some value
 * is true, bit 1 some value is false.  -1 when /proc/cmdline is unreadable.
 */
static int cmdline_x32(void)
{
	char buf[PATH_MAX], line[4096], *tok, *save;
	int seen = 0;

	if (sdiag_read_text(sdiag_path(buf, sizeof(buf), "/proc/cmdline"),
			    line, sizeof(line)) < 0)
		return -1;
	for (tok = strtok_r(line, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save)) {
		/* What follows "--" is init's, not the kernel's. */
		if (!strcmp(tok, "--"))
			break;
		if (strncmp(tok, "syscall.x32=", 12))
			continue;
		switch (parse_kbool(tok + 12)) {
		case 1:
			seen |= 1;
			break;
		case 0:
			seen |= 2;
			break;
		}
	}
	return seen;
}

/*
 * The running kernel's build configuration, /boot/config-RELEASE: -1
 * unreadable, else bit 0 CONFIG_X86_X32_ABI=y, bit 1 CONFIG_X86_X32_DISABLED=y
 * (Debian's: x32 off unless syscall.x32=y).
 */
static int config_x32(const char **path)
{
	static char file[PATH_MAX];
	char buf[PATH_MAX], line[256];
	struct utsname uts;
	int found = 0;
	FILE *f;

	if (uname(&uts))
		return -1;
	snprintf(file, sizeof(file), "/boot/config-%s", uts.release);
	*path = file;
	f = fopen(sdiag_path(buf, sizeof(buf), file), "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strcmp(line, "CONFIG_X86_X32_ABI=y\n") ||
		    !strcmp(line, "CONFIG_X86_X32=y\n"))
			found |= 1;
		else if (!strcmp(line, "CONFIG_X86_X32_DISABLED=y\n"))
			found |= 2;
	}
	fclose(f);
	return found;
}

/*
 * The x32 switch from behaviour, for when the files that tell it are
 * hidden (a sandbox).  The kernel runs the filters before it looks at the
 * switch, so an x32 syscall that returns a value proves x32 on, and
 * ENOSYS proves it off only when the task's chain let the call through.
 * To know that, a child stacks a filter that hands the call to itself
 * (SECCOMP_RET_USER_NOTIF): the notification comes only when every older
 * filter allows it (an ERRNO or a kill outranks it); the child then lets
 * the kernel run it (SECCOMP_USER_NOTIF_FLAG_CONTINUE).  A chain that
 * denies x32 calls, or seccomp itself, leaves it unknown.
 */
static enum sdiag_abi_state x32_behaviour(const char **why)
{
	const struct sdiag_abi *abi = &sdiag_abis[SDIAG_ABI_X32];
	int nr = sdiag_syscall_nr(abi, "getppid"), status;
	pid_t pid;

	if (nr < 0)
		return SDIAG_ABI_UNKNOWN;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return SDIAG_ABI_UNKNOWN;
	if (!pid) {
		struct sock_filter insns[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, arch)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 (unsigned int)nr | SDIAG_X32_BIT, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = { .len = 6, .filter = insns };
		struct pollfd pfd = { .events = POLLIN };
		struct seccomp_notif_resp resp;
		struct seccomp_notif req;
		int fd, caller_status, tries;
		pid_t caller;
		long ret;

		/* A chain that kills must not leave a core file behind. */
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
		ret = syscall((long)nr | SDIAG_X32_BIT);
		if (ret >= 0)
			_exit(1);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			_exit(2);
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				  SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
		if (fd < 0)
			_exit(2);
		caller = fork();
		if (caller < 0)
			_exit(2);
		if (!caller) {
			close(fd);
			ret = syscall((long)nr | SDIAG_X32_BIT);
			_exit(ret >= 0 ? 1 : errno == ENOSYS ? 0 : 2);
		}
		pfd.fd = fd;
		memset(&req, 0, sizeof(req));
		/* A caller answered by an older filter ends without a notification. */
		for (tries = 0; tries < 50; tries++) {
			if (poll(&pfd, 1, 100) == 1)
				break;
			if (waitpid(caller, &caller_status, WNOHANG) == caller)
				_exit(2);
		}
		if (!(pfd.revents & POLLIN) ||
		    ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req))
			goto kill_caller;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp))
			goto kill_caller;
		if (waitpid(caller, &caller_status, 0) != caller ||
		    !WIFEXITED(caller_status))
			_exit(2);
		_exit(WEXITSTATUS(caller_status));
kill_caller:
		kill(caller, SIGKILL);
		_exit(2);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return SDIAG_ABI_UNKNOWN;
	if (!WIFEXITED(status))
		return SDIAG_ABI_UNKNOWN;
	switch (WEXITSTATUS(status)) {
	case 0:
		*why = "x32 is off in this kernel (an x32 syscall the seccomp filters let through gets ENOSYS)";
		return SDIAG_ABI_OFF;
	case 1:
		*why = "x32 is on in this kernel (an x32 syscall ran)";
		return SDIAG_ABI_ON;
	}
	return SDIAG_ABI_UNKNOWN;
}

/* i386 by int $0x80, once per run: it forks. */
static enum sdiag_abi_state ia32_state(const char **why)
{
	static int ia32 = -2;

	if (ia32 == -2)
		ia32 = sdiag_ia32_emulation();
	switch (ia32) {
	case 0:
		*why = SDIAG_NO_IA32;
		return SDIAG_ABI_OFF;
	case 1:
		return SDIAG_ABI_ON;
	}
	*why = "whether this kernel has IA32 emulation is unknown (fork failed): i386 answers are judged as if it had";
	return SDIAG_ABI_UNKNOWN;
}

enum sdiag_abi_state sdiag_abi_state(const struct sdiag_abi *abi,
				     const char **why)
{
	char buf[PATH_MAX], value[8];
	const char *config = "/boot/config-RELEASE", *dummy;
	static enum sdiag_abi_state behaviour;
	static const char *behaviour_why;
	static bool behaviour_done;
	bool has_switch = true;
	int ret, cmd, conf;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (abi == &sdiag_abis[SDIAG_ABI_I386])
		return ia32_state(why);
	if (!abi->nr_bit)
		return SDIAG_ABI_ON;
	/* 1. Debian's switch, as the kernel reports it. */
	ret = sdiag_read_text(sdiag_path(buf, sizeof(buf),
					 "/sys/module/syscall/parameters/x32"),
			      value, sizeof(value));
	if (ret >= 0) {
		if (parse_kbool(value) == 1) {
			*why = "x32 is on in this kernel (/sys/module/syscall/parameters/x32)";
			return SDIAG_ABI_ON;
		}
		*why = "x32 is off in this kernel (boot with syscall.x32=y to turn it on)";
		return SDIAG_ABI_OFF;
	}
	/*
	 * Without the file in a visible /sys/module the kernel has no switch
	 * (not Debian's patch): x32 is there when it is built in.  A sandbox
	 * that hides /sys/module (firejail) hides the switch, not x32.
	 */
	if (ret == -ENOENT &&
	    !access(sdiag_path(buf, sizeof(buf), "/sys/module/kernel"), F_OK))
		has_switch = false;
	/* 2. The command line and the build's default, as the kernel sets it. */
	cmd = has_switch ? cmdline_x32() : 0;
	conf = config_x32(&config);
	if (conf >= 0 && !(conf & 1)) {
		*why = "this kernel is built without x32 (CONFIG_X86_X32_ABI in /boot/config)";
		return SDIAG_ABI_OFF;
	}
	if (conf >= 0 && !has_switch) {
		*why = "x32 is on: built in (/boot/config), and this kernel has no syscall.x32 switch";
		return SDIAG_ABI_ON;
	}
	if (conf >= 0 && cmd >= 0) {
		/* Debian's switch only turns on what is off by default, and off what is on. */
		if (conf & 2 ? cmd & 1 : !(cmd & 2)) {
			*why = "x32 is on in this kernel (/proc/cmdline and /boot/config)";
			return SDIAG_ABI_ON;
		}
		*why = "x32 is off in this kernel (/proc/cmdline and /boot/config; boot with syscall.x32=y to turn it on)";
		return SDIAG_ABI_OFF;
	}
	if (cmd == 1) {
		*why = "x32 is on in this kernel (syscall.x32= in /proc/cmdline)";
		return SDIAG_ABI_ON;
	}
	if (cmd == 2) {
		*why = "x32 is off in this kernel (syscall.x32= in /proc/cmdline)";
		return SDIAG_ABI_OFF;
	}
	/* 3. Behaviour, once per run: it forks and stacks a filter. */
	if (!behaviour_done) {
		behaviour = x32_behaviour(&behaviour_why);
		behaviour_done = true;
	}
	if (behaviour != SDIAG_ABI_UNKNOWN) {
		*why = behaviour_why;
		return behaviour;
	}
	*why = "the x32 switch could not be read (/sys/module/syscall/parameters/x32, /proc/cmdline, /boot/config): x32 answers are judged as if x32 were on";
	return SDIAG_ABI_UNKNOWN;
}


const struct sdiag_abi *sdiag_abi_of(uint32_t audit_arch, long long nr)
{
	if (audit_arch == AUDIT_ARCH_I386)
		return &sdiag_abis[SDIAG_ABI_I386];
	if (audit_arch != AUDIT_ARCH_X86_64)
		return NULL;
	if (nr >= 0 && (nr & SDIAG_X32_BIT))
		return &sdiag_abis[SDIAG_ABI_X32];
	return &sdiag_abis[SDIAG_ABI_X86_64];
}
