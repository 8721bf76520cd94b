// Decoders behind one small C surface. libjpeg reports errors by calling error_exit, which by
// default calls exit(); Swift cannot longjmp safely, so the setjmp/longjmp dance lives here.
#include "image_decode.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <webp/decode.h>
#include <webp/encode.h>

static void set_error(char error[WN_ERROR_CAPACITY], const char *message) {
    snprintf(error, WN_ERROR_CAPACITY, "%s", message);
}

void wn_image_free(wn_image *image) {
    if (image == NULL) return;
    free(image->pixels);
    image->pixels = NULL;
}

static int too_many_pixels(long long width, long long height, wn_limits limits,
                           char error[WN_ERROR_CAPACITY]) {
    if (width <= 0 || height <= 0) {
        set_error(error, "image has no pixels");
        return 1;
    }
    if (limits.max_source_pixels > 0 && width * height > limits.max_source_pixels) {
        snprintf(error, WN_ERROR_CAPACITY,
                 "image too large: %lldx%lld (%.1f megapixels, limit %.1f)", width, height,
                 (double)(width * height) / 1e6, (double)limits.max_source_pixels / 1e6);
        return 1;
    }
    return 0;
}

// MARK: JPEG

struct wn_jpeg_error {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    int premature_end;
};

static void wn_jpeg_error_exit(j_common_ptr cinfo) {
    struct wn_jpeg_error *err = (struct wn_jpeg_error *)cinfo->err;
    err->base.format_message(cinfo, err->message);
    longjmp(err->jump, 1);
}

static void wn_jpeg_emit_message(j_common_ptr cinfo, int level) {
    struct wn_jpeg_error *err = (struct wn_jpeg_error *)cinfo->err;
    // Warnings (level -1) are counted, never printed: a reviewer's terminal is not stderr.
    if (level < 0) {
        err->base.num_warnings++;
        if (err->base.msg_code == JWRN_JPEG_EOF) err->premature_end = 1;
    }
}

static void wn_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

int wn_decode_jpeg(const uint8_t *data, size_t length, wn_limits limits, wn_image *out,
                   char error[WN_ERROR_CAPACITY]) {
    memset(out, 0, sizeof *out);
    if (length < 4) {
        set_error(error, "truncated JPEG: too short");
        return 1;
    }
    struct jpeg_decompress_struct cinfo;
    struct wn_jpeg_error jerr;
    memset(&jerr, 0, sizeof jerr);
    cinfo.err = jpeg_std_error(&jerr.base);
    jerr.base.error_exit = wn_jpeg_error_exit;
    jerr.base.emit_message = wn_jpeg_emit_message;
    jerr.base.output_message = wn_jpeg_output_message;
    // `volatile` so the buffer pointer survives the longjmp and can be freed.
    uint8_t *volatile pixels = NULL;

    if (setjmp(jerr.jump)) {
        snprintf(error, WN_ERROR_CAPACITY, "corrupt JPEG: %s", jerr.message);
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, (const unsigned char *)data, (unsigned long)length);
    jpeg_read_header(&cinfo, TRUE);
    if (too_many_pixels(cinfo.image_width, cinfo.image_height, limits, error)) {
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    cinfo.out_color_space = JCS_EXT_RGBA;
    cinfo.scale_num = 1;
    cinfo.scale_denom = 1;
    if (limits.target_width > 0 && limits.target_height > 0) {
        // DCT scaling: decoding at 1/2, 1/4 or 1/8 skips most of the IDCT work.
        static const unsigned denoms[] = {8, 4, 2};
        for (int i = 0; i < 3; i++) {
            unsigned d = denoms[i];
            if ((cinfo.image_width + d - 1) / d >= (unsigned)limits.target_width &&
                (cinfo.image_height + d - 1) / d >= (unsigned)limits.target_height) {
                cinfo.scale_denom = d;
                break;
            }
        }
    }
    cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * 4;
    pixels = malloc(stride * cinfo.output_height);
    if (pixels == NULL) {
        set_error(error, "out of memory decoding JPEG");
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = (JSAMPROW)(pixels + stride * cinfo.output_scanline);
        jpeg_read_scanlines(&cinfo, &row, 1);
        if (jerr.premature_end) break;
    }
    if (jerr.premature_end) {
        set_error(error, "truncated JPEG: data ends before the image does");
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        return 1;
    }
    jpeg_finish_decompress(&cinfo);
    out->pixels = pixels;
    out->width = (int)cinfo.output_width;
    out->height = (int)cinfo.output_height;
    out->source_width = (int)cinfo.image_width;
    out->source_height = (int)cinfo.image_height;
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

// MARK: PNG

int wn_decode_png(const uint8_t *data, size_t length, wn_limits limits, wn_image *out,
                  char error[WN_ERROR_CAPACITY]) {
    memset(out, 0, sizeof *out);
    // libpng's simplified API does its own setjmp and reports errors in `message`.
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, length)) {
        snprintf(error, WN_ERROR_CAPACITY, "corrupt PNG: %s", image.message);
        png_image_free(&image);
        return 1;
    }
    if (too_many_pixels(image.width, image.height, limits, error)) {
        png_image_free(&image);
        return 1;
    }
    image.format = PNG_FORMAT_RGBA;
    size_t size = PNG_IMAGE_SIZE(image);
    uint8_t *pixels = malloc(size);
    if (pixels == NULL) {
        set_error(error, "out of memory decoding PNG");
        png_image_free(&image);
        return 1;
    }
    if (!png_image_finish_read(&image, NULL, pixels, 0, NULL)) {
        const char *m = image.message;
        if (strstr(m, "EOF") || strstr(m, "end") || strstr(m, "Not enough") ||
            strstr(m, "too short") || strstr(m, "truncated")) {
            snprintf(error, WN_ERROR_CAPACITY, "truncated PNG: %s", m);
        } else {
            snprintf(error, WN_ERROR_CAPACITY, "corrupt PNG: %s", m);
        }
        free(pixels);
        png_image_free(&image);
        return 1;
    }
    out->pixels = pixels;
    out->width = (int)image.width;
    out->height = (int)image.height;
    out->source_width = out->width;
    out->source_height = out->height;
    png_image_free(&image);
    return 0;
}

// MARK: WebP

int wn_decode_webp(const uint8_t *data, size_t length, wn_limits limits, wn_image *out,
                   char error[WN_ERROR_CAPACITY]) {
    memset(out, 0, sizeof *out);
    int width = 0, height = 0;
    if (!WebPGetInfo(data, length, &width, &height)) {
        set_error(error, "corrupt WebP: bad header");
        return 1;
    }
    if (too_many_pixels(width, height, limits, error)) return 1;
    size_t stride = (size_t)width * 4;
    uint8_t *pixels = malloc(stride * (size_t)height);
    if (pixels == NULL) {
        set_error(error, "out of memory decoding WebP");
        return 1;
    }
    if (WebPDecodeRGBAInto(data, length, pixels, stride * (size_t)height, (int)stride) == NULL) {
        set_error(error, "corrupt or truncated WebP");
        free(pixels);
        return 1;
    }
    out->pixels = pixels;
    out->width = width;
    out->height = height;
    out->source_width = width;
    out->source_height = height;
    return 0;
}

// MARK: Writers (tests and benchmarks make their own images)

int wn_write_png(const char *path, const uint8_t *rgba, int width, int height,
                 char error[WN_ERROR_CAPACITY]) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    image.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&image, path, 0, rgba, 0, NULL)) {
        snprintf(error, WN_ERROR_CAPACITY, "cannot write PNG: %s", image.message);
        png_image_free(&image);
        return 1;
    }
    png_image_free(&image);
    return 0;
}

int wn_write_jpeg(const char *path, const uint8_t *rgb, int width, int height, int quality,
                  char error[WN_ERROR_CAPACITY]) {
    FILE *volatile file = fopen(path, "wb");
    if (file == NULL) {
        set_error(error, "cannot open JPEG for writing");
        return 1;
    }
    struct jpeg_compress_struct cinfo;
    struct wn_jpeg_error jerr;
    memset(&jerr, 0, sizeof jerr);
    cinfo.err = jpeg_std_error(&jerr.base);
    jerr.base.error_exit = wn_jpeg_error_exit;
    jerr.base.output_message = wn_jpeg_output_message;
    if (setjmp(jerr.jump)) {
        snprintf(error, WN_ERROR_CAPACITY, "cannot write JPEG: %s", jerr.message);
        jpeg_destroy_compress(&cinfo);
        fclose(file);
        return 1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, file);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + (size_t)cinfo.next_scanline * (size_t)width * 3);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    fclose(file);
    return 0;
}

int wn_write_webp(const char *path, const uint8_t *rgba, int width, int height,
                  char error[WN_ERROR_CAPACITY]) {
    uint8_t *encoded = NULL;
    size_t size = WebPEncodeLosslessRGBA(rgba, width, height, width * 4, &encoded);
    if (size == 0 || encoded == NULL) {
        set_error(error, "cannot encode WebP");
        return 1;
    }
    FILE *file = fopen(path, "wb");
    int ok = file != NULL && fwrite(encoded, 1, size, file) == size;
    if (file != NULL && fclose(file) != 0) ok = 0;
    WebPFree(encoded);
    if (!ok) {
        set_error(error, "cannot write WebP");
        return 1;
    }
    return 0;
}
