#ifndef WINNOW_MAPPED_GUARD_H
#define WINNOW_MAPPED_GUARD_H

#include <stddef.h>

/// Installs the SIGBUS handler (once) and registers a read-only file mapping with it.
/// Returns a slot number for the other calls, or -1 when no slot is free (the mapping then
/// simply is not guarded).
int winnow_guard_register(const void *base, size_t size);

/// Forgets a mapping (call before munmap).
void winnow_guard_unregister(int slot);

/// 1 when a read of the mapping faulted because the file shrank under it, else 0.
int winnow_guard_faulted(int slot);

#endif
