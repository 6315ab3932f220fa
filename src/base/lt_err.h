/* One status type for the whole program: every fallible function returns an
 * lt_err, and callers write `if (rc) goto fail;`.
 * Ownership: lt_err_str() returns a static string. */
#ifndef LT_BASE_ERR_H
#define LT_BASE_ERR_H

typedef enum lt_err {
	LT_OK = 0,
	LT_ERR_NOMEM,        /* allocation failed */
	LT_ERR_IO,           /* file or socket I/O failed */
	LT_ERR_INVALID,      /* input failed validation; details in lt_problem */
	LT_ERR_NOT_FOUND,    /* no such record, or outside the caller's scope */
	LT_ERR_CONFLICT,     /* state forbids the change (duplicate, illegal transition) */
	LT_ERR_FORBIDDEN,    /* the role may never do this */
	LT_ERR_UNAUTHORIZED, /* no valid credentials */
	LT_ERR_LOCKED,       /* too many failed attempts; retry later */
	LT_ERR_TOO_LARGE,    /* input over its size cap */
	LT_ERR_CRYPTO,       /* a key is missing or a seal failed to open */
	LT_ERR_DB,           /* the database refused or failed */
	LT_ERR_EXISTS,       /* a file or directory that must not exist does */
	LT_ERR_INTERNAL,     /* a bug or broken invariant */
} lt_err;

/** A short English name of RC, for logs and messages. */
const char *lt_err_str(lt_err rc);

#endif
