// CZlib: zlib from Debian's zlib1g-dev, for streaming gzip input. No API of its own.
#ifndef LACUNA_CZLIB_SHIM_H
#define LACUNA_CZLIB_SHIM_H
#include <zlib.h>
#endif
