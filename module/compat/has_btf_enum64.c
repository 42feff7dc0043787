// SPDX-License-Identifier: GPL-2.0
/* struct btf_enum64, 6.0 */
#include <uapi/linux/btf.h>

int sdiag_probe = sizeof(struct btf_enum64);
