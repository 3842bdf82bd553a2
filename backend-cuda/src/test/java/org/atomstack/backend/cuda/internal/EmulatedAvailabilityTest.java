package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the probe reports on the emulated device in each situation the real world produces: a
 * usable device (and which kernel image and GEMM engine it gets), cuInit failing, no device, a
 * device ordinal out of range, a compute capability without matching code, libraries that are
 * missing or are not what they claim, and required engines that are absent.
 */
@ExtendWith(EmulatedDevice.class)
class EmulatedAvailabilityTest {
    private static Availability probe(CudaSettings s) {
        return CudaPlatforms.load(s).availability();
    }

    private static boolean prebuilt() {
        return !KernelImages.bundled().images().isEmpty();
    }

    @Test
    void aUsableDeviceIsDescribedWithItsKernelsAndGemm() {
        Availability a = probe(EmulatedDevice.settings());
        assertTrue(a.available(), a.detail());
        String d = a.detail();
        assertTrue(d.startsWith("Emulated GPU 0 (atomstack host emulator, sm_90) (sm_90, 4 SMs, 1.0 GiB), driver CUDA 13.0; kernels: "), d);
        assertTrue(d.contains(prebuilt() ? "kernels: SASS sm_90 (prebuilt, Cuda compilation tools" : "kernels: NVRTC 13.0 -> sm_90"), d);
        assertTrue(d.endsWith("; GEMM: cuBLAS 13.0.99"), d);
        try (Backend b = EmulatedDevice.open(EmulatedDevice.settings())) {
            assertEquals("cuda", b.id());
            assertEquals(d, b.device());
            assertEquals("cuBLAS 13.0.99", ((CudaBackendInfo) b).gemmEngine());
            assertEquals(0, b.openTensors());
        }
    }

    @Test
    void aTuringClassDeviceGetsThePtxImage() {
        Availability a = probe(EmulatedDevice.settings().withDevice(1));
        assertTrue(a.available(), a.detail());
        assertTrue(a.detail().contains(prebuilt() ? "kernels: PTX compute_75 (prebuilt" : "kernels: NVRTC 13.0 -> sm_75"), a.detail());
        try (Backend b = EmulatedDevice.open(EmulatedDevice.settings().withDevice(1))) {
            assertTrue(b.device().contains("sm_75"), b.device());
        }
    }

    @Test
    void aDeviceOlderThanEveryImageAndNvrtcTargetIsUnavailableNamingBoth() {
        Availability a = probe(EmulatedDevice.settings().withDevice(2));
        assertFalse(a.available());
        String d = a.detail();
        assertTrue(d.startsWith("no kernels for Emulated GPU 2 (atomstack host emulator, sm_61) (sm_61, 1 SMs, 1.0 GiB): "), d);
        assertTrue(d.contains(prebuilt() ? "the prebuilt kernels (SASS sm_90, PTX compute_75) do not fit sm_61 (they need compute capability 7.5 or higher)"
            : "this build has no prebuilt kernels (it was built without nvcc)"), d);
        assertTrue(d.contains("NVRTC cannot compile them: NVRTC 13.0 (") && d.endsWith(") compiles for sm_75 to sm_100, not for sm_61"), d);
    }

    @Test
    void prebuiltOnlyNamesTheImagesOnAnOldDevice() {
        Availability a = probe(EmulatedDevice.settings().withDevice(2).withKernels(CudaSettings.Kernels.PREBUILT));
        assertFalse(a.available());
        assertTrue(a.detail().endsWith("(-Datomstack.cuda.kernels=prebuilt)"), a.detail());
    }

    @Test
    void aFailingCuInitIsReportedWithTheErrorName() {
        Path driver = EmulatedDevice.libraries().driverInitFails();
        Availability a = probe(CudaSettings.defaults().withDriver(driver));
        assertFalse(a.available());
        assertEquals("cuInit failed: CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected (emulated)) (driver " + driver + ")", a.detail());
    }

    @Test
    void aDriverWithoutDevicesIsReported() {
        Path driver = EmulatedDevice.libraries().driverNoDevices();
        Availability a = probe(CudaSettings.defaults().withDriver(driver));
        assertFalse(a.available());
        assertEquals("no CUDA device: the driver (CUDA 13.0, " + driver + ") reports none", a.detail());
    }

    @Test
    void aDeviceOrdinalBeyondTheCountIsReported() {
        Availability a = probe(EmulatedDevice.settings().withDevice(7));
        assertFalse(a.available());
        assertEquals("no CUDA device 7 (-Datomstack.cuda.device): the driver reports 3", a.detail());
    }

    @Test
    void missingOrForeignDriverLibrariesAreReported() {
        Availability missing = probe(CudaSettings.defaults().withDriver(Path.of("/nonexistent/libcuda.so.1")));
        assertEquals("no NVIDIA driver: /nonexistent/libcuda.so.1 (named by -Datomstack.cuda.driver) does not exist", missing.detail());
        Path notADriver = EmulatedDevice.libraries().nvrtc();
        Availability foreign = probe(CudaSettings.defaults().withDriver(notADriver));
        assertFalse(foreign.available());
        assertEquals("no usable NVIDIA driver: libcuda at " + notADriver + " lacks the function cuInit (a version too old for this backend?)",
            foreign.detail());
    }

    @Test
    void withoutCublasGemmFallsBackToTheKernelUnlessCublasIsRequired() {
        CudaSettings noCublas = EmulatedDevice.settings().withCublas(Path.of("/nonexistent/libcublas.so.13"));
        Availability a = probe(noCublas);
        assertTrue(a.available(), a.detail());
        assertTrue(a.detail().endsWith("; GEMM: atomstack kernel (/nonexistent/libcublas.so.13 (named by -Datomstack.cuda.cublas) does not exist)"),
            a.detail());
        try (Backend b = EmulatedDevice.open(noCublas)) {
            assertTrue(((CudaBackendInfo) b).gemmEngine().startsWith("atomstack kernel"));
        }
        Availability required = probe(noCublas.withGemm(CudaSettings.Gemm.CUBLAS));
        assertFalse(required.available());
        assertTrue(required.detail().startsWith("cuBLAS is required (-Datomstack.cuda.gemm=cublas) but unusable: "), required.detail());
        Availability disabled = probe(EmulatedDevice.settings().withGemm(CudaSettings.Gemm.KERNEL));
        assertTrue(disabled.detail().endsWith("; GEMM: atomstack kernel (-Datomstack.cuda.gemm=kernel)"), disabled.detail());
    }

    @Test
    void nvrtcCanBeForcedAndItsAbsenceIsReported() {
        CudaSettings nvrtc = EmulatedDevice.settings().withKernels(CudaSettings.Kernels.NVRTC);
        try (Backend b = EmulatedDevice.open(nvrtc)) {
            assertEquals("NVRTC 13.0 -> sm_90", ((CudaBackendInfo) b).kernelImage());
        }
        try (Backend b = EmulatedDevice.open(nvrtc.withDevice(1))) {
            assertEquals("NVRTC 13.0 -> sm_75", ((CudaBackendInfo) b).kernelImage());
        }
        Availability missing = probe(nvrtc.withNvrtc(Path.of("/nonexistent/libnvrtc.so.13")));
        assertFalse(missing.available());
        assertTrue(missing.detail().endsWith("-Datomstack.cuda.kernels=nvrtc, and NVRTC cannot compile them: "
            + "/nonexistent/libnvrtc.so.13 (named by -Datomstack.cuda.nvrtc) does not exist"), missing.detail());
    }

    @Test
    void openingAnUnavailableDeviceThrowsTheReason() {
        CudaPlatform p = CudaPlatforms.load(EmulatedDevice.settings().withDevice(7));
        IllegalStateException e = assertThrows(IllegalStateException.class, p::open);
        assertEquals("the cuda backend is unavailable: no CUDA device 7 (-Datomstack.cuda.device): the driver reports 3", e.getMessage());
    }
}
