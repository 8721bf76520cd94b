#ifndef WINNOW_CTESSERACT_SHIM_H
#define WINNOW_CTESSERACT_SHIM_H
// Tesseract's C API (capi.h, C++-free when compiled as C), and Leptonica for pixFreeData-free
// buffers: Winnow hands Tesseract raw 8-bit grey pixels with TessBaseAPISetImage.
#include <tesseract/capi.h>
#endif
