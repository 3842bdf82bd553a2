package org.atomstack.backend.cuda.internal;

import java.util.Locale;

/**
 * Every kernel of atomstack_kernels.cu, by its {@code extern "C"} name. A module load resolves
 * all of them, so a missing kernel fails at open, not in the middle of a computation.
 */
enum Kernel {
    /** Fill with a 32-bit pattern. */
    FILL_B32,
    /** Fill with a 64-bit pattern. */
    FILL_B64,
    /** FLOAT64 to FLOAT32. */
    CAST_F64_F32,
    /** FLOAT32 to FLOAT64. */
    CAST_F32_F64,
    /** INT32 to FLOAT64. */
    CAST_I32_F64,
    /** INT32 to FLOAT32. */
    CAST_I32_F32,
    /** Strided copy of 4-byte elements. */
    COPY_B32,
    /** Strided copy of 8-byte elements. */
    COPY_B64,
    /** Unary op, FLOAT64. */
    UNARY_F64,
    /** Unary op, FLOAT32. */
    UNARY_F32,
    /** Broadcasting binary op, FLOAT64. */
    BINARY_F64,
    /** Broadcasting binary op, FLOAT32. */
    BINARY_F32,
    /** Sum over the middle axis of [outer, n, inner], FLOAT64. */
    SUM_AXIS_F64,
    /** Sum over the middle axis of [outer, n, inner], FLOAT32. */
    SUM_AXIS_F32,
    /** Chunked first pass of a long sum, FLOAT64. */
    SUM_CHUNKS_F64,
    /** Chunked first pass of a long sum, FLOAT32. */
    SUM_CHUNKS_F32,
    /** Strided (batched) matrix product without cuBLAS, FLOAT64. */
    GEMM_F64,
    /** Strided (batched) matrix product without cuBLAS, FLOAT32. */
    GEMM_F32,
    /** Row gather of 4-byte elements. */
    GATHER_B32,
    /** Row gather of 8-byte elements. */
    GATHER_B64,
    /** Deterministic segment sum, FLOAT64. */
    SCATTER_ADD_F64,
    /** Deterministic segment sum, FLOAT32. */
    SCATTER_ADD_F32,
    /** Fused radial basis, FLOAT64. */
    RADIAL_F64,
    /** Fused radial basis, FLOAT32 storage (double arithmetic). */
    RADIAL_F32,
    /** Fused sparse polynomial, FLOAT64. */
    POLY_F64,
    /** Fused sparse polynomial, FLOAT32. */
    POLY_F32;

    /** The symbol in the module. */
    String symbol() {
        return name().toLowerCase(Locale.ROOT);
    }
}
