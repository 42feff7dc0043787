// SPDX-License-Identifier: GPL-2.0
/* file_open_root() takes a struct path, 5.12; a dentry and a vfsmount before */
#include <linux/fs.h>
#include <linux/path.h>

struct file *sdiag_probe(const struct path *root)
{
	return file_open_root(root, "x", O_RDONLY, 0);
}
