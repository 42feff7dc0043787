/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SDIAG_RAWSYS_H
#define SDIAG_RAWSYS_H

/*
 * Syscalls made without glibc, which would turn the return value into
 * errno and knows only the calling process's own ABI.
 */

/* The i386 ABI from a 64-bit process: int $0x80 with 32-bit registers. */
static inline long sdiag_int80(unsigned long nr, const unsigned long *args)
{
	long ret;

	asm volatile ("int $0x80"
		      : "=a" (ret)
		      : "a" (nr), "b" (args[0]), "c" (args[1]), "d" (args[2]),
			"S" (args[3]), "D" (args[4])
		      : "memory", "r8", "r9", "r10", "r11", "cc");
	return (int)ret;
}

/* The x86_64 and x32 ABIs: x32 numbers carry the x32 bit. */
static inline long sdiag_syscall6(unsigned long nr, const unsigned long *args)
{
	register unsigned long r10 asm ("r10") = args[3];
	register unsigned long r8 asm ("r8") = args[4];
	register unsigned long r9 asm ("r9") = args[5];
	long ret;

	asm volatile ("syscall"
		      : "=a" (ret)
		      : "a" (nr), "D" (args[0]), "S" (args[1]), "d" (args[2]),
			"r" (r10), "r" (r8), "r" (r9)
		      : "rcx", "r11", "memory");
	return ret;
}

#endif /* SDIAG_RAWSYS_H */
