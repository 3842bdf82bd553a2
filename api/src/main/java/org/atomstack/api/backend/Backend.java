package org.atomstack.api.backend;

import java.util.Set;

/**
 * An open compute backend. Thread-safe. {@link #close()} releases its device resources
 * deterministically; using it afterwards throws {@link IllegalStateException}.
 */
public interface Backend extends AutoCloseable {
    /** Id of the provider, e.g. "cpu" or "cuda". */
    String id();

    /** Human-readable device description (e.g. "2 CPU threads"). */
    String device();

    /** Element types supported. */
    Set<DType> dtypes();

    /** Releases resources; idempotent. */
    @Override
    void close();
}
