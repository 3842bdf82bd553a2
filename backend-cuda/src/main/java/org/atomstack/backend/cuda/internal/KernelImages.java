package org.atomstack.backend.cuda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The device code this jar carries: the CUDA source (always, for NVRTC) and the images nvcc
 * built (listed in the resource {@code atomstack_kernels.images}: SASS for one real
 * architecture, PTX for one virtual architecture). Chooses the image a device can load: SASS
 * of the same major and no higher minor compute capability, else the highest PTX not above the
 * device (the driver JIT-compiles it). Immutable.
 */
final class KernelImages {
    /** The CUDA source resource, next to this class. */
    static final String SOURCE = "atomstack_kernels.cu";
    /** The index resource written by the build when nvcc ran. */
    static final String INDEX = "atomstack_kernels.images";

    /** Kind of a prebuilt image. */
    enum Kind {
        /** Machine code (cubin) for one real architecture. */
        SASS,
        /** PTX for one virtual architecture, compiled by the driver at load time. */
        PTX
    }

    /**
     * One prebuilt image.
     *
     * @param kind     SASS or PTX
     * @param arch     compute capability as major·10 + minor (90 for sm_90)
     * @param resource resource name next to this class
     */
    record Image(Kind kind, int arch, String resource) {
        /** "SASS sm_90" or "PTX compute_75". */
        @Override
        public String toString() {
            return kind == Kind.SASS ? "SASS sm_" + arch : "PTX compute_" + arch;
        }
    }

    private final List<Image> images;
    private final String compiler;

    /** Images with the compiler that built them ("" when unknown). */
    KernelImages(List<Image> images, String compiler) {
        this.images = List.copyOf(images);
        this.compiler = compiler;
    }

    /** The images bundled in this jar (none when it was built without nvcc). */
    static KernelImages bundled() {
        String index = text(INDEX);
        return index == null ? new KernelImages(List.of(), "") : parse(index);
    }

    /**
     * Parses an index: lines {@code compiler TEXT}, {@code sass ARCH RESOURCE},
     * {@code ptx ARCH RESOURCE}; '#' starts a comment.
     *
     * @throws IllegalArgumentException quoting a malformed line
     */
    static KernelImages parse(String index) {
        List<Image> images = new ArrayList<>();
        String compiler = "";
        for (String raw : index.split("\n")) {
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+", 3);
            if (f[0].equals("compiler")) {
                compiler = f.length > 1 ? line.substring("compiler".length()).strip() : "";
                continue;
            }
            if (f.length != 3 || !(f[0].equals("sass") || f[0].equals("ptx")) || !f[1].matches("\\d{2,3}")) {
                throw new IllegalArgumentException("malformed line in " + INDEX + ": '" + raw + "'");
            }
            images.add(new Image(f[0].equals("sass") ? Kind.SASS : Kind.PTX, Integer.parseInt(f[1]), f[2]));
        }
        return new KernelImages(images, compiler);
    }

    /** All images. */
    List<Image> images() {
        return images;
    }

    /** The nvcc that built them, e.g. "Cuda compilation tools, release 13.0, V13.0.88"; "" if unknown. */
    String compiler() {
        return compiler;
    }

    /** The image for a device of compute capability {@code major.minor}, if one fits. */
    Optional<Image> choose(int major, int minor) {
        int cc = major * 10 + minor;
        Optional<Image> sass = images.stream()
            .filter(i -> i.kind() == Kind.SASS && i.arch() / 10 == major && i.arch() % 10 <= minor)
            .max(Comparator.comparingInt(Image::arch));
        if (sass.isPresent()) {
            return sass;
        }
        return images.stream().filter(i -> i.kind() == Kind.PTX && i.arch() <= cc).max(Comparator.comparingInt(Image::arch));
    }

    /** "SASS sm_90, PTX compute_75" or "none". */
    String describe() {
        return images.isEmpty() ? "none" : images.stream().map(Image::toString).collect(Collectors.joining(", "));
    }

    /** The lowest compute capability (major·10 + minor) some image runs on, or -1 without images. */
    int lowestArch() {
        return images.stream().mapToInt(Image::arch).min().orElse(-1);
    }

    /** The bytes of an image, NUL-terminated when it is PTX text (as cuModuleLoadData wants). */
    static byte[] read(Image image) {
        byte[] b = bytes(image.resource());
        if (b == null) {
            throw new IllegalStateException("kernel image " + image.resource() + " is listed in " + INDEX + " but missing from the jar");
        }
        if (image.kind() == Kind.PTX) {
            byte[] z = new byte[b.length + 1];
            System.arraycopy(b, 0, z, 0, b.length);
            return z;
        }
        return b;
    }

    /** The CUDA source of the kernels. */
    static String source() {
        String s = text(SOURCE);
        if (s == null) {
            throw new IllegalStateException("the kernel source " + SOURCE + " is missing from the backend-cuda jar");
        }
        return s;
    }

    private static String text(String resource) {
        byte[] b = bytes(resource);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = KernelImages.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource + " from the backend-cuda jar", e);
        }
    }
}
