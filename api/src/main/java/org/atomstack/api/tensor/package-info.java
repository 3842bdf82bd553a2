/**
 * Device tensors and the fixed operation set every backend implements: {@link
 * org.atomstack.api.tensor.Tensor}, {@link org.atomstack.api.tensor.Shape}, {@link
 * org.atomstack.api.tensor.DType} and {@link org.atomstack.api.tensor.TensorOps} (creation,
 * shape operations, broadcasting element-wise functions, reductions, matrix products,
 * gather/scatter-add and the fused radial-basis and sparse-polynomial kernels), and {@link
 * org.atomstack.api.tensor.OpShapes}, the operand checks and result shapes backends share.
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.api.tensor;
