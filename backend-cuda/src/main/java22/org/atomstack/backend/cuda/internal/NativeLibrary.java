package org.atomstack.backend.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A shared library opened with the foreign-function API, and downcall handles to its
 * functions. Libraries are opened in the global arena (never unloaded: unloading a CUDA driver
 * while contexts may exist is unsafe). Immutable and thread-safe.
 */
final class NativeLibrary {
    private static final Linker LINKER = Linker.nativeLinker();

    private final String label;
    private final Path path;
    private final SymbolLookup lookup;

    private NativeLibrary(String label, Path path, SymbolLookup lookup) {
        this.label = label;
        this.path = path;
        this.lookup = lookup;
    }

    /**
     * Opens the library at {@code path}; {@code label} ("libcuda") names it in messages.
     *
     * @throws LibraryException when the dynamic loader refuses it
     */
    static NativeLibrary open(String label, Path path) {
        try {
            return new NativeLibrary(label, path, SymbolLookup.libraryLookup(path, Arena.global()));
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new LibraryException(label + " at " + path + " could not be loaded: " + e.getMessage(), e);
        }
    }

    /** The library file. */
    Path path() {
        return path;
    }

    /**
     * A downcall handle to the first of {@code names} the library exports.
     *
     * @throws LibraryException naming the first name when none is exported
     */
    MethodHandle function(FunctionDescriptor descriptor, String... names) {
        return optional(descriptor, names).orElseThrow(() -> new LibraryException(label + " at " + path + " lacks the function "
            + String.join(" / ", names) + " (a version too old for this backend?)"));
    }

    /** A downcall handle to the first of {@code names} the library exports, if any. */
    Optional<MethodHandle> optional(FunctionDescriptor descriptor, String... names) {
        for (String name : names) {
            Optional<MemorySegment> symbol = lookup.find(name);
            if (symbol.isPresent()) {
                return Optional.of(LINKER.downcallHandle(symbol.get(), descriptor));
            }
        }
        return Optional.empty();
    }

    /** Rethrows what a downcall handle threw: unchecked as is, anything else wrapped. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }

    /** A library that cannot be opened or lacks a function; the message says which and why. */
    static final class LibraryException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        LibraryException(String message) {
            super(message);
        }

        LibraryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
