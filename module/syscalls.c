// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall names per ABI, taken from the kernel's own generated syscall
 * tables so that they match the running kernel exactly.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/kernel.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/path.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "seccomp_diag.h"

#define __SYSCALL(nr, sym) \
	[nr] = #sym,
#define __SYSCALL_WITH_COMPAT(nr, native, compat) __SYSCALL(nr, native)
#define __SYSCALL_NORETURN(nr, sym) __SYSCALL(nr, sym)

static const char * const x86_64_table[] = {
#include <asm/syscalls_64.h>
};

#ifdef CONFIG_IA32_EMULATION
static const char * const i386_table[] = {
#include <asm/syscalls_32.h>
};
#else
static const char * const i386_table[] = {};
#endif

#ifdef CONFIG_X86_X32_ABI
static const char * const x32_table[] = {
#include <asm/syscalls_x32.h>
};
#else
static const char * const x32_table[] = {};
#endif

#undef __SYSCALL
#undef __SYSCALL_WITH_COMPAT
#undef __SYSCALL_NORETURN

const struct sdiag_abi_desc sdiag_abis[SDIAG_NR_ABIS] = {
	[SDIAG_ABI_X86_64] = {
		.name = "x86_64",
		.audit_arch = AUDIT_ARCH_X86_64,
		.table = x86_64_table,
		.table_len = ARRAY_SIZE(x86_64_table),
	},
	[SDIAG_ABI_I386] = {
		.name = "i386",
		.audit_arch = AUDIT_ARCH_I386,
		.table = i386_table,
		.table_len = ARRAY_SIZE(i386_table),
	},
	[SDIAG_ABI_X32] = {
		.name = "x32",
		.audit_arch = AUDIT_ARCH_X86_64,
		.nr_bit = __X32_SYSCALL_BIT,
		.table = x32_table,
		.table_len = ARRAY_SIZE(x32_table),
	},
};

bool sdiag_abi_supported(enum sdiag_abi abi)
{
	return sdiag_abis[abi].table_len != 0;
}

/*
 * Debian builds x32 but runs its syscalls only when booted with
 * syscall.x32=y.  The switch is a static key set at boot (arch/x86/entry/
 * syscall_x32.c) and never changes afterwards; modules can read it only
 * as the parameter file, from the initial namespace's root.  A plain read:
 * kernel_read_file() would ask LSMs about an unknown kind of file, and
 * IPE warns about that.
 */
static bool sdiag_x32_on = IS_ENABLED(CONFIG_X86_X32_ABI);

static ssize_t sdiag_read_initns(const char *name, char *buf, size_t size)
{
	struct file *file;
	struct path root;
	loff_t pos = 0;
	ssize_t len;

	task_lock(&init_task);
	get_fs_root(init_task.fs, &root);
	task_unlock(&init_task);
	file = file_open_root(&root, name, O_RDONLY, 0);
	path_put(&root);
	if (IS_ERR(file))
		return PTR_ERR(file);
	len = kernel_read(file, buf, size, &pos);
	fput(file);
	return len;
}

void sdiag_abi_init(void)
{
	char buf[4] = "";
	ssize_t len;

	if (!IS_ENABLED(CONFIG_X86_X32_ABI))
		return;
	len = sdiag_read_initns("/sys/module/syscall/parameters/x32", buf,
				sizeof(buf) - 1);
	if (len > 0 && (buf[0] == 'N' || buf[0] == 'Y')) {
		sdiag_x32_on = buf[0] == 'Y';
		return;
	}
	/* A kernel without the switch runs x32 whenever it is built. */
	if (len != -ENOENT)
		pr_info("cannot read the x32 switch (%zd): x32 taken as on\n",
			len);
}

/* Built into the kernel, and programs can use it now. */
bool sdiag_abi_enabled(enum sdiag_abi abi)
{
	if (!sdiag_abi_supported(abi))
		return false;
	return abi != SDIAG_ABI_X32 || sdiag_x32_on;
}

/*
 * The name without the prefixes of its entry point ("sys_", "compat_sys_",
 * and the "ia32_" or "x32_" of ABI-specific wrappers such as
 * sys_ia32_pread64), NULL if none.
 */
const char *sdiag_syscall_name(enum sdiag_abi abi, unsigned int nr)
{
	const struct sdiag_abi_desc *desc = &sdiag_abis[abi];
	const char *sym;

	if (nr >= desc->table_len)
		return NULL;
	sym = desc->table[nr];
	if (!sym || !strcmp(sym, "sys_ni_syscall"))
		return NULL;
	if (str_has_prefix(sym, "compat_"))
		sym += strlen("compat_");
	if (str_has_prefix(sym, "sys_"))
		sym += strlen("sys_");
	if (str_has_prefix(sym, "ia32_"))
		sym += strlen("ia32_");
	else if (str_has_prefix(sym, "x32_"))
		sym += strlen("x32_");
	return sym;
}

/* Whether any ABI of the running kernel implements syscall number @nr. */
bool sdiag_syscall_implemented(unsigned int nr)
{
	int abi;

	for (abi = 0; abi < SDIAG_NR_ABIS; abi++)
		if (sdiag_syscall_name(abi, nr))
			return true;
	return false;
}
