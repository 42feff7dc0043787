// SPDX-License-Identifier: GPL-2.0
/* BTF_KIND_FLOAT, 5.13 */
#include <uapi/linux/btf.h>

int sdiag_probe = BTF_KIND_FLOAT;
