// SPDX-License-Identifier: GPL-2.0
/*
 * The x86_64 kernel's syscall ABIs: x86_64, i386 (IA32 emulation) and x32.
 *
 * Names come from the uapi headers the kernel build generated from its
 * syscall tables (unistd_64.h, unistd_32.h, unistd_x32.h), turned into
 * syscall-names-*.h by module/Kbuild; entry points from the kernel's own
 * syscalls_*.h tables.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kernel.h>
#include <linux/path.h>
#include <linux/sched/task.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "seccomp_diag.h"

/* x32 numbers carry the x32 bit, which the tables are not indexed by. */
#define SDIAG_NAME(nr, name) \
	[(nr) & ~__X32_SYSCALL_BIT] = #name,

static const char * const x86_64_names[] = {
#include "syscall-names-x86_64.h"
};

static const char * const i386_names[] = {
#include "syscall-names-i386.h"
};

static const char * const x32_names[] = {
#include "syscall-names-x32.h"
};

#undef SDIAG_NAME

/*
 * The entry tables, in each format the kernel's syscalltbl.sh has written:
 * __SYSCALL and __SYSCALL_WITH_COMPAT since 5.12, __SYSCALL_COMMON,
 * __SYSCALL_64, __SYSCALL_X32 and __SYSCALL_I386 before.
 */
#define __SYSCALL(nr, sym) \
	[nr] = #sym,
#define __SYSCALL_WITH_COMPAT(nr, native, compat) __SYSCALL(nr, native)
#define __SYSCALL_NORETURN(nr, sym)		__SYSCALL(nr, sym)
#define __SYSCALL_COMMON(nr, sym)		__SYSCALL(nr, sym)
#define __SYSCALL_64(nr, sym)			__SYSCALL(nr, sym)
#define __SYSCALL_I386(nr, sym)			__SYSCALL(nr, sym)

#define __SYSCALL_X32(nr, sym)
static const char * const x86_64_table[] = {
#include <asm/syscalls_64.h>
};

#undef __SYSCALL_X32

#ifdef CONFIG_IA32_EMULATION
static const char * const i386_table[] = {
#include <asm/syscalls_32.h>
};
#else
static const char * const i386_table[] = {};
#endif

/* CONFIG_X86_X32 before 5.18 */
#if defined(CONFIG_X86_X32_ABI) || defined(CONFIG_X86_X32)
#define __SYSCALL_X32(nr, sym)			__SYSCALL(nr, sym)
#ifdef SDIAG_HAVE_SYSCALLS_X32
static const char * const x32_table[] = {
#include <asm/syscalls_x32.h>
};
#else
/*
 * Before 5.12, x32 is the common and "x32" rows of the 64-bit table.  Those
 * tables have no __SYSCALL rows: if this one does, the compat/ probe for
 * syscalls_x32.h failed wrongly, and this stops the build.
 */
#undef __SYSCALL_64
#define __SYSCALL_64(nr, sym)
#undef __SYSCALL_COMMON
#define __SYSCALL_COMMON(nr, sym) \
	[nr] = #sym,
#undef __SYSCALL_X32
#define __SYSCALL_X32(nr, sym) \
	[nr] = #sym,
#undef __SYSCALL
#define __SYSCALL(nr, sym) \
	[nr] = sdiag_x32_probe_failed_see_generated_sdiag_features_log,
static const char * const x32_table[] = {
#include <asm/syscalls_64.h>
};
#endif
#undef __SYSCALL_X32
#else
static const char * const x32_table[] = {};
#endif

#undef __SYSCALL
#undef __SYSCALL_WITH_COMPAT
#undef __SYSCALL_NORETURN
#undef __SYSCALL_COMMON
#undef __SYSCALL_64
#undef __SYSCALL_I386

const struct sdiag_abi_desc sdiag_abis[SDIAG_NR_ABIS] = {
	[SDIAG_ABI_X86_64] = {
		.name = "x86_64",
		.audit_arch = AUDIT_ARCH_X86_64,
		.names = x86_64_names,
		.nr_names = ARRAY_SIZE(x86_64_names),
		.entries = x86_64_table,
		.table_len = ARRAY_SIZE(x86_64_table),
	},
	[SDIAG_ABI_I386] = {
		.name = "i386",
		.audit_arch = AUDIT_ARCH_I386,
		.names = i386_names,
		.nr_names = ARRAY_SIZE(i386_names),
		.entries = i386_table,
		.table_len = ARRAY_SIZE(i386_table),
	},
	[SDIAG_ABI_X32] = {
		.name = "x32",
		.audit_arch = AUDIT_ARCH_X86_64,
		.nr_bit = __X32_SYSCALL_BIT,
		.names = x32_names,
		.nr_names = ARRAY_SIZE(x32_names),
		.entries = x32_table,
		.table_len = ARRAY_SIZE(x32_table),
	},
};

/*
 * Debian builds x32 but runs its syscalls only when booted with
 * syscall.x32=y.  The switch is a static key set at boot (arch/x86/entry/
 * syscall_x32.c) and never changes afterwards; modules can read it only
 * as the parameter file, from the initial namespace's root.  A plain read:
 * kernel_read_file() would ask LSMs about an unknown kind of file, and
 * IPE warns about that.
 */
/* CONFIG_X86_X32 before 5.18 */
#define SDIAG_X32_BUILT \
	(IS_ENABLED(CONFIG_X86_X32_ABI) || IS_ENABLED(CONFIG_X86_X32))
static bool sdiag_x32_on = SDIAG_X32_BUILT;

static ssize_t sdiag_read_initns(const char *name, char *buf, size_t size)
{
	struct file *file;
	struct path root;
	loff_t pos = 0;
	ssize_t len;

	task_lock(&init_task);
	get_fs_root(init_task.fs, &root);
	task_unlock(&init_task);
	file = sdiag_file_open_root(&root, name, O_RDONLY, 0);
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

	if (!SDIAG_X32_BUILT)
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
