package org.atomstack.backend.cuda.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs this module's GPU tests without Maven, for a GPU machine that has a JVM but no build
 * tool chain: the contract suites in both dtypes, the device checks and the provider test, with
 * {@code -Datomstack.cuda=required} unless set otherwise, so an unavailable GPU fails with the
 * reason instead of skipping. With the argument {@code all} it runs every test of the module.
 * Prints the summary and the failures; exits 0 only when tests ran and none failed.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED \
 *   -cp 'target/test-classes:target/classes:target/classes/META-INF/versions/22:target/gpu-tests/lib/*' \
 *   org.atomstack.backend.cuda.internal.GpuTests
 * }</pre>
 */
final class GpuTests {
    private GpuTests() {
    }

    /**
     * Runs the tests.
     *
     * @param args empty for the GPU tests, {@code all} for every test of the module
     */
    public static void main(String[] args) {
        if (System.getProperty("atomstack.cuda") == null) {
            System.setProperty("atomstack.cuda", "required");
        }
        List<DiscoverySelector> selectors = args.length > 0 && args[0].equals("all")
            ? List.of(selectPackage(GpuTests.class.getPackageName()))
            : List.of(selectClass(CudaBackendProviderTest.class), selectClass(CudaFloat64ContractTest.class),
                selectClass(CudaFloat32ContractTest.class), selectClass(CudaDeviceChecksTest.class));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        summary.printTo(out);
        summary.printFailuresTo(out, 25);
        out.flush();
        boolean ok = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
        System.exit(ok ? 0 : 1);
    }
}
