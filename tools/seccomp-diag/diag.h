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

/* Exit status: good, the EPERM finding, anything else or bad input. */
enum {
	SDIAG_EXIT_GOOD = 0,
	SDIAG_EXIT_EPERM = 1,
	SDIAG_EXIT_ERROR = 2,
};

struct sdiag_abi {
	const char *name;
	uint32_t audit_arch;
	uint32_t scmp_arch;
	uint32_t nr_bit;	/* or'ed into nr as filters see it (x32) */
	bool no_call;		/* this process cannot make its syscalls */
};

/* The module's ABIs: x86_64, i386, x32; on arm64 aarch64 and arm. */
#ifdef __aarch64__
#define SDIAG_NR_ABIS 2
#else
#define SDIAG_NR_ABIS 3
#endif
extern const struct sdiag_abi sdiag_abis[SDIAG_NR_ABIS];

/* "openat2" for @nr (without the x32 bit) of @abi, or NULL. Free it. */
char *sdiag_syscall_name(const struct sdiag_abi *abi, unsigned int nr);
int sdiag_syscall_nr(const struct sdiag_abi *abi, const char *name);

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

/* One line on stderr, "seccomp-diag: CMD: ...", then exit status 2. */
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

/* Print the manual page of @cmd (NULL: the whole tool) to @out. */
int sdiag_help(const char *cmd, FILE *out);
/* Reports an unknown option or missing argument for getopt users. */
void sdiag_bad_option(const char *cmd, int opt, const char *arg);

#endif /* SDIAG_DIAG_H */
