// SPDX-License-Identifier: GPL-2.0
/*
 * check --profile: what a container gets from an OCI or Docker seccomp
 * profile (JSON).  The profile is read with json-c, reduced to the OCI
 * form the way Docker does it for this machine (includes/excludes by
 * architecture, capabilities and kernel version; archMap), compiled with
 * libseccomp like runc and crun do, and judged as the chain each runtime
 * installs: runc prepends its ENOSYS stub (libcontainer/seccomp/patchbpf:
 * ENOSYS for numbers above the highest one the profile names on each of
 * its architectures), crun installs libseccomp's program as it is.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bpf.h"
#include "diag.h"
#include "verdict.h"

#define CMD "check"
#define MAX_PROFILE (16u << 20)
#define PATH_LEN 96

/* Docker's default capabilities (oci/caps/defaults.go). */
static const char * const docker_caps[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
	"CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
	"CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
	"CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE", NULL,
};

struct rule {
	char *name;
	uint32_t action;
	struct scmp_arg_cmp args[6];
	unsigned int nr_args;
	char path[PATH_LEN * 2];
};

struct profile {
	const char *file;
	uint32_t default_action;
	bool default_allows;		/* ALLOW, LOG or TRACE: no runc stub */
	bool arch[SDIAG_NR_ABIS];	/* x86 architectures named */
	bool any_arch;			/* the profile names architectures */
	struct rule *rules;
	unsigned int nr_rules;
	char **caps;
	/* The OCI form Docker and Podman hand to the runtime. */
	struct json_object *oci, *oci_arches, *oci_calls;
};

static const char *file_name;

static void __attribute__((format(printf, 2, 3), noreturn))
bad(const char *where, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sdiag_die(CMD, "%s: %s: %s", file_name, where, msg);
}

static char *read_file(const char *path, size_t *size)
{
	size_t len = 0, cap = 0;
	char *buf = NULL;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		sdiag_die(CMD, "%s: %s", path, strerror(errno));
	for (;;) {
		ssize_t got;

		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				sdiag_die(CMD, "out of memory");
		}
		got = read(fd, buf + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			sdiag_die(CMD, "%s: %s", path, strerror(errno));
		if (!got)
			break;
		len += got;
		if (len > MAX_PROFILE)
			sdiag_die(CMD, "%s: more than %u bytes, not a seccomp profile",
				  path, MAX_PROFILE);
	}
	close(fd);
	buf[len] = '\0';
	*size = len;
	return buf;
}

static struct json_object *parse_json(const char *text, size_t size)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *root;
	enum json_tokener_error jerr;
	size_t end, i;
	unsigned int line = 1, col = 1;

	if (!tok)
		sdiag_die(CMD, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, text, (int)size);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (jerr == json_tokener_continue)
		jerr = json_tokener_error_parse_eof;
	if (!root || jerr != json_tokener_success) {
		for (i = 0; i < end && i < size; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		sdiag_die(CMD, "%s:%u:%u: invalid JSON: %s", file_name, line,
			  col, json_tokener_error_desc(jerr));
	}
	/* Only white space may follow the value. */
	for (i = end; i < size; i++)
		if (!strchr(" \t\r\n", text[i]))
			sdiag_die(CMD, "%s: invalid JSON: text after the top-level value (offset %zu)",
				  file_name, i);
	json_tokener_free(tok);
	return root;
}

static struct json_object *member(struct json_object *obj, const char *key,
				  json_type type, const char *where)
{
	struct json_object *val;

	if (!json_object_object_get_ex(obj, key, &val) || !val)
		return NULL;
	if (!json_object_is_type(val, type)) {
		char path[PATH_LEN * 4];

		snprintf(path, sizeof(path), "%s%s%s", where, *where ? "." : "",
			 key);
		bad(path, "must be %s", type == json_type_int ? "an integer" :
		    type == json_type_string ? "a string" :
		    type == json_type_array ? "an array" : "an object");
	}
	return val;
}

static uint32_t errno_ret(struct json_object *obj, const char *key,
			  const char *where, uint32_t fallback)
{
	struct json_object *val = member(obj, key, json_type_int, where);
	int64_t err;

	if (!val)
		return fallback;
	err = json_object_get_int64(val);
	if (err < 0 || err > SDIAG_MAX_ERRNO) {
		char path[PATH_LEN * 4];

		snprintf(path, sizeof(path), "%s%s%s", where, *where ? "." : "",
			 key);
		bad(path, "errno %lld out of range 0..%d", (long long)err,
		    SDIAG_MAX_ERRNO);
	}
	return (uint32_t)err;
}

/* The action of @obj's "action" (or "defaultAction") with its errno. */
static uint32_t parse_action(struct json_object *obj, const char *key,
			     const char *errno_key, const char *where,
			     uint32_t errno_fallback, bool *allows)
{
	struct json_object *val = member(obj, key, json_type_string, where);
	char path[PATH_LEN * 4];
	const char *text;

	snprintf(path, sizeof(path), "%s%s%s", where, *where ? "." : "", key);
	if (!val)
		bad(path, "missing");
	text = json_object_get_string(val);
	if (allows)
		*allows = false;
	if (!strcmp(text, "SCMP_ACT_KILL") || !strcmp(text, "SCMP_ACT_KILL_THREAD"))
		return SCMP_ACT_KILL;
	if (!strcmp(text, "SCMP_ACT_KILL_PROCESS"))
		return SCMP_ACT_KILL_PROCESS;
	if (!strcmp(text, "SCMP_ACT_TRAP"))
		return SCMP_ACT_TRAP;
	if (!strcmp(text, "SCMP_ACT_ERRNO"))
		return SCMP_ACT_ERRNO(errno_ret(obj, errno_key, where,
						errno_fallback));
	if (!strcmp(text, "SCMP_ACT_NOTIFY"))
		return SCMP_ACT_NOTIFY;
	if (allows)
		*allows = true;
	/* runc gives TRACE the errno too: the answer without a tracer. */
	if (!strcmp(text, "SCMP_ACT_TRACE"))
		return SCMP_ACT_TRACE(errno_ret(obj, errno_key, where,
						errno_fallback));
	if (!strcmp(text, "SCMP_ACT_LOG"))
		return SCMP_ACT_LOG;
	if (!strcmp(text, "SCMP_ACT_ALLOW"))
		return SCMP_ACT_ALLOW;
	bad(path, "unknown action '%s' (SCMP_ACT_ALLOW, ERRNO, KILL, KILL_THREAD, KILL_PROCESS, TRAP, TRACE, LOG or NOTIFY)",
	    text);
}

static const struct {
	const char *name;
	int abi;		/* -1: another architecture, ignored */
} arches[] = {
	{ "SCMP_ARCH_X86_64", SDIAG_ABI_X86_64 }, { "SCMP_ARCH_X86", SDIAG_ABI_I386 },
	{ "SCMP_ARCH_X32", SDIAG_ABI_X32 }, { "SCMP_ARCH_ARM", -1 },
	{ "SCMP_ARCH_AARCH64", -1 }, { "SCMP_ARCH_MIPS", -1 },
	{ "SCMP_ARCH_MIPS64", -1 }, { "SCMP_ARCH_MIPS64N32", -1 },
	{ "SCMP_ARCH_MIPSEL", -1 }, { "SCMP_ARCH_MIPSEL64", -1 },
	{ "SCMP_ARCH_MIPSEL64N32", -1 }, { "SCMP_ARCH_PPC", -1 },
	{ "SCMP_ARCH_PPC64", -1 }, { "SCMP_ARCH_PPC64LE", -1 },
	{ "SCMP_ARCH_S390", -1 }, { "SCMP_ARCH_S390X", -1 },
	{ "SCMP_ARCH_PARISC", -1 }, { "SCMP_ARCH_PARISC64", -1 },
	{ "SCMP_ARCH_RISCV64", -1 },
};

static void add_arch(struct profile *p, struct json_object *val,
		     const char *where)
{
	const char *name;
	size_t i;

	if (!json_object_is_type(val, json_type_string))
		bad(where, "must be a string like SCMP_ARCH_X86_64");
	name = json_object_get_string(val);
	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++) {
		if (strcmp(name, arches[i].name))
			continue;
		if (arches[i].abi >= 0)
			p->arch[arches[i].abi] = true;
		p->any_arch = true;
		if (p->oci_arches)
			json_object_array_add(p->oci_arches,
					      json_object_new_string(name));
		return;
	}
	bad(where, "unknown architecture '%s'", name);
}

static void parse_arches(struct profile *p, struct json_object *root)
{
	struct json_object *list, *map;
	char where[PATH_LEN];
	size_t i, k;

	list = member(root, "architectures", json_type_array, "");
	for (i = 0; list && i < json_object_array_length(list); i++) {
		snprintf(where, sizeof(where), "architectures[%zu]", i);
		add_arch(p, json_object_array_get_idx(list, i), where);
	}
	/* Docker's archMap: the entry of this machine and its sub-arches. */
	map = member(root, "archMap", json_type_array, "");
	for (i = 0; map && i < json_object_array_length(map); i++) {
		struct json_object *entry = json_object_array_get_idx(map, i);
		struct json_object *arch, *subs;

		snprintf(where, sizeof(where), "archMap[%zu]", i);
		if (!json_object_is_type(entry, json_type_object))
			bad(where, "must be an object");
		arch = member(entry, "architecture", json_type_string, where);
		if (!arch)
			bad(where, "no \"architecture\"");
		snprintf(where, sizeof(where), "archMap[%zu].architecture", i);
		if (strcmp(json_object_get_string(arch), "SCMP_ARCH_X86_64")) {
			struct profile scratch = { 0 };

			/* Still a name libseccomp must know. */
			add_arch(&scratch, arch, where);
			continue;
		}
		add_arch(p, arch, where);
		snprintf(where, sizeof(where), "archMap[%zu]", i);
		subs = member(entry, "subArchitectures", json_type_array, where);
		for (k = 0; subs && k < json_object_array_length(subs); k++) {
			snprintf(where, sizeof(where),
				 "archMap[%zu].subArchitectures[%zu]", i, k);
			add_arch(p, json_object_array_get_idx(subs, k), where);
		}
	}
}

static bool has_cap(const struct profile *p, const char *cap)
{
	char **c;

	for (c = p->caps; *c; c++)
		if (!strcasecmp(*c, cap) ||
		    (!strncasecmp(cap, "CAP_", 4) && !strcasecmp(*c, cap + 4)))
			return true;
	return false;
}

/* uname's release against "4.8": at least that version. */
static bool kernel_at_least(const char *min, const char *where)
{
	unsigned int want_major, want_minor = 0, major = 0, minor = 0;
	struct utsname u;

	if (sscanf(min, "%u.%u", &want_major, &want_minor) < 1)
		bad(where, "minKernel '%s' is not a version like 4.8", min);
	if (uname(&u) || sscanf(u.release, "%u.%u", &major, &minor) < 1)
		return true;
	return major > want_major || (major == want_major && minor >= want_minor);
}

static bool list_has(struct json_object *list, const struct profile *p,
		     bool caps, const char *where, bool all)
{
	size_t i, n = json_object_array_length(list);

	for (i = 0; i < n; i++) {
		struct json_object *v = json_object_array_get_idx(list, i);
		const char *s;
		bool hit;

		if (!json_object_is_type(v, json_type_string))
			bad(where, "must hold strings");
		s = json_object_get_string(v);
		/* Docker compares with runtime.GOARCH. */
		hit = caps ? has_cap(p, s) : !strcmp(s, "amd64");
		if (all && !hit)
			return false;
		if (!all && hit)
			return true;
	}
	return all;
}

/* Docker's include/exclude rules, for this machine and the caps given. */
static bool rule_applies(const struct profile *p, struct json_object *call,
			 const char *where)
{
	struct json_object *inc, *exc, *v;
	char path[PATH_LEN * 2];

	exc = member(call, "excludes", json_type_object, where);
	if (exc) {
		snprintf(path, sizeof(path), "%s.excludes", where);
		v = member(exc, "arches", json_type_array, path);
		if (v && list_has(v, p, false, path, false))
			return false;
		v = member(exc, "caps", json_type_array, path);
		if (v && json_object_array_length(v) && list_has(v, p, true, path, false))
			return false;
		v = member(exc, "minKernel", json_type_string, path);
		if (v && kernel_at_least(json_object_get_string(v), path))
			return false;
	}
	inc = member(call, "includes", json_type_object, where);
	if (inc) {
		snprintf(path, sizeof(path), "%s.includes", where);
		v = member(inc, "arches", json_type_array, path);
		if (v && json_object_array_length(v) &&
		    !list_has(v, p, false, path, false))
			return false;
		v = member(inc, "caps", json_type_array, path);
		if (v && !list_has(v, p, true, path, true))
			return false;
		v = member(inc, "minKernel", json_type_string, path);
		if (v && !kernel_at_least(json_object_get_string(v), path))
			return false;
	}
	return true;
}

static const struct {
	const char *name;
	enum scmp_compare op;
} ops[] = {
	{ "SCMP_CMP_NE", SCMP_CMP_NE }, { "SCMP_CMP_LT", SCMP_CMP_LT },
	{ "SCMP_CMP_LE", SCMP_CMP_LE }, { "SCMP_CMP_EQ", SCMP_CMP_EQ },
	{ "SCMP_CMP_GE", SCMP_CMP_GE }, { "SCMP_CMP_GT", SCMP_CMP_GT },
	{ "SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ },
};

static unsigned int parse_args(struct json_object *call, const char *where,
			       struct scmp_arg_cmp *args)
{
	struct json_object *list = member(call, "args", json_type_array, where);
	size_t i, k, n;

	if (!list)
		return 0;
	n = json_object_array_length(list);
	if (n > 6) {
		char path[PATH_LEN * 2];

		snprintf(path, sizeof(path), "%s.args", where);
		bad(path, "%zu conditions, libseccomp takes 6 at most", n);
	}
	for (i = 0; i < n; i++) {
		struct json_object *arg = json_object_array_get_idx(list, i);
		struct json_object *idx, *val, *val2, *op;
		char path[PATH_LEN * 2];
		const char *opname;

		snprintf(path, sizeof(path), "%s.args[%zu]", where, i);
		if (!json_object_is_type(arg, json_type_object))
			bad(path, "must be an object");
		idx = member(arg, "index", json_type_int, path);
		val = member(arg, "value", json_type_int, path);
		val2 = member(arg, "valueTwo", json_type_int, path);
		op = member(arg, "op", json_type_string, path);
		if (!idx || !op)
			bad(path, "needs \"index\" and \"op\"");
		if (json_object_get_int64(idx) < 0 || json_object_get_int64(idx) > 5)
			bad(path, "index %lld is not an argument 0..5",
			    (long long)json_object_get_int64(idx));
		opname = json_object_get_string(op);
		for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
			if (!strcmp(opname, ops[k].name))
				break;
		if (k == sizeof(ops) / sizeof(ops[0]))
			bad(path, "unknown op '%s'", opname);
		args[i] = (struct scmp_arg_cmp){
			.arg = (unsigned int)json_object_get_int64(idx),
			.op = ops[k].op,
			.datum_a = val ? json_object_get_uint64(val) : 0,
			.datum_b = val2 ? json_object_get_uint64(val2) : 0,
		};
	}
	return (unsigned int)n;
}

static bool name_known(const char *name)
{
	int a;

	if (seccomp_syscall_resolve_name(name) != __NR_SCMP_ERROR)
		return true;
	for (a = 0; a < SDIAG_NR_ABIS; a++)
		if (sdiag_syscall_nr(&sdiag_abis[a], name) >= 0)
			return true;
	return false;
}

static void add_rule(struct profile *p, const char *name, uint32_t action,
		     const struct scmp_arg_cmp *args, unsigned int nr_args,
		     const char *path)
{
	struct rule *r;

	if (!name_known(name))
		bad(path, "unknown syscall name '%s' (neither %s nor libseccomp %u.%u.%u knows it)",
		    name, sdiag_tbl_version, SCMP_VER_MAJOR, SCMP_VER_MINOR,
		    SCMP_VER_MICRO);
	p->rules = realloc(p->rules, (p->nr_rules + 1) * sizeof(*p->rules));
	if (!p->rules)
		sdiag_die(CMD, "out of memory");
	r = &p->rules[p->nr_rules++];
	r->name = strdup(name);
	r->action = action;
	r->nr_args = nr_args;
	memcpy(r->args, args, nr_args * sizeof(*args));
	snprintf(r->path, sizeof(r->path), "%s", path);
}

static void copy_member(struct json_object *to, struct json_object *from,
			const char *key)
{
	struct json_object *val;

	if (json_object_object_get_ex(from, key, &val) && val)
		json_object_object_add(to, key, json_object_get(val));
}

/* One syscalls[] entry as the engine passes it on: no includes/excludes. */
static void oci_call(struct profile *p, struct json_object *call)
{
	struct json_object *out = json_object_new_object();
	struct json_object *names;

	if (!out)
		sdiag_die(CMD, "out of memory");
	if (json_object_object_get_ex(call, "name", &names) && names) {
		struct json_object *list = json_object_new_array();
		size_t i;

		json_object_array_add(list, json_object_get(names));
		if (json_object_object_get_ex(call, "names", &names) && names)
			for (i = 0; i < json_object_array_length(names); i++)
				json_object_array_add(list, json_object_get(
					json_object_array_get_idx(names, i)));
		json_object_object_add(out, "names", list);
	} else {
		copy_member(out, call, "names");
	}
	copy_member(out, call, "action");
	copy_member(out, call, "errnoRet");
	copy_member(out, call, "args");
	json_object_array_add(p->oci_calls, out);
}

static void parse_profile(struct profile *p, struct json_object *root)
{
	struct json_object *calls;
	size_t i, k;

	if (!json_object_is_type(root, json_type_object))
		bad("top level", "must be an object with \"defaultAction\"");
	/* An OCI runtime config.json: take its linux.seccomp. */
	{
		struct json_object *oci, *sec;

		oci = member(root, "linux", json_type_object, "");
		sec = oci ? member(oci, "seccomp", json_type_object, "linux") : NULL;
		if (oci && !sec)
			bad("linux", "no \"seccomp\" object in this OCI config");
		if (sec)
			root = sec;
	}
	p->oci = json_object_new_object();
	p->oci_arches = json_object_new_array();
	p->oci_calls = json_object_new_array();
	if (!p->oci || !p->oci_arches || !p->oci_calls)
		sdiag_die(CMD, "out of memory");
	p->default_action = parse_action(root, "defaultAction", "defaultErrnoRet",
					 "", EPERM, &p->default_allows);
	if (p->default_action == SCMP_ACT_NOTIFY)
		bad("defaultAction", "SCMP_ACT_NOTIFY cannot be the default action");
	parse_arches(p, root);

	calls = member(root, "syscalls", json_type_array, "");
	for (i = 0; calls && i < json_object_array_length(calls); i++) {
		struct json_object *call = json_object_array_get_idx(calls, i);
		struct json_object *names, *name;
		struct scmp_arg_cmp args[6];
		unsigned int nr_args;
		char where[PATH_LEN], path[PATH_LEN * 2];
		uint32_t action;

		snprintf(where, sizeof(where), "syscalls[%zu]", i);
		if (!json_object_is_type(call, json_type_object))
			bad(where, "must be an object");
		action = parse_action(call, "action", "errnoRet", where, EPERM,
				      NULL);
		nr_args = parse_args(call, where, args);
		names = member(call, "names", json_type_array, where);
		name = member(call, "name", json_type_string, where);
		if (!names && !name)
			bad(where, "no \"names\"");
		if (!rule_applies(p, call, where))
			continue;
		oci_call(p, call);
		if (name) {
			snprintf(path, sizeof(path), "%s.name", where);
			add_rule(p, json_object_get_string(name), action, args,
				 nr_args, path);
		}
		for (k = 0; names && k < json_object_array_length(names); k++) {
			struct json_object *n = json_object_array_get_idx(names, k);

			snprintf(path, sizeof(path), "%s.names[%zu]", where, k);
			if (!json_object_is_type(n, json_type_string))
				bad(path, "must be a string");
			add_rule(p, json_object_get_string(n), action, args,
				 nr_args, path);
		}
	}
	copy_member(p->oci, root, "defaultAction");
	copy_member(p->oci, root, "defaultErrnoRet");
	json_object_object_add(p->oci, "architectures", p->oci_arches);
	json_object_object_add(p->oci, "syscalls", p->oci_calls);
}

static uint32_t scmp_arch_of(int abi)
{
	return sdiag_abis[abi].scmp_arch;
}

/* libseccomp's program for the profile, as both runtimes build it. */
static void compile(const struct profile *p, struct sdiag_filter *out)
{
	char err[256], *buf;
	scmp_filter_ctx ctx;
	unsigned int i, k;
	off_t size;
	int a, ret, fd;

	ctx = seccomp_init(p->default_action);
	if (!ctx)
		sdiag_die(CMD, "%s: libseccomp refused the default action", file_name);
	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		if (!p->arch[a])
			continue;
		ret = seccomp_arch_add(ctx, scmp_arch_of(a));
		if (ret && ret != -EEXIST)
			sdiag_die(CMD, "%s: libseccomp cannot add %s: %s", file_name,
				  sdiag_abis[a].name, strerror(-ret));
	}
	for (i = 0; i < p->nr_rules; i++) {
		const struct rule *r = &p->rules[i];
		int nr = seccomp_syscall_resolve_name(r->name);
		bool repeated = false;

		if (nr == __NR_SCMP_ERROR) {
			sdiag_warn(CMD, "%s: %s: libseccomp %u.%u.%u does not know '%s': runc and crun leave it out",
				   file_name, r->path, SCMP_VER_MAJOR,
				   SCMP_VER_MINOR, SCMP_VER_MICRO, r->name);
			continue;
		}
		/* The default action needs no rule (libseccomp: -EACCES). */
		if (r->action == p->default_action)
			continue;
		/* runc: any argument with two conditions makes them alternatives. */
		for (k = 0; k < r->nr_args; k++) {
			unsigned int m;

			for (m = k + 1; m < r->nr_args; m++)
				if (r->args[k].arg == r->args[m].arg)
					repeated = true;
		}
		if (!repeated) {
			ret = seccomp_rule_add_array(ctx, r->action, nr, r->nr_args,
						     r->args);
		} else {
			for (k = 0, ret = 0; k < r->nr_args && !ret; k++)
				ret = seccomp_rule_add_array(ctx, r->action, nr,
							     1, &r->args[k]);
		}
		if (ret && ret != -EACCES)
			bad(r->path, "libseccomp refuses the rule for '%s': %s",
			    r->name, strerror(-ret));
	}
	fd = memfd_create("sdiag-profile", MFD_CLOEXEC);
	if (fd < 0)
		sdiag_die(CMD, "memfd_create: %s", strerror(errno));
	ret = seccomp_export_bpf(ctx, fd);
	seccomp_release(ctx);
	if (ret)
		sdiag_die(CMD, "%s: libseccomp cannot export the filter: %s",
			  file_name, strerror(-ret));
	size = lseek(fd, 0, SEEK_END);
	buf = malloc(size ? size : 1);
	if (!buf || pread(fd, buf, size, 0) != size)
		sdiag_die(CMD, "reading libseccomp's program: %s", strerror(errno));
	close(fd);
	if (sdiag_bpf_parse(buf, size, out, err, sizeof(err)))
		sdiag_die(CMD, "%s: libseccomp's program: %s", file_name, err);
	free(buf);
}

/*
 * runc's largest syscall number per architecture: over every name of
 * the profile (whatever its action), as libseccomp numbers it there.
 */
static void runc_maxima(const struct profile *p, long *max)
{
	unsigned int i;
	int a;

	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		max[a] = -1;
		if (!p->arch[a])
			continue;
		for (i = 0; i < p->nr_rules; i++) {
			int nr = seccomp_syscall_resolve_name_arch(scmp_arch_of(a),
								   p->rules[i].name);

			if (nr > max[a])
				max[a] = nr;
		}
		/* runc skips an architecture without any (its warning). */
		if (max[a] <= 0)
			max[a] = -1;
	}
}

struct asm_insn {
	struct sock_filter insn;
	int jt, jf;		/* label targets, -1: none */
};

/* Labels: instruction indexes, resolved when the stub is laid out. */
enum { L_X86_64, L_AMD64, L_X32, L_I386_CHECK, L_I386, L_ENOSYS, L_FILTER, L_NR };

/*
 * The stub runc prepends (generateEnosysStub()), laid out our own way
 * but answering the same: for each architecture of the profile, numbers
 * above its largest one get ERRNO(ENOSYS), the rest go to the filter.
 */
static unsigned int runc_stub(const long *max, struct sock_filter *out)
{
	struct asm_insn prog[16];
	int label[L_NR], n = 0, i;

#define EMIT(code, k, t, f) (prog[n++] = (struct asm_insn){ BPF_JUMP(code, k, 0, 0), t, f })
#define JMP_TO(l) EMIT(BPF_JMP | BPF_JA, 0, l, -1)
	EMIT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch), -1, -1);
	EMIT(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, L_X86_64, L_I386_CHECK);
	label[L_X86_64] = n;
	EMIT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr), -1, -1);
	EMIT(BPF_JMP | BPF_JSET | BPF_K, SDIAG_X32_BIT, L_X32, L_AMD64);
	label[L_AMD64] = n;
	if (max[SDIAG_ABI_X86_64] > 0)
		EMIT(BPF_JMP | BPF_JGT | BPF_K, (uint32_t)max[SDIAG_ABI_X86_64],
		     L_ENOSYS, L_FILTER);
	else
		JMP_TO(L_FILTER);
	label[L_X32] = n;
	if (max[SDIAG_ABI_X32] > 0)
		EMIT(BPF_JMP | BPF_JGT | BPF_K, (uint32_t)max[SDIAG_ABI_X32],
		     L_ENOSYS, L_FILTER);
	else
		JMP_TO(L_FILTER);
	label[L_I386_CHECK] = n;
	EMIT(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, L_I386, L_FILTER);
	label[L_I386] = n;
	EMIT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr), -1, -1);
	if (max[SDIAG_ABI_I386] > 0)
		EMIT(BPF_JMP | BPF_JGT | BPF_K, (uint32_t)max[SDIAG_ABI_I386],
		     L_ENOSYS, L_FILTER);
	else
		JMP_TO(L_FILTER);
	label[L_ENOSYS] = n;
	EMIT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS, -1, -1);
	label[L_FILTER] = n;
#undef EMIT
#undef JMP_TO

	for (i = 0; i < n; i++) {
		struct sock_filter insn = prog[i].insn;

		if (insn.code == (BPF_JMP | BPF_JA)) {
			insn.k = label[prog[i].jt] - i - 1;
		} else if (BPF_CLASS(insn.code) == BPF_JMP) {
			insn.jt = label[prog[i].jt] - i - 1;
			insn.jf = label[prog[i].jf] - i - 1;
		}
		out[i] = insn;
	}
	return n;
}

static void parse_caps(struct profile *p, const char *caps)
{
	unsigned int n = 0;
	char *copy, *tok, *save;

	if (!caps) {
		p->caps = (char **)docker_caps;
		return;
	}
	p->caps = calloc(strlen(caps) / 2 + 2, sizeof(char *));
	copy = strdup(caps);
	if (!p->caps || !copy)
		sdiag_die(CMD, "out of memory");
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const char *bare = strncasecmp(tok, "CAP_", 4) ? tok : tok + 4;
		const char *c;

		for (c = bare; *c; c++)
			if (!(*c == '_' || (*c >= 'A' && *c <= 'Z') ||
			      (*c >= 'a' && *c <= 'z')))
				sdiag_die(CMD, "invalid --caps '%s': a comma-separated list like CAP_SYS_ADMIN,CAP_SYS_PTRACE",
					  caps);
		if (!*bare)
			sdiag_die(CMD, "invalid --caps '%s': empty capability name", caps);
		p->caps[n++] = tok;
	}
}

struct runtime_result {
	const char *name;
	struct sdiag_filter filter;
	long max[SDIAG_NR_ABIS];
	bool stub;
	struct sdiag_judgement res[SDIAG_NR_ABIS];
	unsigned int mask;
};

static void describe_stub(const struct runtime_result *rt, char *buf, size_t size)
{
	size_t len = 0;
	int a;

	if (!rt->stub) {
		snprintf(buf, size, "%s", strcmp(rt->name, "runc") ?
			 "no ENOSYS stub" :
			 "no ENOSYS stub: the default action lets syscalls through");
		return;
	}
	len += snprintf(buf + len, size - len, "ENOSYS stub above");
	for (a = 0; a < SDIAG_NR_ABIS && len < size; a++) {
		if (rt->max[a] < 0)
			continue;
		len += snprintf(buf + len, size - len,
				sdiag_abis[a].nr_bit ? " %s 0x%lx" : " %s %ld",
				sdiag_abis[a].name, rt->max[a]);
	}
}

int sdiag_check_profile(const char *path, const char *runtime,
			const char *caps, unsigned int probe_nr, bool json,
			bool all, bool oci)
{
	struct runtime_result rts[2] = { { .name = "runc" }, { .name = "crun" } };
	struct profile p = { .file = path };
	struct sdiag_filter plain;
	struct json_object *root;
	unsigned int mask = 0, i;
	size_t size;
	char *text;
	int a;

	if (runtime && strcmp(runtime, "runc") && strcmp(runtime, "crun") &&
	    strcmp(runtime, "both"))
		sdiag_die(CMD, "invalid --runtime '%s': runc, crun or both", runtime);
	file_name = path;
	parse_caps(&p, caps);
	text = read_file(path, &size);
	root = parse_json(text, size);
	parse_profile(&p, root);
	compile(&p, &plain);
	if (oci) {
		/* What Docker or Podman would put in config.json's linux.seccomp. */
		printf("%s\n", json_object_to_json_string_ext(p.oci,
			JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
		return SDIAG_EXIT_GOOD;
	}

	for (i = 0; i < 2; i++) {
		struct runtime_result *rt = &rts[i];
		struct sock_filter stub[16];
		unsigned int n = 0;
		char err[256];

		rt->filter = plain;
		if (!strcmp(rt->name, "runc") && !p.default_allows) {
			runc_maxima(&p, rt->max);
			rt->stub = true;
			n = runc_stub(rt->max, stub);
		}
		if (n) {
			rt->filter.len = plain.len + n;
			rt->filter.insns = malloc(rt->filter.len * sizeof(*stub));
			if (!rt->filter.insns)
				sdiag_die(CMD, "out of memory");
			memcpy(rt->filter.insns, stub, n * sizeof(*stub));
			memcpy(rt->filter.insns + n, plain.insns,
			       plain.len * sizeof(*stub));
			if (sdiag_bpf_validate(rt->filter.insns, rt->filter.len,
					       err, sizeof(err)))
				sdiag_die(CMD, "%s: runc's program: %s", path, err);
		}
		for (a = 0; a < SDIAG_NR_ABIS; a++)
			sdiag_judge(&rt->filter, 1, &sdiag_abis[a], probe_nr,
				    &rt->res[a]);
	}

	if (json) {
		printf("{\"source\":{\"type\":\"profile\",\"path\":");
		sdiag_json_string(stdout, path);
		printf("},\"probe_nr\":%u,\"runtimes\":[", probe_nr);
	}
	for (i = 0; i < 2; i++) {
		struct runtime_result *rt = &rts[i];
		char stub_text[128], prefix[16];

		if (runtime && strcmp(runtime, "both") && strcmp(runtime, rt->name))
			continue;
		describe_stub(rt, stub_text, sizeof(stub_text));
		if (json) {
			printf("%s{\"runtime\":\"%s\",\"instructions\":%u,\"stub\":{",
			       mask ? "," : "", rt->name, rt->filter.len);
			for (a = 0, size = 0; a < SDIAG_NR_ABIS; a++) {
				if (!rt->stub || rt->max[a] < 0)
					continue;
				printf("%s\"%s\":%ld", size++ ? "," : "",
				       sdiag_abis[a].name, rt->max[a]);
			}
			printf("},\"abis\":");
			rt->mask = sdiag_judgement_json(probe_nr, rt->res);
			printf(",\"verdict\":\"%s\"}", sdiag_finding_word(rt->mask));
			/* Bit 31 only marks "something printed" for the comma. */
			mask |= rt->mask | 1u << 31;
		} else {
			snprintf(prefix, sizeof(prefix), "%s ", rt->name);
			printf("%s: %s: 1 filter, %u instructions (%s)\n", path,
			       rt->name, rt->filter.len, stub_text);
			rt->mask = sdiag_judgement_print(prefix, probe_nr,
							 rt->res, all);
			mask |= rt->mask;
		}
	}
	mask &= ~(1u << 31);
	if (json)
		printf("],\"verdict\":\"%s\"}\n", sdiag_finding_word(mask));
	else
		printf("verdict: %s\n", sdiag_finding_verdict(mask));
	for (i = 0; i < 2; i++)
		for (a = 0; a < SDIAG_NR_ABIS; a++)
			sdiag_judgement_free(&rts[i].res[a]);
	json_object_put(root);
	free(text);
	return sdiag_finding_exit(mask);
}
