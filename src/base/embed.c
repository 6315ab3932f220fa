#include "base/embed.h"
#include <string.h>

const struct lt_embedded_file *lt_embed_find(const struct lt_embedded_file *table,
					     const char *name)
{
	for (; table->name; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}
