package org.atomstack.assembly.internal.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.PrintWriter;
import org.atomstack.assembly.internal.wiring.AtomstackModule;
import org.atomstack.assembly.internal.wiring.Lifecycle;
import org.atomstack.assembly.internal.wiring.RuntimeOptions;
import picocli.CommandLine;

/**
 * Entry point of the {@code atomstack} command. Builds the Guice injector, lets picocli create
 * commands through it, runs the command, closes opened resources and exits with its status:
 * 0 success, 1 a failure (the message names file, record, plugin or parameter), 2 bad usage.
 */
public final class Main {
    private Main() {
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        if (hasVerbose(args)) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        int status;
        try (Lifecycle lifecycle = new Lifecycle()) {
            status = run(AtomstackModule.discovering(new RuntimeOptions(), lifecycle), args,
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        }
        System.exit(status);
    }

    /**
     * Runs one command line with the given wiring and streams; does not exit (for tests).
     *
     * @return the exit status
     */
    public static int run(Module wiring, String[] args, PrintWriter out, PrintWriter err) {
        Injector injector = Guice.createInjector(wiring);
        CommandLine cli = new CommandLine(AtomstackCommand.class, new GuiceFactory(injector));
        cli.setOut(out);
        cli.setErr(err);
        boolean verbose = hasVerbose(args);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + message(e));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 1;
        });
        return cli.execute(stripVerbose(args));
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            m = "no such file: " + m;
        }
        return m;
    }

    private static boolean hasVerbose(String[] args) {
        for (String a : args) {
            if (a.equals("--verbose") || a.equals("-v")) {
                return true;
            }
        }
        return false;
    }

    private static String[] stripVerbose(String[] args) {
        return java.util.Arrays.stream(args).filter(a -> !a.equals("--verbose") && !a.equals("-v")).toArray(String[]::new);
    }
}
