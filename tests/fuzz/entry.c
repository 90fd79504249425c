/* The libFuzzer entry points of one layer's harness: `make fuzz` builds
 * this file once per layer of harness.h, with -DRD_FUZZ_LAYER=rd_fuzz_NAME. */
#include "harness.h"

#ifndef RD_FUZZ_LAYER
#error "RD_FUZZ_LAYER names the layer's function (-DRD_FUZZ_LAYER=rd_fuzz_parse)"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rd_fuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    RD_FUZZ_LAYER(data, size);
    return 0;
}
