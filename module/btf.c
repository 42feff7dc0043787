// SPDX-License-Identifier: GPL-2.0
/*
 * Member offsets of kernel-private structs, read from the running kernel's
 * BTF.
 *
 * struct seccomp_filter is private to kernel/seccomp.c and its layout
 * changes between releases and configurations, so its offsets come from
 * /sys/kernel/btf/vmlinux and are never guessed.  Modules get no lookup by
 * name from the kernel's own BTF, hence this small parser of the raw
 * format.  It trusts nothing: every offset and length is bounds-checked,
 * and a kind it does not know ends the search.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/btf.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "btf.h"

#define SDIAG_VMLINUX_BTF "/sys/kernel/btf/vmlinux"

/*
 * The header has grown (7.x added a layout section) and the fields after
 * str_len are optional: a BTF without them has the shorter header, also
 * when the module's headers know the longer one.
 */
#define SDIAG_BTF_HDR_MIN offsetofend(struct btf_header, str_len)

/* Typedefs, qualifiers and tags in front of a pointer: a few at most. */
#define SDIAG_BTF_MAX_MODIFIERS 8

struct sdiag_btf {
	const u8 *types;
	u32 types_len;
	const char *strings;
	u32 strings_len;
};

static const char *sdiag_btf_name(const struct sdiag_btf *btf, u32 off)
{
	if (off >= btf->strings_len ||
	    strnlen(btf->strings + off, btf->strings_len - off) ==
	    btf->strings_len - off)
		return NULL;
	return btf->strings + off;
}

/* Bytes of kind-specific data after @t, or -1 for a kind not known here. */
static long sdiag_btf_extra(const struct btf_type *t)
{
	u32 vlen = BTF_INFO_VLEN(t->info);

	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return sizeof(u32);
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	case BTF_KIND_ARRAY:
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return vlen * sizeof(struct btf_enum);
	case BTF_KIND_FUNC_PROTO:
		return vlen * sizeof(struct btf_param);
	case BTF_KIND_DATASEC:
		return vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_ENUM64:
		return vlen * sizeof(struct btf_enum64);
	default:
		return -1;
	}
}

/*
 * Walk the type section up to type @want_id, or up to the first struct
 * named @want_name when that is set.  Type ids start at 1 (0 is void).
 */
static const struct btf_type *sdiag_btf_walk(const struct sdiag_btf *btf,
					     u32 want_id, const char *want_name,
					     u32 *id_out)
{
	u32 pos = 0, id = 1;

	while (btf->types_len - pos >= sizeof(struct btf_type)) {
		const struct btf_type *t = (const void *)(btf->types + pos);
		long extra = sdiag_btf_extra(t);
		const char *name;

		if (extra < 0 ||
		    extra > btf->types_len - pos - sizeof(struct btf_type))
			return NULL;
		if (want_name) {
			name = sdiag_btf_name(btf, t->name_off);
			if (BTF_INFO_KIND(t->info) == BTF_KIND_STRUCT && name &&
			    !strcmp(name, want_name)) {
				*id_out = id;
				return t;
			}
		} else if (id == want_id) {
			return t;
		}
		pos += sizeof(struct btf_type) + extra;
		id++;
	}
	return NULL;
}

static const struct btf_type *sdiag_btf_skip_modifiers(const struct sdiag_btf *btf,
						       const struct btf_type *t)
{
	int i;

	for (i = 0; t && i < SDIAG_BTF_MAX_MODIFIERS; i++) {
		switch (BTF_INFO_KIND(t->info)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			t = sdiag_btf_walk(btf, t->type, NULL, NULL);
			break;
		default:
			return t;
		}
	}
	return NULL;
}

/* Whether type @type_id is a pointer to a struct named @name. */
static bool sdiag_btf_points_to(const struct sdiag_btf *btf, u32 type_id,
				const char *name)
{
	const struct btf_type *t;
	const char *target;

	t = sdiag_btf_skip_modifiers(btf, sdiag_btf_walk(btf, type_id, NULL, NULL));
	if (!t || BTF_INFO_KIND(t->info) != BTF_KIND_PTR)
		return false;
	t = sdiag_btf_skip_modifiers(btf, sdiag_btf_walk(btf, t->type, NULL, NULL));
	if (!t || (BTF_INFO_KIND(t->info) != BTF_KIND_STRUCT &&
		   BTF_INFO_KIND(t->info) != BTF_KIND_FWD))
		return false;
	target = sdiag_btf_name(btf, t->name_off);
	return target && !strcmp(target, name);
}

/* Bytes of a type with a size of its own (no arrays of arrays), or 0. */
static u32 sdiag_btf_sized(const struct btf_type *t)
{
	if (!t)
		return 0;
	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return t->size;
	case BTF_KIND_PTR:
		return sizeof(void *);
	default:
		return 0;
	}
}

/* Bytes of type @type_id, arrays of sized types included; 0 if unknown. */
static u32 sdiag_btf_size(const struct sdiag_btf *btf, u32 type_id)
{
	const struct btf_type *t;
	const struct btf_array *a;
	u32 elem;

	t = sdiag_btf_skip_modifiers(btf, sdiag_btf_walk(btf, type_id, NULL, NULL));
	if (!t || BTF_INFO_KIND(t->info) != BTF_KIND_ARRAY)
		return sdiag_btf_sized(t);
	a = (const void *)(t + 1);
	t = sdiag_btf_walk(btf, a->type, NULL, NULL);
	elem = sdiag_btf_sized(sdiag_btf_skip_modifiers(btf, t));
	if (!elem || a->nelems > U32_MAX / elem)
		return 0;
	return a->nelems * elem;
}

static int sdiag_btf_find_member(const struct sdiag_btf *btf,
				 const struct btf_type *st,
				 struct sdiag_btf_member *member)
{
	const struct btf_member *m = (const void *)(st + 1);
	u32 i, bits, size;

	for (i = 0; i < BTF_INFO_VLEN(st->info); i++, m++) {
		const char *name = sdiag_btf_name(btf, m->name_off);

		if (!name || strcmp(name, member->name))
			continue;
		bits = m->offset;
		if (BTF_INFO_KFLAG(st->info)) {
			if (BTF_MEMBER_BITFIELD_SIZE(bits))
				return -EPROTO;
			bits = BTF_MEMBER_BIT_OFFSET(bits);
		}
		size = sdiag_btf_size(btf, m->type);
		if (bits % BITS_PER_BYTE || !size ||
		    size > st->size || bits / BITS_PER_BYTE > st->size - size)
			return -EPROTO;
		if (member->points_to) {
			if (bits / BITS_PER_BYTE % sizeof(void *) ||
			    !sdiag_btf_points_to(btf, m->type, member->points_to))
				return -EPROTO;
		} else if (member->size && member->size != size) {
			return -EPROTO;
		} else if (!member->size && size < member->min_size) {
			return -EPROTO;
		}
		member->offset = bits / BITS_PER_BYTE;
		member->size = size;
		return 0;
	}
	return -ENOENT;
}

static int sdiag_btf_parse(const void *data, size_t size,
			   struct sdiag_btf_struct *structs,
			   unsigned int nr_structs)
{
	const struct btf_header *hdr = data;
	const struct btf_type *st;
	struct sdiag_btf btf;
	unsigned int i, j;
	u32 id;
	int ret;

	if (size < SDIAG_BTF_HDR_MIN || hdr->magic != BTF_MAGIC ||
	    hdr->version != BTF_VERSION || hdr->hdr_len < SDIAG_BTF_HDR_MIN ||
	    hdr->hdr_len > size)
		return -EPROTO;
	size -= hdr->hdr_len;
	if (hdr->type_off > size || hdr->type_len > size - hdr->type_off ||
	    hdr->str_off > size || hdr->str_len > size - hdr->str_off ||
	    (hdr->hdr_len + hdr->type_off) % sizeof(u32))
		return -EPROTO;
	btf.types = (const u8 *)data + hdr->hdr_len + hdr->type_off;
	btf.types_len = hdr->type_len;
	btf.strings = (const char *)data + hdr->hdr_len + hdr->str_off;
	btf.strings_len = hdr->str_len;

	for (i = 0; i < nr_structs; i++) {
		st = sdiag_btf_walk(&btf, 0, structs[i].name, &id);
		if (!st)
			return -ENOENT;
		for (j = 0; j < structs[i].nr_members; j++) {
			ret = sdiag_btf_find_member(&btf, st,
						    &structs[i].members[j]);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/*
 * A plain read, not kernel_read_file(): that one is for files the kernel
 * loads and executes, and LSMs judge it by purpose; IPE (6.12) warns on
 * READING_UNKNOWN.  sysfs gives the BTF's exact size as the file's size.
 */
static ssize_t sdiag_btf_read(void **data)
{
	struct file *file;
	loff_t size, pos = 0;
	ssize_t ret = 0;
	void *buf;

	file = filp_open(SDIAG_VMLINUX_BTF, O_RDONLY, 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	size = i_size_read(file_inode(file));
	if (size <= 0 || size > INT_MAX) {
		ret = -EFBIG;
		goto out;
	}
	buf = vmalloc(size);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	while (pos < size) {
		ret = kernel_read(file, buf + pos, size - pos, &pos);
		if (ret <= 0)
			break;
	}
	if (ret < 0 || pos != size) {
		vfree(buf);
		ret = ret < 0 ? ret : -EIO;
		goto out;
	}
	*data = buf;
	ret = size;
out:
	fput(file);
	return ret;
}

/**
 * sdiag_btf_find_structs - byte offsets of members of kernel structs
 * @structs: the structs, as named in the kernel source, and their members
 * @nr_structs: how many
 *
 * Reads the running kernel's BTF once; process context only.  Returns 0
 * with every offset and size filled in, or a negative errno and no offset
 * to trust.
 */
int sdiag_btf_find_structs(struct sdiag_btf_struct *structs,
			   unsigned int nr_structs)
{
	void *data = NULL;
	ssize_t size;
	int ret;

	size = sdiag_btf_read(&data);
	if (size < 0)
		return size;
	ret = sdiag_btf_parse(data, size, structs, nr_structs);
	vfree(data);
	return ret;
}
