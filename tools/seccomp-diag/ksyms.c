// SPDX-License-Identifier: GPL-2.0
/*
 * Whether the running kernel implements a syscall.  The tables the tool
 * has (sdiag_tables_init()) answer for every number they list.  The
 * running kernel's own tables are the whole truth; the built-in ones are
 * that of their Linux version only, so on a newer kernel a number they
 * do not list (fchmodat2 since 6.6 for tables of 6.1) is asked of the
 * kernel itself: /proc/kallsyms, whose names anyone may read (without
 * root the addresses read 0), holds the entry point each row of the
 * kernel's syscall tables points to (__x64_sys_fchmodat2,
 * __ia32_compat_sys_..., __arm64_sys_...), the set the module counts from.
 * Where it cannot be read, or libseccomp cannot name the number, the
 * answer is unknown, not "not in this kernel".
 */
#define _GNU_SOURCE
#include <limits.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "diag.h"

/* Entry point names of /proc/kallsyms, sorted; -1 unreadable. */
static char **ksyms;
static long nr_ksyms = -2;

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char * const *)a, *(char * const *)b);
}

static bool ksym(const char *prefix, const char *name)
{
	char sym[160];
	const char *key = sym;

	snprintf(sym, sizeof(sym), "%s%s", prefix, name);
	return bsearch(&key, ksyms, nr_ksyms, sizeof(*ksyms), cmp_name);
}

/* Read the syscall entry points once; usable when the native ones are there. */
static bool ksyms_load(void)
{
	char buf[PATH_MAX], line[512], name[256];
	long size = 0;
	FILE *f;

	if (nr_ksyms != -2)
		return nr_ksyms > 0;
	nr_ksyms = -1;
	f = fopen(sdiag_path(buf, sizeof(buf), "/proc/kallsyms"), "re");
	if (!f)
		return false;
	nr_ksyms = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*c %255s", name) != 1 ||
		    strncmp(name, "__", 2) || !strstr(name, "sys_"))
			continue;
		if (nr_ksyms == size) {
			size = size ? size * 2 : 1024;
			ksyms = realloc(ksyms, size * sizeof(*ksyms));
			if (!ksyms)
				sdiag_die(NULL, "out of memory");
		}
		ksyms[nr_ksyms] = strdup(name);
		if (!ksyms[nr_ksyms++])
			sdiag_die(NULL, "out of memory");
	}
	fclose(f);
	qsort(ksyms, nr_ksyms, sizeof(*ksyms), cmp_name);
	/* A kallsyms without them (no CONFIG_KALLSYMS_ALL is needed) says nothing. */
	if (nr_ksyms && !ksym(sdiag_abis[0].ksyms[0], "read"))
		nr_ksyms = 0;
	return nr_ksyms > 0;
}

/* "6.18.3-amd64" and the like: major * 1000 + minor, -1 if not a version. */
static int version_of(const char *release)
{
	unsigned int major, minor;

	if (!release || sscanf(release, "%u.%u", &major, &minor) != 2)
		return -1;
	return (int)(major * 1000 + minor);
}

/*
 * The built-in tables are in use and the running kernel is newer than
 * they are.  Its release from /proc (so a fake root can set it), else
 * uname().
 */
static bool kernel_newer(void)
{
	static int newer = -1;
	char buf[PATH_MAX], release[128];
	struct utsname uts;
	int running;

	if (newer >= 0)
		return newer;
	newer = 0;
	if (!sdiag_tbl_release)
		return false;
	if (sdiag_read_text(sdiag_path(buf, sizeof(buf),
				       "/proc/sys/kernel/osrelease"),
			    release, sizeof(release)) <= 0) {
		if (uname(&uts))
			return false;
		snprintf(release, sizeof(release), "%s", uts.release);
	}
	running = version_of(release);
	newer = running > version_of(sdiag_tbl_release);
	return newer;
}

enum sdiag_impl sdiag_syscall_impl(const struct sdiag_abi *abi, unsigned int nr)
{
	enum sdiag_impl impl = SDIAG_IMPL_NO;
	char *name;
	int i;

	if (nr < abi->tbl_len && abi->tbl[nr].name)
		return abi->tbl[nr].implemented ? SDIAG_IMPL_YES : SDIAG_IMPL_NO;
	if (nr > SDIAG_MAX_SYSCALL_NR || !kernel_newer())
		return SDIAG_IMPL_NO;
	if (!ksyms_load())
		return SDIAG_IMPL_UNKNOWN;
	name = seccomp_syscall_resolve_num_arch(abi->scmp_arch,
						(int)(nr | abi->nr_bit));
	if (!name)
		return SDIAG_IMPL_UNKNOWN;
	for (i = 0; i < SDIAG_KSYM_PREFIXES && abi->ksyms[i]; i++)
		if (ksym(abi->ksyms[i], name))
			impl = SDIAG_IMPL_YES;
	free(name);
	return impl;
}

unsigned int sdiag_syscall_limit(const struct sdiag_abi *abi)
{
	if (kernel_newer() && ksyms_load())
		return SDIAG_MAX_SYSCALL_NR + 1;
	return abi->tbl_len;
}
