/* Store functions for the assistance part of a case; included by store.h.
 * Ownership: as in store.h. */
#ifndef LT_STORE_STORE_ASSISTANCE_H
#define LT_STORE_STORE_ASSISTANCE_H

#endif
