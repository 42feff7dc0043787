// SPDX-License-Identifier: GPL-2.0
/* BTF_KIND_ENUM64, 6.0 */
#include <uapi/linux/btf.h>

int sdiag_probe = BTF_KIND_ENUM64;
