// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall names and numbers per ABI.  The tables themselves are per
 * architecture (syscalls-$(SRCARCH).c, chosen by module/Kbuild): names
 * from the kernel's uapi __NR_ macros, entry points from its own syscall
 * tables, both from the headers of the kernel the module is built for.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>

#include "seccomp_diag.h"

bool sdiag_abi_supported(enum sdiag_abi abi)
{
	return sdiag_abis[abi].table_len != 0;
}

/* The entry point of @nr, NULL where the kernel has none. */
static const char *sdiag_entry(const struct sdiag_abi_desc *desc,
			       unsigned int nr)
{
	const char *sym;

	if (nr >= desc->table_len)
		return NULL;
	sym = desc->entries[nr];
	if (!sym || !strcmp(sym, "sys_ni_syscall"))
		return NULL;
	return sym;
}

/*
 * The syscall table name of @nr ("olduname", not its entry point
 * "sys_olduname" or "sys_uname"), NULL unless this kernel implements it.
 */
const char *sdiag_syscall_name(enum sdiag_abi abi, unsigned int nr)
{
	const struct sdiag_abi_desc *desc = &sdiag_abis[abi];
	const char *sym = sdiag_entry(desc, nr);

	if (!sym)
		return NULL;
	if (nr < desc->nr_names && desc->names[nr])
		return desc->names[nr];
	/* Not in the uapi headers: the entry point without its prefixes. */
	if (str_has_prefix(sym, "compat_"))
		sym += strlen("compat_");
	if (str_has_prefix(sym, "sys_"))
		sym += strlen("sys_");
	return sym;
}

/* Whether any ABI of the running kernel implements syscall number @nr. */
bool sdiag_syscall_implemented(unsigned int nr)
{
	int abi;

	for (abi = 0; abi < SDIAG_NR_ABIS; abi++)
		if (sdiag_entry(&sdiag_abis[abi], nr))
			return true;
	return false;
}
