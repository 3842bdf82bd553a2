package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The Java side's operation codes ({@link OpCodes}) and kernel names ({@link Kernel}) agree with
 * the enums and kernels of atomstack_kernels.cu, read from the source that the jar carries.
 */
class OpCodesTest {
    private static final String SOURCE = KernelImages.source();

    @Test
    void unaryCodesMatchTheKernelEnum() {
        Map<String, Integer> java = new TreeMap<>();
        for (UnaryOp op : UnaryOp.values()) {
            java.put(op.name(), OpCodes.unary(op));
        }
        assertEquals(codes("U_"), java);
    }

    @Test
    void binaryCodesMatchTheKernelEnum() {
        Map<String, Integer> java = new TreeMap<>();
        for (BinaryOp op : BinaryOp.values()) {
            java.put(op.name(), OpCodes.binary(op));
        }
        assertEquals(codes("B_"), java);
    }

    @Test
    void radialCodesMatchTheKernelEnum() {
        Map<String, Integer> java = new TreeMap<>();
        for (RadialBasis.Kind k : RadialBasis.Kind.values()) {
            java.put(k.name(), OpCodes.radial(k));
        }
        assertEquals(codes("R_"), java);
    }

    @Test
    void everyKernelIsDefinedInTheSourceAndNothingElseIs() {
        Map<String, Boolean> declared = new TreeMap<>();
        Matcher m = Pattern.compile("^AS_(?:COPY|UNARY|BINARY|SUM_AXIS|SUM_CHUNKS|GEMM|GATHER|SCATTER_ADD|RADIAL|POLY)\\((\\w+),", Pattern.MULTILINE)
            .matcher(SOURCE);
        while (m.find()) {
            declared.put(m.group(1), true);
        }
        Matcher direct = Pattern.compile("^AS_GLOBAL void (\\w+)\\(", Pattern.MULTILINE).matcher(SOURCE);
        while (direct.find()) {
            declared.put(direct.group(1), true);
        }
        Map<String, Boolean> java = new TreeMap<>();
        for (Kernel k : Kernel.values()) {
            java.put(k.symbol(), true);
        }
        assertEquals(declared, java);
    }

    @Test
    void theEmulatedDriverRegistersEveryKernel() throws IOException {
        Path emulator = Path.of(System.getProperty("atomstack.cuda.emulator.sources", "src/test/native"), "emulated_driver.cpp");
        String text = Files.readString(emulator);
        Map<String, Boolean> registered = new TreeMap<>();
        Matcher m = Pattern.compile("EMU_KERNEL\\((\\w+)\\)").matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("name")) {
                registered.put(m.group(1), true);
            }
        }
        Map<String, Boolean> java = new TreeMap<>();
        for (Kernel k : Kernel.values()) {
            java.put(k.symbol(), true);
        }
        assertEquals(java, registered);
    }

    /** name (without prefix) -> value of the enumerators {@code PREFIX NAME = value} in the source. */
    private static Map<String, Integer> codes(String prefix) {
        Map<String, Integer> out = new TreeMap<>();
        Matcher m = Pattern.compile("\\b" + prefix + "([A-Z_]+) = (\\d+)").matcher(SOURCE);
        while (m.find()) {
            out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }
}
