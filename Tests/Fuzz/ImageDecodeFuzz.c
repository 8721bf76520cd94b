// libFuzzer target for the C image decoders (Sources/CImageDecode/image_decode.c).
// Every input goes through all three decoders, as a hostile file named `x.jpg` can hold any
// bytes; a decoder that rejects the magic bytes returns at once. Half the inputs ask for DCT
// scaling (the image pane's path), half for full size (the external-viewer check).
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "image_decode.h"

typedef int (*decoder)(const uint8_t *, size_t, wn_limits, wn_image *, char[WN_ERROR_CAPACITY]);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    // 4 megapixels instead of the app's 40: the same code paths, without spending the
    // fuzzer's time filling 160 MB buffers.
    wn_limits limits = {.max_source_pixels = 4 * 1000 * 1000, .target_width = 0, .target_height = 0};
    if (size > 0 && (data[size - 1] & 1)) {
        limits.target_width = 80;
        limits.target_height = 48;
    }
    static const decoder decoders[] = {wn_decode_jpeg, wn_decode_png, wn_decode_webp};
    for (size_t i = 0; i < sizeof decoders / sizeof decoders[0]; i++) {
        wn_image image;
        char error[WN_ERROR_CAPACITY];
        memset(error, 0, sizeof error);
        int status = decoders[i](data, size, limits, &image, error);
        if (status == 0) {
            // Touch every decoded byte so ASan sees a short buffer, then release it.
            volatile uint8_t sink = 0;
            size_t n = (size_t)image.width * (size_t)image.height * 4;
            for (size_t k = 0; k < n; k++) sink ^= image.pixels[k];
            (void)sink;
            wn_image_free(&image);
        } else if (image.pixels != NULL || error[0] == 0) {
            // A failed decode must not hand back pixels and must say why.
            __builtin_trap();
        }
    }
    return 0;
}
