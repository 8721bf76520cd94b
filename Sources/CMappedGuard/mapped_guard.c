// Why a signal handler, and why this one.
//
// Winnow reads datasets through a shared read-only mmap. When another process truncates the
// file, any later read of a page past the new end raises SIGBUS, and the reads happen all over
// Swift code (indexer, decoder, search, merge writer) that cannot be unwound by siglongjmp
// (Swift has no notion of a non-local jump; jumping over its frames leaks and corrupts
// retain counts and locks). So the handler does not jump anywhere: it maps anonymous zero pages
// over the rest of the faulting mapping with MAP_FIXED and returns. The faulting load is
// re-executed and reads zeros, so the program carries on with garbage bytes it already has to
// survive (every dataset byte is untrusted), and records that the mapping faulted. At safe
// points (each key in the review screen, the end of search and lint, before merge renames its
// output) the Swift side checks that flag and the file's size and mtime, and stops with "the
// dataset changed on disk while it was open".
//
// mmap is a plain system call on Linux and the handler touches only lock-free atomics, so
// everything here is safe in a signal handler. A SIGBUS that is not in a registered mapping
// (a real bug, or a signal sent with kill) goes to the previous handler (Swift's backtracer)
// or gets the default action, exactly as without this file.

#include "mapped_guard.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define WINNOW_GUARD_SLOTS 64

static _Atomic uintptr_t slot_base[WINNOW_GUARD_SLOTS];
static _Atomic size_t slot_size[WINNOW_GUARD_SLOTS];
static _Atomic int slot_faulted[WINNOW_GUARD_SLOTS];
static struct sigaction previous_action;
static uintptr_t page_size = 4096;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

static void pass_on(int sig, siginfo_t *info, void *context) {
    if ((previous_action.sa_flags & SA_SIGINFO) && previous_action.sa_sigaction != NULL) {
        previous_action.sa_sigaction(sig, info, context);
        return;
    }
    if (!(previous_action.sa_flags & SA_SIGINFO) && previous_action.sa_handler != SIG_DFL
        && previous_action.sa_handler != SIG_IGN) {
        previous_action.sa_handler(sig);
        return;
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
    // A fault re-executes on return and now dies the default way; a signal sent with kill
    // does not come back by itself, so send it again.
    if (info == NULL || info->si_code <= 0) raise(sig);
}

static void on_sigbus(int sig, siginfo_t *info, void *context) {
    uintptr_t address = info != NULL ? (uintptr_t)info->si_addr : 0;
    if (info != NULL && info->si_code > 0) {
        for (int i = 0; i < WINNOW_GUARD_SLOTS; i++) {
            uintptr_t base = atomic_load(&slot_base[i]);
            size_t size = atomic_load(&slot_size[i]);
            if (base == 0 || address < base || address - base >= size) continue;
            uintptr_t start = address & ~(page_size - 1);
            size_t length = (size_t)(base + size - start);
            void *r = mmap((void *)start, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (r == MAP_FAILED) break;
            atomic_store(&slot_faulted[i], 1);
            return;
        }
    }
    pass_on(sig, info, context);
}

static void install(void) {
    long p = sysconf(_SC_PAGESIZE);
    if (p > 0) page_size = (uintptr_t)p;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous_action);
}

int winnow_guard_register(const void *base, size_t size) {
    if (base == NULL || size == 0) return -1;
    pthread_once(&install_once, install);
    for (int i = 0; i < WINNOW_GUARD_SLOTS; i++) {
        uintptr_t expected = 0;
        // Claim the slot with a placeholder so the handler never sees a base without its size.
        if (atomic_compare_exchange_strong(&slot_base[i], &expected, (uintptr_t)1)) {
            atomic_store(&slot_faulted[i], 0);
            atomic_store(&slot_size[i], size);
            atomic_store(&slot_base[i], (uintptr_t)base);
            return i;
        }
    }
    return -1;
}

void winnow_guard_unregister(int slot) {
    if (slot < 0 || slot >= WINNOW_GUARD_SLOTS) return;
    atomic_store(&slot_size[slot], 0);
    atomic_store(&slot_base[slot], 0);
}

int winnow_guard_faulted(int slot) {
    if (slot < 0 || slot >= WINNOW_GUARD_SLOTS) return 0;
    return atomic_load(&slot_faulted[slot]);
}
