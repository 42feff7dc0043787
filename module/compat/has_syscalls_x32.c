// SPDX-License-Identifier: GPL-2.0
/* asm/syscalls_x32.h, 5.12 (x86 only); x32 rows were in syscalls_64.h */
#define __SYSCALL(nr, sym)
#define __SYSCALL_NORETURN(nr, sym)
#define __SYSCALL_WITH_COMPAT(nr, native, compat)
#include <asm/syscalls_x32.h>
