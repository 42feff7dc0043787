/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_BTF_H
#define _SECCOMP_DIAG_BTF_H

/* A pointer member of a kernel-private struct, looked up in vmlinux BTF. */
struct sdiag_btf_member {
	const char *name;
	const char *points_to;	/* the struct the member points to */
	unsigned int offset;	/* in bytes, filled in on success */
};

int sdiag_btf_find_members(const char *struct_name,
			   struct sdiag_btf_member *members,
			   unsigned int nr_members);

#endif /* _SECCOMP_DIAG_BTF_H */
