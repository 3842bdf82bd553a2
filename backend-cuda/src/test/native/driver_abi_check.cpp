// Compile-time check (never linked or run) that the C signatures the Java binding assumes match the
// CUDA headers: each Driver.java downcall's FunctionDescriptor, written here as a function-pointer
// type over the same C types, must be the type of the real entry point that cuda.h declares. Built
// with -fsyntax-only by DriverAbiTest where a CUDA toolkit's include directory is present.

#include <cuda.h>
#include <cstddef>
#include <type_traits>

#define SAME(fn, type) static_assert(std::is_same<decltype(&fn), type>::value, #fn " has another signature")

// JAVA_INT <-> CUresult / int / unsigned int / CUdevice / enums; JAVA_LONG <-> CUdeviceptr / size_t;
// ADDRESS <-> pointers and opaque handles; JAVA_BYTE <-> unsigned char.
static_assert(sizeof(CUresult) == 4 && sizeof(CUdevice) == 4 && sizeof(CUdevice_attribute) == 4 && sizeof(CUjit_option) == 4, "");
static_assert(sizeof(CUdeviceptr) == 8 && sizeof(size_t) == 8 && sizeof(void*) == 8, "");

SAME(cuInit, CUresult (*)(unsigned int));
SAME(cuDriverGetVersion, CUresult (*)(int*));
SAME(cuDeviceGetCount, CUresult (*)(int*));
SAME(cuDeviceGet, CUresult (*)(CUdevice*, int));
SAME(cuDeviceGetName, CUresult (*)(char*, int, CUdevice));
SAME(cuDeviceGetAttribute, CUresult (*)(int*, CUdevice_attribute, CUdevice));
SAME(cuDeviceTotalMem_v2, CUresult (*)(size_t*, CUdevice));
SAME(cuDevicePrimaryCtxRetain, CUresult (*)(CUcontext*, CUdevice));
SAME(cuDevicePrimaryCtxRelease_v2, CUresult (*)(CUdevice));
SAME(cuCtxSetCurrent, CUresult (*)(CUcontext));
SAME(cuCtxSynchronize, CUresult (*)(void));
SAME(cuMemAlloc_v2, CUresult (*)(CUdeviceptr*, size_t));
SAME(cuMemFree_v2, CUresult (*)(CUdeviceptr));
SAME(cuMemGetInfo_v2, CUresult (*)(size_t*, size_t*));
SAME(cuMemcpyHtoD_v2, CUresult (*)(CUdeviceptr, const void*, size_t));
SAME(cuMemcpyDtoH_v2, CUresult (*)(void*, CUdeviceptr, size_t));
SAME(cuMemcpyDtoD_v2, CUresult (*)(CUdeviceptr, CUdeviceptr, size_t));
SAME(cuMemsetD8_v2, CUresult (*)(CUdeviceptr, unsigned char, size_t));
SAME(cuModuleLoadDataEx, CUresult (*)(CUmodule*, const void*, unsigned int, CUjit_option*, void**));
SAME(cuModuleUnload, CUresult (*)(CUmodule));
SAME(cuModuleGetFunction, CUresult (*)(CUfunction*, CUmodule, const char*));
SAME(cuLaunchKernel, CUresult (*)(CUfunction, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int,
                                  unsigned int, CUstream, void**, void**));
SAME(cuGetErrorName, CUresult (*)(CUresult, const char**));
SAME(cuGetErrorString, CUresult (*)(CUresult, const char**));

// The public names the binding avoids resolve to the versioned entry points it binds.
SAME(cuMemAlloc, decltype(&cuMemAlloc_v2));
SAME(cuMemFree, decltype(&cuMemFree_v2));
SAME(cuDeviceTotalMem, decltype(&cuDeviceTotalMem_v2));

// The enumerators Driver.java uses by value.
static_assert(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT == 16, "");
static_assert(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR == 75, "");
static_assert(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR == 76, "");
static_assert(CU_JIT_ERROR_LOG_BUFFER == 5 && CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES == 6, "");
static_assert(CUDA_SUCCESS == 0, "");
