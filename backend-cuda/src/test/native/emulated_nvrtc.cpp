// A host emulation of the NVRTC entry points backend-cuda uses (libnvrtc.so.13), for tests
// without a GPU or CUDA toolkit: it "compiles" by checking the options (exactly one
// --gpu-architecture=sm_XY or compute_XY among the supported architectures) and that the source
// declares the kernels extern "C", and returns an image the emulated driver accepts for any kernel
// ("// atomstack emulated nvrtc ..."). PTX and CUBIN may only be fetched for the matching target,
// as with the real NVRTC. The kernels themselves are the emulated driver's host-compiled ones.

#include <cstdlib>
#include <cstring>
#include <string>

namespace {

const int SUCCESS = 0, INVALID_INPUT = 3, INVALID_PROGRAM = 4, INVALID_OPTION = 5, COMPILATION = 6;
const int ARCHS[] = {75, 80, 86, 87, 89, 90, 100};

struct Program {
    std::string source;
    std::string name;
    std::string log;
    std::string image;
    bool compiled = false;
    bool cubin = false;
};

bool supported(int arch) {
    for (int a : ARCHS) {
        if (a == arch) {
            return true;
        }
    }
    return false;
}

} // namespace

extern "C" {

int nvrtcVersion(int* major, int* minor) {
    *major = 13;
    *minor = 0;
    return SUCCESS;
}

int nvrtcGetNumSupportedArchs(int* count) {
    *count = (int) (sizeof(ARCHS) / sizeof(ARCHS[0]));
    return SUCCESS;
}

int nvrtcGetSupportedArchs(int* archs) {
    std::memcpy(archs, ARCHS, sizeof(ARCHS));
    return SUCCESS;
}

int nvrtcCreateProgram(void** program, const char* source, const char* name, int numHeaders, const char* const* headers,
                       const char* const* includeNames) {
    if (program == nullptr || source == nullptr || numHeaders < 0 || (numHeaders > 0 && (headers == nullptr || includeNames == nullptr))) {
        return INVALID_INPUT;
    }
    Program* p = new Program();
    p->source = source;
    p->name = name == nullptr ? "default_program" : name;
    *program = p;
    return SUCCESS;
}

int nvrtcCompileProgram(void* program, int numOptions, const char* const* options) {
    Program* p = static_cast<Program*>(program);
    if (p == nullptr) {
        return INVALID_PROGRAM;
    }
    int arch = -1;
    for (int i = 0; i < numOptions; ++i) {
        std::string o = options[i];
        if (o.rfind("--gpu-architecture=sm_", 0) == 0 || o.rfind("--gpu-architecture=compute_", 0) == 0) {
            if (arch >= 0) {
                p->log = "error: --gpu-architecture given twice";
                return INVALID_OPTION;
            }
            p->cubin = o.rfind("--gpu-architecture=sm_", 0) == 0;
            arch = std::atoi(o.c_str() + (p->cubin ? 22 : 27));
        } else if (o != "--std=c++17") {
            p->log = "error: unrecognized option " + o;
            return INVALID_OPTION;
        }
    }
    if (!supported(arch)) {
        p->log = "error: unsupported or missing --gpu-architecture";
        return INVALID_OPTION;
    }
    if (p->source.find("extern \"C\" __global__") == std::string::npos) {
        p->log = p->name + ": the source declares no extern \"C\" __global__ kernel";
        return COMPILATION;
    }
    p->image = "// atomstack emulated nvrtc for " + std::string(p->cubin ? "sm_" : "compute_") + std::to_string(arch) + "\n";
    p->log = "";
    p->compiled = true;
    return SUCCESS;
}

int nvrtcGetPTXSize(void* program, size_t* size) {
    Program* p = static_cast<Program*>(program);
    if (p == nullptr || !p->compiled || p->cubin) {
        return INVALID_INPUT;
    }
    *size = p->image.size() + 1;
    return SUCCESS;
}

int nvrtcGetPTX(void* program, char* ptx) {
    Program* p = static_cast<Program*>(program);
    if (p == nullptr || !p->compiled || p->cubin) {
        return INVALID_INPUT;
    }
    std::memcpy(ptx, p->image.c_str(), p->image.size() + 1);
    return SUCCESS;
}

int nvrtcGetCUBINSize(void* program, size_t* size) {
    Program* p = static_cast<Program*>(program);
    if (p == nullptr || !p->compiled || !p->cubin) {
        return INVALID_INPUT;
    }
    *size = p->image.size() + 1;
    return SUCCESS;
}

int nvrtcGetCUBIN(void* program, char* cubin) {
    Program* p = static_cast<Program*>(program);
    if (p == nullptr || !p->compiled || !p->cubin) {
        return INVALID_INPUT;
    }
    std::memcpy(cubin, p->image.c_str(), p->image.size() + 1);
    return SUCCESS;
}

int nvrtcGetProgramLogSize(void* program, size_t* size) {
    Program* p = static_cast<Program*>(program);
    if (p == nullptr) {
        return INVALID_PROGRAM;
    }
    *size = p->log.size() + 1;
    return SUCCESS;
}

int nvrtcGetProgramLog(void* program, char* log) {
    Program* p = static_cast<Program*>(program);
    if (p == nullptr) {
        return INVALID_PROGRAM;
    }
    std::memcpy(log, p->log.c_str(), p->log.size() + 1);
    return SUCCESS;
}

int nvrtcDestroyProgram(void** program) {
    if (program == nullptr || *program == nullptr) {
        return INVALID_PROGRAM;
    }
    delete static_cast<Program*>(*program);
    *program = nullptr;
    return SUCCESS;
}

const char* nvrtcGetErrorString(int result) {
    switch (result) {
        case SUCCESS: return "NVRTC_SUCCESS";
        case INVALID_INPUT: return "NVRTC_ERROR_INVALID_INPUT";
        case INVALID_PROGRAM: return "NVRTC_ERROR_INVALID_PROGRAM";
        case INVALID_OPTION: return "NVRTC_ERROR_INVALID_OPTION";
        case COMPILATION: return "NVRTC_ERROR_COMPILATION";
        default: return "NVRTC_ERROR_UNKNOWN";
    }
}

} // extern "C"
