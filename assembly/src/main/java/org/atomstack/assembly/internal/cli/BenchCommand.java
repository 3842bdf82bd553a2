package org.atomstack.assembly.internal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.internal.bench.DescriptorTiming;
import org.atomstack.assembly.internal.stack.AssembledStack;
import org.atomstack.assembly.internal.stack.StackAssembler;
import org.atomstack.assembly.internal.stack.StackFiles;
import org.atomstack.assembly.internal.stack.StackSpec;
import org.atomstack.assembly.io.DataFiles;
import org.atomstack.api.tensor.DType;
import org.atomstack.assembly.internal.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atomstack bench}: backend GEMM GFLOP/s (vs a triple loop) and edge-kernel throughput. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the compute backend: GEMM GFLOP/s against plain triple loops (i-j-k and i-k-j) in the same process, "
        + "and per-edge kernel throughput (radial basis, sparse polynomials).")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--dtype", defaultValue = "float64", paramLabel = "float64|float32", description = "Element type (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--sizes", split = ",", defaultValue = "128,256,512,1024", paramLabel = "N,...",
        description = "Square GEMM sizes (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--edges", defaultValue = "200000", description = "Edges per kernel call (default ${DEFAULT-VALUE}).")
    int edges;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats per case; the median is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--stack", paramLabel = "STACK.yaml",
        description = "Also time the stack's descriptor: featurisation in µs/atom, values only and with gradients, on --data.")
    Path stack;

    @Option(names = "--data", paramLabel = "FILE", description = "Structures for --stack (e.g. a test set).")
    Path data;

    /** @param registry the plugin registry (for --stack) */
    @Inject
    public BenchCommand(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    private final Provider<PluginRegistry> registry;

    @Override
    public Integer call() throws Exception {
        DType type = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float64" -> DType.FLOAT64;
            case "float32" -> DType.FLOAT32;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--dtype must be float64 or float32, got '" + dtype + "'");
        };
        if ((stack == null) != (data == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stack and --data go together");
        }
        PrintWriter out = spec.commandLine().getOut();
        Backend backend = backendOptions.open(spec.commandLine().getErr());
        List<DescriptorTiming.Result> featurisation = new ArrayList<>();
        if (stack != null) {
            StackSpec s = StackFiles.read(stack);
            Dataset d = DataFiles.read(data);
            AssembledStack a = new StackAssembler(registry.get()).assemble(s, d.species(), backend);
            Descriptor descriptor = a.descriptor().orElseThrow(() -> new IllegalArgumentException("stack " + stack + " has no descriptor stage"));
            featurisation = DescriptorTiming.measure(descriptor, d, repeats);
        }
        if (!backend.dtypes().contains(type)) {
            throw new IllegalArgumentException("backend " + backend.id() + " does not support " + type + " (supports " + backend.dtypes() + ")");
        }
        Benchmarks b = new Benchmarks(backend, type, 2, repeats);
        List<Benchmarks.GemmResult> gemm = new ArrayList<>();
        for (int n : sizes) {
            gemm.add(b.gemm(n, n, n, 512L * 512 * 512));
        }
        // shapes of the per-edge / per-atom layers of the neural models: many rows, narrow features
        gemm.add(b.gemm(edges, 64, 64, 0));
        gemm.add(b.gemm(edges / 8, 128, 128, 0));
        List<Benchmarks.KernelResult> kernels = new ArrayList<>(b.radial(edges));
        kernels.addAll(b.polynomial(edges, 3));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("backend", backend.id());
            doc.put("device", backend.device());
            doc.put("dtype", type.name().toLowerCase(Locale.ROOT));
            doc.put("gemm", gemm);
            doc.put("kernels", kernels);
            doc.put("featurisation", featurisation);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            out.printf(Locale.ROOT, "backend %s on %s, %s, median of %d runs%n%n", backend.id(), backend.device(),
                type.name().toLowerCase(Locale.ROOT), repeats);
            Table.print(out, List.of("GEMM", "GFLOP/s", "IJK LOOP", "SPEEDUP", "IKJ LOOP", "SPEEDUP"), gemm.stream().map(g -> List.of(g.shape(),
                String.format(Locale.ROOT, "%.2f", g.gflops()),
                fmt("%.2f", g.naiveGflops()), fmt("%.1fx", g.speedup()),
                fmt("%.2f", g.ikjGflops()), fmt("%.1fx", g.speedupIkj()))).toList());
            out.println();
            Table.print(out, List.of("KERNEL", "EDGES", "OUTPUTS/EDGE", "M EDGES/s"), kernels.stream().map(k -> List.of(k.kernel(),
                Integer.toString(k.edges()), Integer.toString(k.outputs()),
                String.format(Locale.ROOT, "%.2f", k.edgesPerSecond() / 1e6))).toList());
            if (!featurisation.isEmpty()) {
                out.println();
                out.printf(Locale.ROOT, "descriptor of %s (%d features) on %s%n", stack, featurisation.get(0).features(), data);
                Table.print(out, List.of("FEATURISATION", "THREADS", "µs/ATOM"), featurisation.stream().map(f -> List.of(f.what(),
                    Integer.toString(f.threads()), String.format(Locale.ROOT, "%.1f", f.microsecondsPerAtom()))).toList());
            }
        }
        out.flush();
        return 0;
    }

    private static String fmt(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
    }
}
