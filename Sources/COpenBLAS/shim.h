// COpenBLAS: CBLAS from Debian's libopenblas-dev plus the Fortran LAPACK routines Lacuna calls.
// No API of its own; LacunaKernels wraps every routine in Internals/CBLAS.swift and Internals/LAPACK.swift.
#ifndef LACUNA_COPENBLAS_SHIM_H
#define LACUNA_COPENBLAS_SHIM_H
#include <stddef.h>
#include <cblas.h>

// gfortran passes a hidden size_t length per CHARACTER argument, at the end.
void sgesdd_(const char *jobz, const int *m, const int *n, float *a, const int *lda, float *s,
             float *u, const int *ldu, float *vt, const int *ldvt, float *work, const int *lwork,
             int *iwork, int *info, size_t jobz_len);
void sgeqrf_(const int *m, const int *n, float *a, const int *lda, float *tau, float *work,
             const int *lwork, int *info);
void sorgqr_(const int *m, const int *n, const int *k, float *a, const int *lda, const float *tau,
             float *work, const int *lwork, int *info);
void sgelqf_(const int *m, const int *n, float *a, const int *lda, float *tau, float *work,
             const int *lwork, int *info);
void sorglq_(const int *m, const int *n, const int *k, float *a, const int *lda, const float *tau,
             float *work, const int *lwork, int *info);
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info, size_t uplo_len);
#endif
