/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What older kernels lack, decided by feature, not by version:
 * module/Kbuild test-compiles each compat/has_FOO.c against the kernel's
 * headers and defines SDIAG_HAVE_FOO in sdiag-features.h when it builds.
 * Kbuild includes this file first in every source file.
 */
#ifndef _SECCOMP_DIAG_COMPAT_H
#define _SECCOMP_DIAG_COMPAT_H

#include "sdiag-features.h"

#ifndef SDIAG_HAVE_BPF_PROG_RUN
#define bpf_prog_run(prog, ctx)	BPF_PROG_RUN(prog, ctx)
#endif

/*
 * A name of our own, not file_open_root: this file comes before
 * <linux/fs.h>, whose prototype a function-like macro would rewrite.
 */
#ifdef SDIAG_HAVE_FILE_OPEN_ROOT_PATH
#define sdiag_file_open_root file_open_root
#else
#define sdiag_file_open_root(root, name, flags, mode) ({		\
	const struct path *__root = (root);				\
									\
	file_open_root(__root->dentry, __root->mnt, name, flags, mode);	\
})
#endif

/*
 * BTF kinds are uapi numbers: a kernel whose headers lack one has no type
 * of that kind in its BTF, so naming it only keeps the walker's switch
 * complete.
 */
#ifndef SDIAG_HAVE_BTF_KIND_FLOAT
#define BTF_KIND_FLOAT		16
#endif
#ifndef SDIAG_HAVE_BTF_KIND_DECL_TAG
#define BTF_KIND_DECL_TAG	17
#endif
#ifndef SDIAG_HAVE_BTF_KIND_TYPE_TAG
#define BTF_KIND_TYPE_TAG	18
#endif
#ifndef SDIAG_HAVE_BTF_KIND_ENUM64
#define BTF_KIND_ENUM64		19
#endif
#ifndef SDIAG_HAVE_BTF_ENUM64
struct btf_enum64 {
	unsigned int name_off;
	unsigned int val_lo32;
	unsigned int val_hi32;
};
#endif

/*
 * Before 5.11, <linux/btf.h> uses these in prototypes without declaring
 * them (W=1 warns).
 */
struct seq_file;
struct bpf_prog;

#endif /* _SECCOMP_DIAG_COMPAT_H */
