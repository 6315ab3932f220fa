/* Functions that make buffer overflows or hidden state too easy. Included by
 * every source file through base/common.h; using one is a compile error. */
#ifndef LT_BASE_BANNED_H
#define LT_BASE_BANNED_H

#define LT_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) LT_BANNED(strcpy)
#undef strcat
#define strcat(x, y) LT_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) LT_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) LT_BANNED(strncat)
#undef sprintf
#define sprintf(...) LT_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) LT_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) LT_BANNED(strtok)
#undef gets
#define gets(x) LT_BANNED(gets)
#undef atoi
#define atoi(x) LT_BANNED(atoi)

#endif
