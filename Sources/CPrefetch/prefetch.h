// CPrefetch: the compiler's prefetch hint, which Swift cannot spell. Header-only, no library.
#ifndef LACUNA_CPREFETCH_H
#define LACUNA_CPREFETCH_H
static inline __attribute__((always_inline)) void lacuna_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }
#endif
