/* Store functions for the shelters part of a case; included by store.h.
 * Ownership: as in store.h. */
#ifndef LT_STORE_STORE_SHELTERS_H
#define LT_STORE_STORE_SHELTERS_H

#endif
