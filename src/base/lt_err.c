#include "base/lt_err.h"

const char *lt_err_str(lt_err rc)
{
	switch (rc) {
	case LT_OK: return "ok";
	case LT_ERR_NOMEM: return "out of memory";
	case LT_ERR_IO: return "input/output error";
	case LT_ERR_INVALID: return "invalid input";
	case LT_ERR_NOT_FOUND: return "not found";
	case LT_ERR_CONFLICT: return "conflict";
	case LT_ERR_FORBIDDEN: return "forbidden";
	case LT_ERR_UNAUTHORIZED: return "unauthorized";
	case LT_ERR_LOCKED: return "too many attempts";
	case LT_ERR_TOO_LARGE: return "too large";
	case LT_ERR_CRYPTO: return "cryptographic failure";
	case LT_ERR_DB: return "database error";
	case LT_ERR_EXISTS: return "already exists";
	case LT_ERR_INTERNAL: return "internal error";
	}
	return "unknown error";
}
