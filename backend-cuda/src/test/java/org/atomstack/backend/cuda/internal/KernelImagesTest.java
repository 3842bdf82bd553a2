package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel images: the index format, the choice of image per compute capability, and (when the
 * build ran nvcc) that the bundled PTX and cubin are well formed and define every kernel.
 */
class KernelImagesTest {
    private static final KernelImages SAMPLE = KernelImages.parse("""
        # comment
        compiler Cuda compilation tools, release 13.0, V13.0.88
        sass 90 a.sm_90.cubin
        sass 80 a.sm_80.cubin
        ptx 75 a.compute_75.ptx
        """);

    @Test
    void parsesTheIndex() {
        assertEquals(3, SAMPLE.images().size());
        assertEquals("Cuda compilation tools, release 13.0, V13.0.88", SAMPLE.compiler());
        assertEquals("SASS sm_90, SASS sm_80, PTX compute_75", SAMPLE.describe());
        assertEquals(75, SAMPLE.lowestArch());
        assertThrows(IllegalArgumentException.class, () -> KernelImages.parse("sass ninety x.cubin"));
        assertThrows(IllegalArgumentException.class, () -> KernelImages.parse("fatbin 90 x.fatbin"));
    }

    @Test
    void sassOfTheSameMajorAndNoHigherMinorWinsElseTheHighestPtxNotAboveTheDevice() {
        assertEquals("SASS sm_90", SAMPLE.choose(9, 0).orElseThrow().toString());
        assertEquals("SASS sm_80", SAMPLE.choose(8, 6).orElseThrow().toString());
        assertEquals("SASS sm_80", SAMPLE.choose(8, 9).orElseThrow().toString());
        assertEquals("PTX compute_75", SAMPLE.choose(7, 5).orElseThrow().toString());
        assertEquals("PTX compute_75", SAMPLE.choose(10, 0).orElseThrow().toString());
        assertEquals("PTX compute_75", SAMPLE.choose(12, 0).orElseThrow().toString());
        assertEquals(Optional.empty(), SAMPLE.choose(7, 0));
        assertEquals(Optional.empty(), SAMPLE.choose(6, 1));
        assertEquals(Optional.empty(), new KernelImages(List.of(), "").choose(9, 0));
    }

    @Test
    void theSourceTravelsInTheJarAndIncludesNothingOnTheDevicePath() {
        String source = KernelImages.source();
        assertTrue(source.contains("extern \"C\" __global__"), "kernels must be extern \"C\" for cuModuleGetFunction");
        String devicePath = source.replaceAll("(?s)#ifdef ATOMSTACK_HOST_EMULATION.*?#else", "");
        assertFalse(java.util.regex.Pattern.compile("(?m)^\\s*#\\s*include").matcher(devicePath).find(),
            "NVRTC compiles the source without headers");
    }

    @Test
    void bundledPtxIsWellFormedAndDefinesEveryKernel() {
        KernelImages.Image ptx = bundled(KernelImages.Kind.PTX);
        byte[] bytes = KernelImages.read(ptx);
        assertEquals(0, bytes[bytes.length - 1], "PTX is handed to the driver NUL-terminated");
        String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*\\n\\.version \\d+\\.\\d+\\n.*"), "no .version directive");
        assertTrue(text.contains("\n.target sm_" + ptx.arch() + "\n"), "PTX for compute_" + ptx.arch() + " must target sm_" + ptx.arch());
        assertTrue(text.contains("\n.address_size 64\n"), "64-bit addressing");
        for (Kernel k : Kernel.values()) {
            assertTrue(text.contains(".visible .entry " + k.symbol() + "("), "PTX lacks kernel " + k.symbol());
        }
        assertTrue(bytes.length < 8 << 20, "PTX should stay small: " + bytes.length + " bytes");
    }

    @Test
    void bundledCubinIsACudaElfDefiningEveryKernel() {
        KernelImages.Image sass = bundled(KernelImages.Kind.SASS);
        byte[] bytes = KernelImages.read(sass);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x464c457f, b.getInt(0), "ELF magic");
        assertEquals(2, bytes[4], "64-bit ELF");
        assertEquals(190, b.getShort(18), "e_machine EM_CUDA");
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        for (Kernel k : Kernel.values()) {
            assertTrue(all.contains(k.symbol() + "\0"), "cubin lacks kernel " + k.symbol());
        }
        assertTrue(bytes.length < 8 << 20, "cubin should stay small: " + bytes.length + " bytes");
    }

    private static KernelImages.Image bundled(KernelImages.Kind kind) {
        KernelImages images = KernelImages.bundled();
        Optional<KernelImages.Image> image = images.images().stream().filter(i -> i.kind() == kind).findFirst();
        Assumptions.assumeTrue(image.isPresent(), "this build ran without nvcc: the jar carries no prebuilt " + kind + " image");
        return image.get();
    }
}
