package org.atomstack.assembly.internal.cli;

/** Entry point of the {@code atomstack} command. */
public final class Main {
    private Main() {
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        System.exit(0);
    }
}
