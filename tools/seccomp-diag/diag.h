/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SDIAG_DIAG_H
#define SDIAG_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SDIAG_PROG		"seccomp-diag"
/* The module's default probe_nr: above every ABI's syscalls, below x32. */
#define SDIAG_DEFAULT_PROBE_NR	1048575u
#define SDIAG_X32_BIT		0x40000000u
/* Highest syscall number asked of libseccomp when listing an ABI. */
#define SDIAG_MAX_SYSCALL_NR	1023u

/*
 * Exit status of probe and check (the contract with scripts and the
 * runtime comparison): no finding; an EPERM finding (the reserved number
 * or a casualty); any other finding; the tool could not do its job.
 */
enum {
	SDIAG_EXIT_GOOD = 0,
	SDIAG_EXIT_EPERM = 1,
	SDIAG_EXIT_OTHER = 2,
	SDIAG_EXIT_ERROR = 3,
};

struct sdiag_tbl_entry {
	const char *name;
	int implemented;	/* the table row has an entry point */
};

/* The ABIs of the architecture built for (arch-x86.c, arch-arm64.c). */
#if defined(__aarch64__)
enum { SDIAG_ABI_AARCH64, SDIAG_ABI_ARM, SDIAG_NR_ABIS };
#else
enum { SDIAG_ABI_X86_64, SDIAG_ABI_I386, SDIAG_ABI_X32, SDIAG_NR_ABIS };
#endif

/* How this process makes a syscall of an ABI (rawsys.h). */
enum sdiag_call {
	SDIAG_CALL_NATIVE,	/* sdiag_syscall6(), nr_bit or'ed in */
	SDIAG_CALL_INT80,	/* i386 from x86_64: sdiag_int80() */
	SDIAG_CALL_NONE,	/* not from this process: arm from AArch64 */
};

#define SDIAG_KSYM_PREFIXES	2

struct sdiag_abi {
	const char *name;
	uint32_t audit_arch;
	uint32_t scmp_arch;
	uint32_t nr_bit;	/* or'ed into nr as filters see it (x32) */
	enum sdiag_call call;
	const struct sdiag_tbl_entry *tbl;	/* the kernel's syscall table */
	unsigned int tbl_len;
	/* Its entry points in /proc/kallsyms: "__x64_sys_" NAME (ksyms.c) */
	const char *ksyms[SDIAG_KSYM_PREFIXES];
};

/* Tables replaced by sdiag_tables_init(), else read-only. */
extern struct sdiag_abi sdiag_abis[SDIAG_NR_ABIS];
/* Where the syscall tables come from: "Linux 6.1 (built in)"... */
extern const char *sdiag_tbl_version;
/* The Linux version of the built-in tables ("6.1"), NULL for the kernel's own. */
extern const char *sdiag_tbl_release;

/*
 * Use the running kernel's own syscall tables when its build directory is
 * there: $SECCOMP_DIAG_SYSCALL_TABLES (a kernel build or headers
 * directory, failing to read it is fatal; "builtin": the built-in
 * tables), else /lib/modules/RELEASE/build
 * (silently the built-in tables when absent).  They are what the module
 * is compiled from: arch/x86/include/generated/asm/syscalls_{64,32,x32}.h
 * and generated/uapi/asm/unistd_{64,32,x32}.h.  arm64 kernels (before
 * 6.11) have no such generated lists: the built-in tables only.
 */
void sdiag_tables_init(void);

/*
 * "openat2" for @nr (without the x32 bit) of @abi, or NULL: the kernel
 * syscall table's name, libseccomp's above the table.  Free it.
 */
char *sdiag_syscall_name(const struct sdiag_abi *abi, unsigned int nr);
/* The same without copying: NULL for numbers outside the table. */
const char *sdiag_tbl_name(const struct sdiag_abi *abi, unsigned int nr);
enum sdiag_impl {
	SDIAG_IMPL_NO,		/* the kernel would answer ENOSYS itself */
	SDIAG_IMPL_YES,
	SDIAG_IMPL_UNKNOWN,	/* neither the tables nor the kernel can tell */
};

/*
 * Whether this kernel implements @nr (without the x32 bit) of @abi: its
 * row has an entry point that is not sys_ni_syscall.  Numbers the tables
 * do not list are asked of the running kernel when it is newer than the
 * built-in tables (ksyms.c).
 */
enum sdiag_impl sdiag_syscall_impl(const struct sdiag_abi *abi, unsigned int nr);
/* The same, unknown counted as not implemented. */
bool sdiag_syscall_implemented(const struct sdiag_abi *abi, unsigned int nr);
/* Numbers below it are those sdiag_syscall_impl() may find implemented. */
unsigned int sdiag_syscall_limit(const struct sdiag_abi *abi);
/* The number (without the x32 bit) of @name on @abi, -1 if none. */
int sdiag_syscall_nr(const struct sdiag_abi *abi, const char *name);

/*
 * The ABI a filter sees for @audit_arch and @nr (seccomp_data's arch and
 * nr), NULL when it is none of this architecture's.
 */
const struct sdiag_abi *sdiag_abi_of(uint32_t audit_arch, long long nr);

/* Why i386 is off: what int $0x80 told (rawsys.h). */
#define SDIAG_NO_IA32 \
	"no IA32 emulation in this kernel (int $0x80 faults: built without CONFIG_IA32_EMULATION, or booted with ia32_emulation=false)"

enum sdiag_abi_state {
	SDIAG_ABI_OFF,		/* programs cannot use it */
	SDIAG_ABI_ON,
	SDIAG_ABI_UNKNOWN,	/* judged like ON, with @why as a note */
};

/*
 * Whether programs can use @abi on this kernel now.  arm64: aarch64
 * always, arm when the kernel runs AArch32 programs (personality
 * PER_LINUX32 is refused without COMPAT or 32-bit EL0).  x86: x86_64
 * always, i386 when int $0x80 does not fault (sdiag_ia32_emulation() in
 * rawsys.h, once per run), x32 by this cascade: the switch
 * /sys/module/syscall/parameters/x32; else syscall.x32= in /proc/cmdline
 * with the build's default from /boot/config-RELEASE; else unknown, not
 * off (a sandbox may hide all of them: firejail hides /sys/module and
 * /boot).  @why (may be NULL) gets where the answer comes from.
 */
enum sdiag_abi_state sdiag_abi_state(const struct sdiag_abi *abi,
				     const char **why);

/* "EPERM" or NULL for numbers without a name. */
const char *sdiag_errno_name(int err);
/* A name like EPERM (any case) or a number 0..4095; -1 when neither. */
int sdiag_errno_parse(const char *text);

/* "ERRNO", "KILL_PROCESS"... for the action bits of a filter's answer. */
const char *sdiag_action_name(uint32_t ret);
/* "ERRNO(EPERM)", "TRAP(7)", "ALLOW": the answer as seccomp acts on it. */
void sdiag_action_format(uint32_t ret, char *buf, size_t size);

/* Strict unsigned parse of a whole string (decimal or 0x hex). */
int sdiag_parse_uint(const char *text, unsigned long max, unsigned long *out);

/* One line on stderr, "seccomp-diag: CMD: ...", then exit status 3. */
void sdiag_die(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void sdiag_warn(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* @path under $SECCOMP_DIAG_SYSROOT (a test hook), else as is. */
const char *sdiag_path(char *buf, size_t size, const char *path);
/* Read a small text file without its trailing newline; -errno on error. */
int sdiag_read_text(const char *path, char *buf, size_t size);

void sdiag_json_string(FILE *out, const char *text);

/* The module's trace events, in the order they are shown. */
#define SDIAG_NR_EVENTS 3
extern const char * const sdiag_events[SDIAG_NR_EVENTS];
/*
 * Find the tracefs mount: @root gets its path.  Returns 0 when the
 * module's events are there, -ENOENT when tracefs is but they are not,
 * -ENODEV without tracefs.
 */
int sdiag_tracefs(char *root, size_t size);

/* Subcommands: argc/argv start at the subcommand's name. */
int sdiag_cmd_status(int argc, char **argv);
int sdiag_cmd_probe(int argc, char **argv);
int sdiag_cmd_check(int argc, char **argv);
int sdiag_cmd_trace(int argc, char **argv);
/*
 * check --profile: compile the OCI/Docker seccomp profile @path like
 * runc and crun do (@runtime: "runc", "crun" or NULL for both; @caps:
 * the container's capabilities for the profile's includes/excludes,
 * NULL for Docker's default set) and judge what a container gets; with
 * @oci, print the OCI form instead (exit 0 once it compiles).
 */
int sdiag_check_profile(const char *path, const char *runtime,
			const char *caps, unsigned int probe_nr, bool json,
			bool all, bool oci);

/* Print the manual page of @cmd (NULL: the whole tool) to @out. */
int sdiag_help(const char *cmd, FILE *out);
/* Reports an unknown option or missing argument for getopt users. */
void sdiag_bad_option(const char *cmd, int opt, const char *arg);

#endif /* SDIAG_DIAG_H */
