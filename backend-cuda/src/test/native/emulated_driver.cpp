// A host emulation of the parts of the CUDA driver API (libcuda.so.1) that backend-cuda uses,
// for tests on machines without a GPU. Built by the tests (EmulatedDevice.java) with the host
// C++ compiler into a shared library that the backend loads in place of the real driver.
//
// It runs the real kernels: atomstack_kernels.cu compiled as host C++, each launch calling the
// kernel once per (block, thread) of the grid with blockIdx/threadIdx set, so the grid-stride
// loops and the Java side's launch geometry are exercised as on a device. Device memory is host
// memory with guard bytes around every allocation; a kernel that writes outside its buffers makes
// the launch fail. It also checks what a real driver would reject: calls without a current
// context, copies outside allocations, non-1-D launches, modules lacking a requested kernel
// (cuModuleGetFunction looks for ".entry NAME" in PTX and for NAME in a cubin's string table).
//
// Devices: 0 = compute capability 9.0 (4 SMs), 1 = 7.5 (2 SMs), 2 = 6.1 (1 SM).
// Variants: EMU_VARIANT=1: cuInit fails with CUDA_ERROR_NO_DEVICE; EMU_VARIANT=2: no devices.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#ifndef EMU_NO_KERNELS
#define ATOMSTACK_HOST_EMULATION
#include "atomstack_kernels.cu"
#endif

#ifndef EMU_VARIANT
#define EMU_VARIANT 0
#endif

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;

namespace {

const CUresult SUCCESS = 0, INVALID_VALUE = 1, OUT_OF_MEMORY = 2, NOT_INITIALIZED = 3, NO_DEVICE = 100,
               INVALID_DEVICE = 101, INVALID_IMAGE = 200, INVALID_CONTEXT = 201, INVALID_PTX = 218, INVALID_HANDLE = 400,
               NOT_FOUND = 500, ILLEGAL_ADDRESS = 700, LAUNCH_FAILED = 719;

const size_t GUARD = 64;
const unsigned char GUARD_BYTE = 0xA5;
const size_t TOTAL_MEMORY = 1ull << 30;

struct DeviceInfo {
    const char* name;
    int major, minor, multiprocessors;
};
const DeviceInfo DEVICES[] = {{"Emulated GPU 0 (atomstack host emulator, sm_90)", 9, 0, 4},
                              {"Emulated GPU 1 (atomstack host emulator, sm_75)", 7, 5, 2},
                              {"Emulated GPU 2 (atomstack host emulator, sm_61)", 6, 1, 1}};
const int DEVICE_COUNT = EMU_VARIANT == 2 ? 0 : 3;

struct Context {
    int device;
    int references;
};

struct Module {
    std::string image;
    bool cubin;
    bool emulatedNvrtc;
};

typedef void (*Invoker)(void**);

struct Function {
    const char* name;
    Invoker invoke;
};

std::mutex lock;
bool initialised = false;
Context contexts[3] = {{0, 0}, {1, 0}, {2, 0}};
std::map<uintptr_t, size_t> allocations; // user pointer -> size
size_t allocatedBytes = 0;
thread_local Context* current = nullptr;

bool guardsIntact(uintptr_t p, size_t size) {
    const unsigned char* raw = reinterpret_cast<const unsigned char*>(p - GUARD);
    for (size_t i = 0; i < GUARD; ++i) {
        if (raw[i] != GUARD_BYTE || raw[GUARD + size + i] != GUARD_BYTE) {
            return false;
        }
    }
    return true;
}

// Whether [p, p + bytes) lies inside one allocation. Caller holds the lock.
bool inside(uintptr_t p, size_t bytes) {
    auto it = allocations.upper_bound(p);
    if (it == allocations.begin()) {
        return false;
    }
    --it;
    return p >= it->first && p + bytes <= it->first + it->second;
}

CUresult ready() {
    if (!initialised) {
        return NOT_INITIALIZED;
    }
    if (current == nullptr || current->references == 0) {
        return INVALID_CONTEXT;
    }
    return SUCCESS;
}

#ifndef EMU_NO_KERNELS
template <typename... A, std::size_t... I>
void call(void (*f)(A...), void** p, std::index_sequence<I...>) {
    f(*static_cast<A*>(p[I])...);
}

template <typename... A>
void invoke(void (*f)(A...), void** p) {
    call(f, p, std::index_sequence_for<A...>{});
}

#define EMU_KERNEL(name) {#name, [](void** p) { invoke(name, p); }},
const Function KERNELS[] = {
    EMU_KERNEL(fill_b32) EMU_KERNEL(fill_b64) EMU_KERNEL(cast_f64_f32) EMU_KERNEL(cast_f32_f64) EMU_KERNEL(cast_i32_f64)
    EMU_KERNEL(cast_i32_f32) EMU_KERNEL(copy_b32) EMU_KERNEL(copy_b64) EMU_KERNEL(unary_f64) EMU_KERNEL(unary_f32)
    EMU_KERNEL(binary_f64) EMU_KERNEL(binary_f32) EMU_KERNEL(sum_axis_f64) EMU_KERNEL(sum_axis_f32)
    EMU_KERNEL(sum_chunks_f64) EMU_KERNEL(sum_chunks_f32) EMU_KERNEL(gemm_f64) EMU_KERNEL(gemm_f32)
    EMU_KERNEL(gather_b32) EMU_KERNEL(gather_b64) EMU_KERNEL(scatter_add_f64) EMU_KERNEL(scatter_add_f32)
    EMU_KERNEL(radial_f64) EMU_KERNEL(radial_f32) EMU_KERNEL(poly_f64) EMU_KERNEL(poly_f32)};
#else
const Function KERNELS[] = {{"", nullptr}};
#endif

const Function* findKernel(const char* name) {
    for (const Function& f : KERNELS) {
        if (f.invoke != nullptr && std::strcmp(f.name, name) == 0) {
            return &f;
        }
    }
    return nullptr;
}

bool containsName(const std::string& image, const std::string& needle) {
    return image.find(needle) != std::string::npos;
}

const char* NAMES[][2] = {{"0", "CUDA_SUCCESS"},
                          {"1", "CUDA_ERROR_INVALID_VALUE"},
                          {"2", "CUDA_ERROR_OUT_OF_MEMORY"},
                          {"3", "CUDA_ERROR_NOT_INITIALIZED"},
                          {"100", "CUDA_ERROR_NO_DEVICE"},
                          {"101", "CUDA_ERROR_INVALID_DEVICE"},
                          {"200", "CUDA_ERROR_INVALID_IMAGE"},
                          {"201", "CUDA_ERROR_INVALID_CONTEXT"},
                          {"218", "CUDA_ERROR_INVALID_PTX"},
                          {"400", "CUDA_ERROR_INVALID_HANDLE"},
                          {"500", "CUDA_ERROR_NOT_FOUND"},
                          {"700", "CUDA_ERROR_ILLEGAL_ADDRESS"},
                          {"719", "CUDA_ERROR_LAUNCH_FAILED"}};

} // namespace

extern "C" {

CUresult cuGetErrorName(CUresult error, const char** name) {
    std::string code = std::to_string(error);
    for (auto& n : NAMES) {
        if (code == n[0]) {
            *name = n[1];
            return SUCCESS;
        }
    }
    *name = nullptr;
    return INVALID_VALUE;
}

CUresult cuGetErrorString(CUresult error, const char** text) {
    switch (error) {
        case NO_DEVICE: *text = "no CUDA-capable device is detected (emulated)"; return SUCCESS;
        case INVALID_CONTEXT: *text = "invalid device context (emulated)"; return SUCCESS;
        case INVALID_PTX: *text = "a PTX JIT compilation failed (emulated)"; return SUCCESS;
        case NOT_FOUND: *text = "named symbol not found (emulated)"; return SUCCESS;
        case LAUNCH_FAILED: *text = "unspecified launch failure (emulated)"; return SUCCESS;
        default: *text = "emulated driver error"; return SUCCESS;
    }
}

CUresult cuInit(unsigned int flags) {
    if (flags != 0) {
        return INVALID_VALUE;
    }
    if (EMU_VARIANT == 1) {
        return NO_DEVICE;
    }
    std::lock_guard<std::mutex> g(lock);
    initialised = true;
    return SUCCESS;
}

CUresult cuDriverGetVersion(int* version) {
    *version = 13000;
    return SUCCESS;
}

CUresult cuDeviceGetCount(int* count) {
    if (!initialised) {
        return NOT_INITIALIZED;
    }
    *count = DEVICE_COUNT;
    return SUCCESS;
}

CUresult cuDeviceGet(CUdevice* device, int ordinal) {
    if (!initialised) {
        return NOT_INITIALIZED;
    }
    if (ordinal < 0 || ordinal >= DEVICE_COUNT) {
        return INVALID_DEVICE;
    }
    *device = ordinal;
    return SUCCESS;
}

CUresult cuDeviceGetName(char* name, int len, CUdevice device) {
    if (device < 0 || device >= DEVICE_COUNT || len <= 0) {
        return INVALID_VALUE;
    }
    std::snprintf(name, (size_t) len, "%s", DEVICES[device].name);
    return SUCCESS;
}

CUresult cuDeviceGetAttribute(int* value, int attribute, CUdevice device) {
    if (device < 0 || device >= DEVICE_COUNT) {
        return INVALID_DEVICE;
    }
    switch (attribute) {
        case 1: *value = 1024; return SUCCESS;                            // MAX_THREADS_PER_BLOCK
        case 16: *value = DEVICES[device].multiprocessors; return SUCCESS; // MULTIPROCESSOR_COUNT
        case 75: *value = DEVICES[device].major; return SUCCESS;           // COMPUTE_CAPABILITY_MAJOR
        case 76: *value = DEVICES[device].minor; return SUCCESS;           // COMPUTE_CAPABILITY_MINOR
        default: return INVALID_VALUE;
    }
}

CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice device) {
    if (device < 0 || device >= DEVICE_COUNT) {
        return INVALID_DEVICE;
    }
    *bytes = TOTAL_MEMORY;
    return SUCCESS;
}

CUresult cuDevicePrimaryCtxRetain(void** context, CUdevice device) {
    if (!initialised) {
        return NOT_INITIALIZED;
    }
    if (device < 0 || device >= DEVICE_COUNT) {
        return INVALID_DEVICE;
    }
    std::lock_guard<std::mutex> g(lock);
    contexts[device].references++;
    *context = &contexts[device];
    return SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice device) {
    if (device < 0 || device >= DEVICE_COUNT) {
        return INVALID_DEVICE;
    }
    std::lock_guard<std::mutex> g(lock);
    if (contexts[device].references == 0) {
        return INVALID_CONTEXT;
    }
    contexts[device].references--;
    return SUCCESS;
}

CUresult cuCtxSetCurrent(void* context) {
    Context* c = static_cast<Context*>(context);
    if (c != nullptr && (c < contexts || c >= contexts + 3 || c->references == 0)) {
        return INVALID_CONTEXT;
    }
    current = c;
    return SUCCESS;
}

CUresult cuCtxSynchronize(void) {
    return ready();
}

CUresult cuMemAlloc_v2(CUdeviceptr* pointer, size_t bytes) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    if (bytes == 0) {
        return INVALID_VALUE;
    }
    std::lock_guard<std::mutex> g(lock);
    if (allocatedBytes + bytes > TOTAL_MEMORY) {
        return OUT_OF_MEMORY;
    }
    unsigned char* raw = static_cast<unsigned char*>(std::malloc(bytes + 2 * GUARD));
    if (raw == nullptr) {
        return OUT_OF_MEMORY;
    }
    std::memset(raw, GUARD_BYTE, GUARD);
    std::memset(raw + GUARD, 0xCD, bytes); // uninitialised memory is not zero
    std::memset(raw + GUARD + bytes, GUARD_BYTE, GUARD);
    uintptr_t p = reinterpret_cast<uintptr_t>(raw + GUARD);
    allocations[p] = bytes;
    allocatedBytes += bytes;
    *pointer = p;
    return SUCCESS;
}

CUresult cuMemFree_v2(CUdeviceptr pointer) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    std::lock_guard<std::mutex> g(lock);
    auto it = allocations.find((uintptr_t) pointer);
    if (it == allocations.end()) {
        std::fprintf(stderr, "emulated cuMemFree: %#llx is not an allocation (double free?)\n", pointer);
        return INVALID_VALUE;
    }
    if (!guardsIntact(it->first, it->second)) {
        std::fprintf(stderr, "emulated cuMemFree: a write overran the %zu-byte allocation %#llx\n", it->second, pointer);
        return ILLEGAL_ADDRESS;
    }
    allocatedBytes -= it->second;
    std::free(reinterpret_cast<unsigned char*>(it->first) - GUARD);
    allocations.erase(it);
    return SUCCESS;
}

CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    std::lock_guard<std::mutex> g(lock);
    *free = TOTAL_MEMORY - allocatedBytes;
    *total = TOTAL_MEMORY;
    return SUCCESS;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    std::lock_guard<std::mutex> g(lock);
    if (!inside((uintptr_t) dst, bytes)) {
        return INVALID_VALUE;
    }
    std::memcpy(reinterpret_cast<void*>(dst), src, bytes);
    return SUCCESS;
}

CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    std::lock_guard<std::mutex> g(lock);
    if (!inside((uintptr_t) src, bytes)) {
        return INVALID_VALUE;
    }
    std::memcpy(dst, reinterpret_cast<const void*>(src), bytes);
    return SUCCESS;
}

CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    std::lock_guard<std::mutex> g(lock);
    if (!inside((uintptr_t) dst, bytes) || !inside((uintptr_t) src, bytes)) {
        return INVALID_VALUE;
    }
    std::memmove(reinterpret_cast<void*>(dst), reinterpret_cast<const void*>(src), bytes);
    return SUCCESS;
}

CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char value, size_t count) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    std::lock_guard<std::mutex> g(lock);
    if (!inside((uintptr_t) dst, count)) {
        return INVALID_VALUE;
    }
    std::memset(reinterpret_cast<void*>(dst), value, count);
    return SUCCESS;
}

CUresult cuModuleLoadDataEx(void** module, const void* image, unsigned int numOptions, int* options, void** values) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    char* log = nullptr;
    size_t logBytes = 0;
    for (unsigned int i = 0; i < numOptions; ++i) {
        if (options[i] == 5) {
            log = static_cast<char*>(values[i]);
        } else if (options[i] == 6) {
            logBytes = (size_t) reinterpret_cast<uintptr_t>(values[i]);
        }
    }
    const unsigned char* bytes = static_cast<const unsigned char*>(image);
    Module* m = new Module();
    if (bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F') {
        uint64_t shoff;
        uint16_t machine, shentsize, shnum;
        std::memcpy(&machine, bytes + 18, 2);
        std::memcpy(&shoff, bytes + 40, 8);
        std::memcpy(&shentsize, bytes + 58, 2);
        std::memcpy(&shnum, bytes + 60, 2);
        if (machine != 190) { // EM_CUDA
            delete m;
            return INVALID_IMAGE;
        }
        m->image.assign(reinterpret_cast<const char*>(bytes), (size_t) (shoff + (uint64_t) shentsize * shnum));
        m->cubin = true;
    } else {
        const char* text = static_cast<const char*>(image);
        m->image.assign(text);
        m->emulatedNvrtc = m->image.rfind("// atomstack emulated nvrtc", 0) == 0;
        if (!m->emulatedNvrtc) {
            size_t at = m->image.find(".target sm_");
            int target = at == std::string::npos ? -1 : std::atoi(m->image.c_str() + at + 11);
            int arch = DEVICES[current->device].major * 10 + DEVICES[current->device].minor;
            if (m->image.find(".version") == std::string::npos || target < 0) {
                delete m;
                return INVALID_IMAGE;
            }
            if (target > arch) {
                if (log != nullptr && logBytes > 0) {
                    std::snprintf(log, logBytes, "ptxas fatal : SM version specified by .target (sm_%d) is higher than the device's (sm_%d) [emulated]",
                                  target, arch);
                }
                delete m;
                return INVALID_PTX;
            }
        }
    }
    *module = m;
    return SUCCESS;
}

CUresult cuModuleUnload(void* module) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    if (module == nullptr) {
        return INVALID_HANDLE;
    }
    delete static_cast<Module*>(module);
    return SUCCESS;
}

CUresult cuModuleGetFunction(void** function, void* module, const char* name) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    const Module* m = static_cast<const Module*>(module);
    const Function* f = findKernel(name);
    if (m == nullptr || f == nullptr) {
        return NOT_FOUND;
    }
    if (!m->emulatedNvrtc) {
        std::string needle = m->cubin ? std::string(name) + '\0' : ".entry " + std::string(name) + "(";
        if (!containsName(m->image, needle)) {
            return NOT_FOUND;
        }
    }
    *function = const_cast<Function*>(f);
    return SUCCESS;
}

CUresult cuLaunchKernel(void* function, unsigned int gridX, unsigned int gridY, unsigned int gridZ, unsigned int blockX,
                        unsigned int blockY, unsigned int blockZ, unsigned int sharedBytes, void* stream, void** params,
                        void** extra) {
    CUresult r = ready();
    if (r != SUCCESS) {
        return r;
    }
    const Function* f = static_cast<const Function*>(function);
    if (f == nullptr || f->invoke == nullptr) {
        return INVALID_HANDLE;
    }
    if (gridX == 0 || gridY != 1 || gridZ != 1 || blockX == 0 || blockX > 1024 || blockY != 1 || blockZ != 1 || sharedBytes != 0
        || stream != nullptr || params == nullptr || extra != nullptr) {
        return INVALID_VALUE;
    }
#ifndef EMU_NO_KERNELS
    gridDim = {gridX, 1, 1};
    blockDim = {blockX, 1, 1};
    for (unsigned int b = 0; b < gridX; ++b) {
        for (unsigned int t = 0; t < blockX; ++t) {
            blockIdx = {b, 0, 0};
            threadIdx = {t, 0, 0};
            f->invoke(params);
        }
    }
#endif
    std::lock_guard<std::mutex> g(lock);
    for (auto& a : allocations) {
        if (!guardsIntact(a.first, a.second)) {
            std::fprintf(stderr, "emulated cuLaunchKernel(%s): a write overran the %zu-byte allocation %#lx\n", f->name, a.second,
                         (unsigned long) a.first);
            return LAUNCH_FAILED;
        }
    }
    return SUCCESS;
}

// ---- for the emulated cuBLAS, which links against this library

// Whether a context is current on the calling thread.
int atomstack_emu_context_current(void) {
    return ready() == SUCCESS;
}

// Whether [pointer, pointer + bytes) lies inside one device allocation.
int atomstack_emu_inside(unsigned long long pointer, size_t bytes) {
    std::lock_guard<std::mutex> g(lock);
    return inside((uintptr_t) pointer, bytes);
}

} // extern "C"
