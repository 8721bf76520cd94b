#ifndef WINNOW_IMAGE_DECODE_H
#define WINNOW_IMAGE_DECODE_H

#include <stddef.h>
#include <stdint.h>

/// Decoded pixels: RGBA, 8 bits per channel, rows of `width * 4` bytes. Free with wn_image_free.
typedef struct wn_image {
    uint8_t *pixels;
    int width;
    int height;
    /// Pixel size of the source before any DCT scaling.
    int source_width;
    int source_height;
} wn_image;

/// Limits checked against the header BEFORE any pixel buffer is allocated.
typedef struct wn_limits {
    /// Largest accepted source width * height.
    long long max_source_pixels;
    /// Decode at the smallest DCT scale whose output still covers this size (0 = full size).
    int target_width;
    int target_height;
} wn_limits;

enum { WN_ERROR_CAPACITY = 160 };

/// Decodes a JPEG from memory with libjpeg(-turbo). Returns 0 on success; else non-zero and a
/// short message in `error`. Never calls exit(): libjpeg errors longjmp back here.
int wn_decode_jpeg(const uint8_t *data, size_t length, wn_limits limits, wn_image *out,
                   char error[WN_ERROR_CAPACITY]);

/// Decodes a PNG from memory with libpng; same conventions as wn_decode_jpeg.
int wn_decode_png(const uint8_t *data, size_t length, wn_limits limits, wn_image *out,
                  char error[WN_ERROR_CAPACITY]);

/// Decodes a WebP from memory with libwebp; same conventions as wn_decode_jpeg.
int wn_decode_webp(const uint8_t *data, size_t length, wn_limits limits, wn_image *out,
                   char error[WN_ERROR_CAPACITY]);

/// Writes an RGBA image as a PNG file (used by tests to make their own images).
int wn_write_png(const char *path, const uint8_t *rgba, int width, int height,
                 char error[WN_ERROR_CAPACITY]);

/// Writes an RGB image as a baseline JPEG file (used by tests and benchmarks).
int wn_write_jpeg(const char *path, const uint8_t *rgb, int width, int height, int quality,
                  char error[WN_ERROR_CAPACITY]);

/// Writes an RGBA image as a lossless WebP file (used by tests).
int wn_write_webp(const char *path, const uint8_t *rgba, int width, int height,
                  char error[WN_ERROR_CAPACITY]);

/// Releases the pixels of a decoded image.
void wn_image_free(wn_image *image);

#endif
