// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the subcommands: ABIs and syscall names (from
 * libseccomp), errno and action names, strict parsing, error lines.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpf.h"
#include "diag.h"
#include "verdict.h"
#include "syscalls_tbl.h"

const char *sdiag_tbl_name(const struct sdiag_abi *abi, unsigned int nr)
{
	if (nr >= abi->tbl_len)
		return NULL;
	return abi->tbl[nr].name;
}

bool sdiag_syscall_implemented(const struct sdiag_abi *abi, unsigned int nr)
{
	return sdiag_syscall_impl(abi, nr) == SDIAG_IMPL_YES;
}

char *sdiag_syscall_name(const struct sdiag_abi *abi, unsigned int nr)
{
	const char *name = sdiag_tbl_name(abi, nr);

	if (name)
		return strdup(name);
	/* Within the table's range a hole is no syscall, unless it is now. */
	if (nr < abi->tbl_len && !sdiag_syscall_implemented(abi, nr))
		return NULL;
	return seccomp_syscall_resolve_num_arch(abi->scmp_arch,
						(int)(nr | abi->nr_bit));
}

int sdiag_syscall_nr(const struct sdiag_abi *abi, const char *name)
{
	unsigned int i;
	int nr;

	for (i = 0; i < abi->tbl_len; i++)
		if (abi->tbl[i].name && !strcmp(abi->tbl[i].name, name))
			return (int)i;
	nr = seccomp_syscall_resolve_name_arch(abi->scmp_arch, name);
	/*
	 * Negative numbers are libseccomp's pseudo-syscalls; where the table
	 * has another name libseccomp is wrong, in a hole it may be newer.
	 */
	if (nr < 0 || sdiag_tbl_name(abi, (unsigned int)(nr & ~abi->nr_bit)))
		return -1;
	return nr & ~abi->nr_bit;
}

const char *sdiag_errno_name(int err)
{
	if (err <= 0 || err > SDIAG_MAX_ERRNO)
		return NULL;
	return strerrorname_np(err);
}

int sdiag_errno_parse(const char *text)
{
	unsigned long value;
	int err;

	if (!sdiag_parse_uint(text, SDIAG_MAX_ERRNO, &value))
		return (int)value;
	for (err = 1; err <= SDIAG_MAX_ERRNO; err++) {
		const char *name = strerrorname_np(err);

		if (name && !strcasecmp(name, text))
			return err;
	}
	return -1;
}

const char *sdiag_action_name(uint32_t ret)
{
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
		return "KILL_PROCESS";
	case SECCOMP_RET_KILL_THREAD:
		return "KILL_THREAD";
	case SECCOMP_RET_TRAP:
		return "TRAP";
	case SECCOMP_RET_ERRNO:
		return "ERRNO";
	case SECCOMP_RET_USER_NOTIF:
		return "USER_NOTIF";
	case SECCOMP_RET_TRACE:
		return "TRACE";
	case SECCOMP_RET_LOG:
		return "LOG";
	case SECCOMP_RET_ALLOW:
		return "ALLOW";
	}
	/* The kernel kills the process for actions it does not know. */
	return "UNKNOWN";
}

void sdiag_action_format(uint32_t ret, char *buf, size_t size)
{
	uint32_t data = ret & SECCOMP_RET_DATA;
	const char *action = sdiag_action_name(ret);
	const char *name;

	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		/* The kernel caps the errno like this. */
		if (data > SDIAG_MAX_ERRNO)
			data = SDIAG_MAX_ERRNO;
		name = sdiag_errno_name((int)data);
		if (name)
			snprintf(buf, size, "ERRNO(%s)", name);
		else
			snprintf(buf, size, "ERRNO(%u)", data);
		break;
	case SECCOMP_RET_TRAP:
	case SECCOMP_RET_TRACE:
		snprintf(buf, size, "%s(%u)", action, data);
		break;
	case SECCOMP_RET_KILL_PROCESS:
	case SECCOMP_RET_KILL_THREAD:
	case SECCOMP_RET_USER_NOTIF:
	case SECCOMP_RET_LOG:
	case SECCOMP_RET_ALLOW:
		snprintf(buf, size, "%s", action);
		break;
	default:
		snprintf(buf, size, "UNKNOWN(0x%08x, kills)", ret);
	}
}

int sdiag_parse_uint(const char *text, unsigned long max, unsigned long *out)
{
	unsigned long value;
	char *end;

	if (!text || !isdigit((unsigned char)text[0]))
		return -1;
	errno = 0;
	value = strtoul(text, &end, 0);
	if (errno || *end || value > max)
		return -1;
	*out = value;
	return 0;
}

static void vline(const char *cmd, const char *fmt, va_list ap)
{
	char msg[512];
	char *p;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* Exactly one line, whatever ended up in the message. */
	for (p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (cmd)
		fprintf(stderr, "%s: %s: %s\n", SDIAG_PROG, cmd, msg);
	else
		fprintf(stderr, "%s: %s\n", SDIAG_PROG, msg);
}

void sdiag_die(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(cmd, fmt, ap);
	va_end(ap);
	fflush(stdout);
	exit(SDIAG_EXIT_ERROR);
}

void sdiag_warn(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(cmd, fmt, ap);
	va_end(ap);
}

const char *sdiag_path(char *buf, size_t size, const char *path)
{
	const char *root = getenv("SECCOMP_DIAG_SYSROOT");

	if (!root || !*root)
		return path;
	snprintf(buf, size, "%s%s", root, path);
	return buf;
}

int sdiag_read_text(const char *path, char *buf, size_t size)
{
	ssize_t len;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, size - 1);
	if (len < 0) {
		len = -errno;
		close(fd);
		return (int)len;
	}
	close(fd);
	buf[len] = '\0';
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	return (int)len;
}

void sdiag_json_string(FILE *out, const char *text)
{
	const unsigned char *p;

	fputc('"', out);
	for (p = (const unsigned char *)text; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

const char *sdiag_verdict_name(enum sdiag_verdict verdict)
{
	switch (verdict) {
	case SDIAG_VERDICT_ENOSYS:
		return "enosys";
	case SDIAG_VERDICT_EPERM:
		return "eperm";
	default:
		return "other";
	}
}

enum sdiag_verdict sdiag_verdict_of_action(uint32_t ret)
{
	uint32_t data = ret & SECCOMP_RET_DATA;

	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ALLOW:
	case SECCOMP_RET_LOG:
		/* The syscall reaches the kernel, which has no such number. */
		return SDIAG_VERDICT_ENOSYS;
	case SECCOMP_RET_ERRNO:
		if (data == ENOSYS)
			return SDIAG_VERDICT_ENOSYS;
		if (data == EPERM)
			return SDIAG_VERDICT_EPERM;
		return SDIAG_VERDICT_OTHER;
	default:
		return SDIAG_VERDICT_OTHER;
	}
}

const char * const sdiag_events[SDIAG_NR_EVENTS] = {
	"filter_check", "seccomp_errno", "notif_reply",
};

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int sdiag_tracefs(char *root, size_t size)
{
	static const char * const mounts[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	char buf[PATH_MAX], path[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(mounts) / sizeof(mounts[0]); i++) {
		snprintf(path, sizeof(path), "%s/events", mounts[i]);
		if (!is_dir(sdiag_path(buf, sizeof(buf), path)))
			continue;
		snprintf(root, size, "%s", sdiag_path(buf, sizeof(buf), mounts[i]));
		snprintf(path, sizeof(path), "%s/events/seccomp_diag", root);
		return is_dir(path) ? 0 : -ENOENT;
	}
	return -ENODEV;
}
