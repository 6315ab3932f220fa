/* Included first by every Lantern header: the standard headers nearly every
 * file needs, the status type, and the banned-function guard. */
#ifndef LT_BASE_COMMON_H
#define LT_BASE_COMMON_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/lt_err.h"
#include "base/banned.h"

#define LT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define LT_UNUSED(x) ((void)(x))
#endif
