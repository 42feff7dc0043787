/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_BTF_H
#define _SECCOMP_DIAG_BTF_H

/*
 * A member of a kernel-private struct, looked up in vmlinux BTF.  With
 * @points_to it must be a pointer to that struct; else its size must be
 * @size when that is set, and at least @min_size when it is not.
 */
struct sdiag_btf_member {
	const char *name;
	const char *points_to;
	unsigned int min_size;
	unsigned int size;	/* in bytes; filled in on success */
	unsigned int offset;	/* in bytes, filled in on success */
};

struct sdiag_btf_struct {
	const char *name;
	struct sdiag_btf_member *members;
	unsigned int nr_members;
};

int sdiag_btf_find_structs(struct sdiag_btf_struct *structs,
			   unsigned int nr_structs);

#endif /* _SECCOMP_DIAG_BTF_H */
