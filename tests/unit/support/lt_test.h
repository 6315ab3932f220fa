/* Shared includes for cmocka unit tests. cmocka needs these system headers
 * before its own, in this order. */
#ifndef LT_TEST_H
#define LT_TEST_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "base/common.h"

/** Makes a fresh empty directory under $TMPDIR and returns its path (malloc'd). */
char *lt_test_tmpdir(void);
/** Removes a directory tree made by lt_test_tmpdir(). */
void lt_test_rmtree(const char *path);
/** Reads a whole file into a malloc'd, NUL-terminated buffer; NULL if absent. */
char *lt_test_slurp(const char *path, size_t *len);
#endif
