#ifndef ECS_CLMDB_SHIM_H
#define ECS_CLMDB_SHIM_H
/* The system's LMDB header (Debian: liblmdb-dev), exposed to Swift as the CLMDB module. */
#include <lmdb.h>
#endif
