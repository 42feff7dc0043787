// SPDX-License-Identifier: GPL-2.0
/* BTF_KIND_DECL_TAG, 5.16 */
#include <uapi/linux/btf.h>

int sdiag_probe = BTF_KIND_DECL_TAG;
