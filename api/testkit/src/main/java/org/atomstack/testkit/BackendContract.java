package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.atomstack.api.autodiff.GradCheck;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.tensor.TensorScope;
import org.atomstack.api.tensor.UnaryOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract every compute backend must pass, for one floating dtype. Subclass it once per dtype
 * the backend declares:
 *
 * <pre>{@code
 * class CpuFloat32ContractTest extends BackendContract {
 *     protected Backend backend() { return new CpuBackendProvider().open(); }
 *     protected DType dtype() { return DType.FLOAT32; }
 * }
 * }</pre>
 *
 * <p>Checks every {@link TensorOps} operation against a straightforward host reference
 * (broadcasting, transposed and batched products, empty and size-1 edge cases, repeated
 * indices, radial bases and their r-derivatives, sparse polynomials), every differentiable
 * {@link Graph} operation to first and second order through {@link GradCheck} (analytic
 * derivatives in the dtype under test against float64 finite differences on the same
 * backend), and the lifecycle rules: closed tensors and closed backends are rejected, operands
 * of another backend or of another dtype are rejected with a message, and a closed graph leaves
 * no tensor open. Tolerances scale with the dtype ({@link #tolerance()},
 * {@link #gradientTolerance()}).
 *
 * <p>The backend is opened once per test class and closed after all tests; tests run
 * sequentially on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract {
    private Backend ops;
    private TensorScope scope;

    /** For subclasses. */
    protected BackendContract() {
    }

    /**
     * Opens a new instance of the backend under test; the contract opens one for the whole
     * class, and opens more for the cross-backend and closed-backend tests (closing them).
     *
     * @return a newly opened backend, owned by the caller
     */
    protected abstract Backend backend();

    /**
     * The floating dtype under test.
     *
     * @return a floating dtype in {@link TensorOps#dtypes()}
     */
    protected abstract DType dtype();

    /**
     * Relative tolerance of forward values (error allowed: tolerance · (1 + magnitude), the
     * magnitude being |value| or, for sums and products, the sum of the absolute terms).
     *
     * @return 1e-5 for FLOAT32, 1e-12 otherwise; override to loosen for a device
     */
    protected double tolerance() {
        return dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
    }

    /**
     * Tolerance of {@link GradCheck} results (its error is relative to 1 + |numeric|).
     *
     * @return 2e-3 for FLOAT32, 1e-6 otherwise
     */
    protected double gradientTolerance() {
        return dtype() == DType.FLOAT32 ? 2e-3 : 1e-6;
    }

    @BeforeAll
    final void openBackend() {
        ops = backend();
    }

    @AfterAll
    final void closeBackend() {
        if (ops != null) {
            ops.close();
        }
    }

    @BeforeEach
    final void openScope() {
        scope = new TensorScope();
    }

    @AfterEach
    final void closeScope() {
        scope.close();
    }

    // ================================================================== creation and transfer

    @Test
    void declaresTheDtypeUnderTestAndDescribesItsDevice() {
        assertTrue(ops.dtypes().contains(dtype()), ops.id() + " must declare " + dtype() + ", declares " + ops.dtypes());
        assertTrue(dtype().floating(), "the dtype under test must be floating");
        assertFalse(ops.id().isBlank(), "id");
        assertFalse(ops.device().isBlank(), "device");
    }

    @Test
    void fromDoublesRoundsToTheDtypeAndRoundTrips() {
        double[] data = {0.1, -2.5, 1e-3, 3.0e5, 0, 1.0 / 3};
        Tensor t = track(ops.fromDoubles(data, dtype(), Shape.of(2, 3)));
        assertEquals(Shape.of(2, 3), t.shape());
        assertEquals(dtype(), t.dtype());
        assertArrayEquals(round(data), t.toDoubles());
        assertEquals(ops, t.ops());
    }

    @Test
    void fromDoublesRejectsALengthThatDoesNotMatchTheShape() {
        assertThrows(IllegalArgumentException.class, () -> track(ops.fromDoubles(new double[5], dtype(), Shape.of(2, 3))));
    }

    @Test
    void fromIntsRoundTripsThroughToInts() {
        int[] data = {3, -1, 0, 7};
        Tensor t = track(ops.fromInts(data, Shape.of(4)));
        assertEquals(DType.INT32, t.dtype());
        assertArrayEquals(data, ops.toInts(t));
        assertArrayEquals(new double[] {3, -1, 0, 7}, ops.toDoubles(t));
    }

    @Test
    void fullFillsEveryElementIncludingScalars() {
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5, 2.5, 2.5}, track(ops.full(Shape.of(3, 2), dtype(), 2.5)).toDoubles());
        Tensor s = track(ops.full(Shape.scalar(), dtype(), -4));
        assertEquals(0, s.shape().rank());
        assertEquals(-4, s.item());
        assertEquals(0, track(ops.full(Shape.of(0, 4), dtype(), 1)).toDoubles().length);
    }

    @Test
    void castConvertsBetweenFloatingDtypes() {
        double[] data = {0.1, -1.0 / 3, 12345.678};
        for (DType other : ops.dtypes()) {
            if (!other.floating()) {
                continue;
            }
            Tensor src = t(data, 3);
            Tensor c = track(ops.cast(src, other));
            assertEquals(other, c.dtype());
            double[] expected = Arrays.stream(round(data)).map(v -> other == DType.FLOAT32 ? (float) v : v).toArray();
            assertArrayEquals(expected, c.toDoubles(), dtype() + " -> " + other);
        }
    }

    // ================================================================== shape operations

    @Test
    void reshapeKeepsRowMajorOrderAndRejectsASizeChange() {
        double[] data = random(24, 1, -1, 1);
        Tensor r = track(ops.reshape(t(data, 2, 3, 4), Shape.of(4, 6)));
        assertEquals(Shape.of(4, 6), r.shape());
        assertArrayEquals(data, r.toDoubles());
        assertThrows(IllegalArgumentException.class, () -> track(ops.reshape(t(data, 2, 3, 4), Shape.of(5, 5))));
    }

    @ParameterizedTest(name = "perm {0}")
    @CsvSource({"'1,0'", "'0,1,2'", "'2,0,1'", "'1,2,0'", "'0,2,1'", "'2,1,0'"})
    void transposePermutesAxes(String permText) {
        int[] perm = Arrays.stream(permText.split(",")).mapToInt(Integer::parseInt).toArray();
        int[] dims = perm.length == 2 ? new int[] {3, 5} : new int[] {2, 3, 4};
        double[] data = random(prod(dims), 2, -1, 1);
        Tensor out = track(ops.transpose(t(data, dims), perm));
        int[] od = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            od[i] = dims[perm[i]];
        }
        assertEquals(Shape.of(od), out.shape());
        double[] expected = new double[data.length];
        int[] inStrides = strides(dims);
        int[] idx = new int[od.length];
        for (int flat = 0; flat < expected.length; flat++) {
            unravel(flat, od, idx);
            int src = 0;
            for (int i = 0; i < od.length; i++) {
                src += idx[i] * inStrides[perm[i]];
            }
            expected[flat] = data[src];
        }
        assertArrayEquals(expected, out.toDoubles());
    }

    @Test
    void transposeRejectsSomethingThatIsNotAPermutation() {
        Tensor x = t(random(6, 3, -1, 1), 2, 3);
        assertThrows(IllegalArgumentException.class, () -> track(ops.transpose(x, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> track(ops.transpose(x, 0, 1, 2)));
    }

    @Test
    void sliceSelectsARangeAlongEveryAxisIncludingAnEmptyOne() {
        int[] dims = {3, 4, 5};
        double[] data = random(60, 4, -1, 1);
        Tensor x = t(data, dims);
        int[][] ranges = {{1, 3}, {0, 4}, {2, 2}, {4, 5}};
        for (int axis = 0; axis < 3; axis++) {
            for (int[] r : ranges) {
                if (r[1] > dims[axis]) {
                    continue;
                }
                Tensor s = track(ops.slice(x, axis, r[0], r[1]));
                int[] od = dims.clone();
                od[axis] = r[1] - r[0];
                assertEquals(Shape.of(od), s.shape());
                double[] expected = new double[prod(od)];
                int[] idx = new int[3];
                int[] st = strides(dims);
                for (int flat = 0; flat < expected.length; flat++) {
                    unravel(flat, od, idx);
                    idx[axis] += r[0];
                    expected[flat] = data[idx[0] * st[0] + idx[1] * st[1] + idx[2] * st[2]];
                }
                assertArrayEquals(expected, s.toDoubles(), "axis " + axis + " range " + Arrays.toString(r));
            }
        }
    }

    @Test
    void concatJoinsPartsOfDifferentLengthsAlongEveryAxis() {
        for (int axis = 0; axis < 3; axis++) {
            int[][] partDims = new int[3][];
            List<Tensor> parts = new ArrayList<>();
            List<double[]> datas = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int[] d = {2, 3, 2};
                d[axis] = p + 1;
                partDims[p] = d;
                double[] data = random(prod(d), 10 + p, -1, 1);
                datas.add(data);
                parts.add(t(data, d));
            }
            Tensor c = track(ops.concat(parts, axis));
            int[] od = {2, 3, 2};
            od[axis] = 6;
            assertEquals(Shape.of(od), c.shape());
            double[] expected = new double[prod(od)];
            int[] idx = new int[3];
            for (int flat = 0; flat < expected.length; flat++) {
                unravel(flat, od, idx);
                int p = 0;
                int at = idx[axis];
                while (at >= partDims[p][axis]) {
                    at -= partDims[p][axis];
                    p++;
                }
                int[] local = idx.clone();
                local[axis] = at;
                int[] st = strides(partDims[p]);
                expected[flat] = datas.get(p)[local[0] * st[0] + local[1] * st[1] + local[2] * st[2]];
            }
            assertArrayEquals(expected, c.toDoubles(), "axis " + axis);
        }
    }

    @Test
    void concatRejectsPartsThatDifferOffTheAxis() {
        Tensor a = t(random(6, 5, -1, 1), 2, 3);
        Tensor b = t(random(8, 6, -1, 1), 2, 4);
        assertThrows(IllegalArgumentException.class, () -> track(ops.concat(List.of(a, b), 0)));
    }

    @Test
    void broadcastToRepeatsAlongNewAndUnitAxes() {
        int[][][] cases = {{{3}, {2, 3}}, {{2, 1, 3}, {2, 4, 3}}, {{}, {2, 2}}, {{1, 1}, {3, 2}}, {{4}, {4}}, {{3, 1}, {0, 3, 5}}};
        for (int[][] c : cases) {
            double[] data = random(prod(c[0]), 7, -1, 1);
            Tensor b = track(ops.broadcastTo(t(data, c[0]), Shape.of(c[1])));
            assertEquals(Shape.of(c[1]), b.shape());
            assertArrayEquals(broadcastHost(data, c[0], c[1]), b.toDoubles(), Arrays.toString(c[0]) + " -> " + Arrays.toString(c[1]));
        }
        assertThrows(IllegalArgumentException.class, () -> track(ops.broadcastTo(t(random(3, 8, -1, 1), 3), Shape.of(2, 4))));
    }

    @Test
    void sumToReducesTheBroadcastAxes() {
        int[] in = {2, 3, 4};
        double[] data = random(24, 9, -1, 1);
        int[][] targets = {{3, 1}, {1, 4}, {}, {2, 3, 4}, {2, 1, 4}, {4}, {1, 1, 1}, {3, 4}};
        for (int[] target : targets) {
            Tensor s = track(ops.sumTo(t(data, in), Shape.of(target)));
            assertEquals(Shape.of(target), s.shape());
            double[][] ref = sumToHost(data, in, target);
            check("sumTo " + Arrays.toString(target), ref[0], ref[1], s.toDoubles());
        }
        assertThrows(IllegalArgumentException.class, () -> track(ops.sumTo(t(data, in), Shape.of(2, 4))));
    }

    // ================================================================== element-wise

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnaryOp.class)
    void unaryMatchesTheHostFunction(UnaryOp op) {
        double[] x = unaryDomain(op, 40, 11);
        Tensor y = track(ops.unary(op, t(x, 5, 8)));
        assertEquals(Shape.of(5, 8), y.shape());
        double[] expected = Arrays.stream(x).map(hostUnary(op)).toArray();
        check(op.toString(), expected, abs(expected), y.toDoubles());
    }

    @Test
    void unaryOfAnEmptyTensorIsEmpty() {
        Tensor y = track(ops.unary(UnaryOp.EXP, t(new double[0], 0, 3)));
        assertEquals(Shape.of(0, 3), y.shape());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryOp.class)
    void binaryMatchesTheHostFunctionWithNumpyBroadcasting(BinaryOp op) {
        int[][][] shapes = {
            {{2, 3}, {2, 3}}, {{2, 3, 4}, {4}}, {{2, 1, 4}, {3, 1}}, {{}, {2, 3}}, {{3, 1}, {}}, {{}, {}},
            {{0, 3}, {3}}, {{1}, {5}}, {{4, 1}, {1, 5}}, {{2, 3, 1}, {2, 1, 4}}, {{300, 257}, {257}}};
        long seed = 20;
        for (int[][] s : shapes) {
            double[] a = binaryDomain(op, prod(s[0]), seed++, true);
            double[] b = binaryDomain(op, prod(s[1]), seed++, false);
            Tensor c = track(ops.binary(op, t(a, s[0]), t(b, s[1])));
            int[] out = broadcastDims(s[0], s[1]);
            assertEquals(Shape.of(out), c.shape(), Arrays.toString(s[0]) + " " + op + " " + Arrays.toString(s[1]));
            double[] ab = broadcastHost(a, s[0], out);
            double[] bb = broadcastHost(b, s[1], out);
            double[] expected = new double[ab.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = hostBinary(op, ab[i], bb[i]);
            }
            check(Arrays.toString(s[0]) + " " + op + " " + Arrays.toString(s[1]), expected, abs(expected), c.toDoubles());
        }
    }

    @Test
    void binaryRejectsShapesThatDoNotBroadcast() {
        Tensor a = t(random(6, 30, -1, 1), 2, 3);
        Tensor b = t(random(4, 31, -1, 1), 4);
        assertThrows(IllegalArgumentException.class, () -> track(ops.binary(BinaryOp.ADD, a, b)));
    }

    // ================================================================== reductions

    @Test
    void sumOverEveryAxisWithAndWithoutKeptDimensions() {
        int[] dims = {3, 4, 5};
        double[] data = random(60, 40, -1, 1);
        for (int axis = 0; axis < 3; axis++) {
            for (boolean keep : new boolean[] {false, true}) {
                Tensor s = track(ops.sum(t(data, dims), axis, keep));
                int[] target = dims.clone();
                target[axis] = 1;
                double[][] ref = sumToHost(data, dims, target);
                int[] od = keep ? target : removeAxis(dims, axis);
                assertEquals(Shape.of(od), s.shape(), "axis " + axis + " keepDims " + keep);
                check("sum axis " + axis, ref[0], ref[1], s.toDoubles());
            }
        }
    }

    @Test
    void sumOverAnEmptyAxisIsZeroAndOverARank1TensorIsAScalar() {
        Tensor s = track(ops.sum(t(new double[0], 2, 0, 3), 1, false));
        assertEquals(Shape.of(2, 3), s.shape());
        assertArrayEquals(new double[6], s.toDoubles());
        double[] v = random(1000, 41, -1, 1);
        Tensor total = track(ops.sum(t(v, 1000), 0, false));
        assertEquals(Shape.scalar(), total.shape());
        check("sum of 1000", new double[] {Arrays.stream(v).sum()}, new double[] {Arrays.stream(v).map(Math::abs).sum()}, total.toDoubles());
    }

    // ================================================================== matrix products

    @ParameterizedTest(name = "transA={0} transB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void matmulMatchesTheNaiveProductForEveryTransposeFlag(boolean transA, boolean transB) {
        int[][] mnk = {{5, 3, 7}, {1, 1, 1}, {33, 19, 70}, {2, 17, 1}, {65, 66, 67}};
        long seed = 50;
        for (int[] s : mnk) {
            checkMatmul(1, s[0], s[1], s[2], transA, transB, seed++, false);
        }
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void batchedMatmulMultipliesEachBatchElement(boolean transA, boolean transB) {
        checkMatmul(3, 4, 5, 6, transA, transB, 60, true);
        checkMatmul(2, 40, 33, 50, transA, transB, 61, true);
        checkMatmul(1, 2, 3, 4, transA, transB, 62, true);
    }

    @Test
    void matmulHandlesEmptyAndUnitDimensions() {
        checkMatmul(1, 4, 3, 0, false, false, 70, false);
        checkMatmul(1, 0, 3, 4, false, true, 71, false);
        checkMatmul(1, 4, 0, 2, true, false, 72, false);
        checkMatmul(0, 2, 2, 2, false, false, 73, true);
        checkMatmul(2, 1, 1, 1, true, true, 74, true);
    }

    @Test
    void matmulRejectsMismatchedInnerDimensionsAndRanks() {
        Tensor a = t(random(6, 75, -1, 1), 2, 3);
        Tensor b = t(random(8, 76, -1, 1), 2, 4);
        assertThrows(IllegalArgumentException.class, () -> track(ops.matmul(a, b, false, false)));
        track(ops.matmul(a, b, true, false)); // [3,2]·[2,4] is fine
        Tensor v = t(random(3, 77, -1, 1), 3);
        assertThrows(IllegalArgumentException.class, () -> track(ops.matmul(a, v, false, false)));
        Tensor c = t(random(24, 78, -1, 1), 2, 3, 4);
        Tensor d = t(random(12, 79, -1, 1), 3, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> track(ops.matmul(c, d, false, false)));
    }

    // ================================================================== indexing

    @Test
    void gatherSelectsRowsWithRepeatedIndices() {
        double[] x = random(12, 80, -1, 1);
        int[] index = {2, 0, 2, 3, 2};
        Tensor g = track(ops.gather(t(x, 4, 3), ints(index)));
        assertEquals(Shape.of(5, 3), g.shape());
        double[] expected = new double[15];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(x, index[i] * 3, expected, i * 3, 3);
        }
        assertArrayEquals(expected, g.toDoubles());
        Tensor empty = track(ops.gather(t(x, 4, 3), ints(new int[0])));
        assertEquals(Shape.of(0, 3), empty.shape());
        Tensor vector = track(ops.gather(t(new double[] {1, 2, 3}, 3), ints(new int[] {2, 2, 0})));
        assertArrayEquals(round(new double[] {3, 3, 1}), vector.toDoubles());
    }

    @Test
    void gatherRejectsAnIndexOutOfRange() {
        Tensor x = t(random(6, 81, -1, 1), 3, 2);
        assertThrows(IllegalArgumentException.class, () -> track(ops.gather(x, ints(new int[] {0, 3}))));
        assertThrows(IllegalArgumentException.class, () -> track(ops.gather(x, ints(new int[] {-1}))));
    }

    @Test
    void scatterAddSumsRepeatedIndicesAndLeavesUntouchedRowsZero() {
        double[] src = random(10, 82, -1, 1);
        int[] index = {1, 4, 1, 1, 0};
        Tensor s = track(ops.scatterAdd(t(src, 5, 2), ints(index), 6));
        assertEquals(Shape.of(6, 2), s.shape());
        double[] expected = new double[12];
        double[] mag = new double[12];
        for (int i = 0; i < 5; i++) {
            for (int c = 0; c < 2; c++) {
                expected[index[i] * 2 + c] += src[i * 2 + c];
                mag[index[i] * 2 + c] += Math.abs(src[i * 2 + c]);
            }
        }
        check("scatterAdd", expected, mag, s.toDoubles());
        Tensor none = track(ops.scatterAdd(t(new double[0], 0, 2), ints(new int[0]), 3));
        assertArrayEquals(new double[6], none.toDoubles());
    }

    @Test
    void scatterAddRejectsMismatchedOrOutOfRangeIndices() {
        Tensor src = t(random(6, 83, -1, 1), 3, 2);
        assertThrows(IllegalArgumentException.class, () -> track(ops.scatterAdd(src, ints(new int[] {0, 1}), 4)));
        assertThrows(IllegalArgumentException.class, () -> track(ops.scatterAdd(src, ints(new int[] {0, 1, 4}), 4)));
    }

    @Test
    void gatherAndScatterAddAgreeWithTheHostOnLargeEdgeSets() {
        int edges = 20000;
        int atoms = 500;
        SplittableRandom rng = new SplittableRandom(84);
        int[] index = new int[edges];
        for (int e = 0; e < edges; e++) {
            index[e] = rng.nextInt(atoms);
        }
        double[] atomData = random(atoms * 3, 85, -1, 1);
        double[] edgeData = random(edges * 3, 86, -1, 1);
        Tensor idx = ints(index);
        double[] gathered = track(ops.gather(t(atomData, atoms, 3), idx)).toDoubles();
        double[] summed = track(ops.scatterAdd(t(edgeData, edges, 3), idx, atoms)).toDoubles();
        double[] expected = new double[atoms * 3];
        double[] mag = new double[atoms * 3];
        for (int e = 0; e < edges; e++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(atomData[index[e] * 3 + c], gathered[e * 3 + c]);
                expected[index[e] * 3 + c] += edgeData[e * 3 + c];
                mag[index[e] * 3 + c] += Math.abs(edgeData[e * 3 + c]);
            }
        }
        check("scatterAdd of 20000 edges", expected, mag, summed);
    }

    // ================================================================== fused kernels

    @ParameterizedTest(name = "{0}")
    @EnumSource(RadialBasis.Kind.class)
    void radialBasisMatchesTheHostFormula(RadialBasis.Kind kind) {
        RadialBasis basis = new RadialBasis(kind, 6, 5.0, 0.5, 6);
        double[] r = round(new double[] {0.3, 0.8, 1.7, 2.4, 3.3, 4.1, 4.9, 4.999});
        Tensor out = track(ops.radialBasis(t(r, r.length), basis, 0));
        assertEquals(Shape.of(r.length, 6), out.shape());
        double[] expected = new double[r.length * 6];
        for (int e = 0; e < r.length; e++) {
            for (int n = 0; n < 6; n++) {
                expected[e * 6 + n] = hostRadial(basis, n, r[e]);
            }
        }
        check(kind + " radial basis", expected, abs(expected), out.toDoubles());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RadialBasis.Kind.class)
    void radialDerivativesMatchFiniteDifferencesOfTheOrderBelow(RadialBasis.Kind kind) {
        Assumptions.assumeTrue(ops.dtypes().contains(DType.FLOAT64), "finite differences need FLOAT64");
        RadialBasis basis = new RadialBasis(kind, 5, 5.0, 0.5, 5);
        double[] r = round(new double[] {0.05, 0.4, 1.3, 2.2, 3.1, 4.0, 4.7});
        double h = 1e-5;
        for (int k = 1; k <= 4; k++) {
            double[] analytic = track(ops.radialBasis(t(r, r.length), basis, k)).toDoubles();
            double[] plus = new double[r.length];
            double[] minus = new double[r.length];
            for (int e = 0; e < r.length; e++) {
                plus[e] = r[e] + h;
                minus[e] = r[e] - h;
            }
            double[] fp = track(ops.radialBasis(track(ops.fromDoubles(plus, DType.FLOAT64, Shape.of(r.length))), basis, k - 1)).toDoubles();
            double[] fm = track(ops.radialBasis(track(ops.fromDoubles(minus, DType.FLOAT64, Shape.of(r.length))), basis, k - 1)).toDoubles();
            for (int e = 0; e < r.length; e++) {
                double scale = 0;
                for (int n = 0; n < 5; n++) {
                    scale = Math.max(scale, Math.abs(analytic[e * 5 + n]));
                }
                for (int n = 0; n < 5; n++) {
                    double numeric = (fp[e * 5 + n] - fm[e * 5 + n]) / (2 * h);
                    double allowed = Math.max(1e-6, 10 * tolerance()) * (1 + scale);
                    double got = analytic[e * 5 + n];
                    if (!(Math.abs(got - numeric) <= allowed)) {
                        fail(String.format(Locale.ROOT, "%s derivative %d at r=%s, n=%d: analytic %.10g, finite difference %.10g",
                            kind, k, r[e], n, got, numeric));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RadialBasis.Kind.class)
    void radialBasisAndItsDerivativesVanishAtAndBeyondTheCutoff(RadialBasis.Kind kind) {
        RadialBasis basis = new RadialBasis(kind, 4, 4.0, 0.0, 3);
        double[] r = {4.0, 4.25, 9.0};
        for (int k = 0; k <= 3; k++) {
            assertArrayEquals(new double[12], track(ops.radialBasis(t(r, 3), basis, k)).toDoubles(), kind + " order " + k);
        }
        Tensor none = track(ops.radialBasis(t(new double[0], 0), basis, 2));
        assertEquals(Shape.of(0, 4), none.shape());
    }

    @Test
    void sparsePolynomialMatchesTheHostEvaluation() {
        SparsePolynomial p = randomPolynomial(5, 3, 18, 90);
        double[] x = random(50 * 3, 91, -1.5, 1.5);
        Tensor out = track(ops.sparsePolynomial(t(x, 50, 3), p));
        assertEquals(Shape.of(50, 5), out.shape());
        SparsePolynomial magnitude = absPolynomial(p);
        double[] expected = new double[50 * 5];
        double[] mag = new double[50 * 5];
        for (int n = 0; n < 50; n++) {
            double[] pt = Arrays.copyOfRange(x, n * 3, n * 3 + 3);
            System.arraycopy(p.evaluate(pt), 0, expected, n * 5, 5);
            System.arraycopy(magnitude.evaluate(Arrays.stream(pt).map(Math::abs).toArray()), 0, mag, n * 5, 5);
        }
        check("sparse polynomial", expected, mag, out.toDoubles());
        Tensor none = track(ops.sparsePolynomial(t(new double[0], 0, 3), p));
        assertEquals(Shape.of(0, 5), none.shape());
        assertThrows(IllegalArgumentException.class, () -> track(ops.sparsePolynomial(t(x, 75, 2), p)));
    }

    // ================================================================== lifecycle and validation

    @Test
    void usingAClosedTensorThrowsIllegalState() {
        long before = ops.openTensors();
        Tensor x = ops.fromDoubles(new double[] {1, 2}, dtype(), Shape.of(2));
        assertEquals(before + 1, ops.openTensors());
        assertFalse(x.closed());
        x.close();
        assertTrue(x.closed());
        x.close();
        assertEquals(before, ops.openTensors(), "closing twice must release once");
        assertThrows(IllegalStateException.class, () -> track(ops.unary(UnaryOp.NEG, x)));
        assertThrows(IllegalStateException.class, () -> ops.toDoubles(x));
        Tensor y = t(new double[] {1, 2}, 2);
        assertThrows(IllegalStateException.class, () -> track(ops.binary(BinaryOp.ADD, y, x)));
    }

    @Test
    void closingTheGraphReleasesEveryTensorItMade() {
        long before = ops.openTensors();
        Tensor x = ops.fromDoubles(random(12, 100, 0.5, 1.5), dtype(), Shape.of(4, 3));
        Tensor w = ops.fromDoubles(random(6, 101, -1, 1), dtype(), Shape.of(3, 2));
        try (Graph g = new Graph(ops)) {
            Var xv = g.variable(x);
            Var wv = g.variable(w);
            Var h = g.tanh(g.matmul(xv, wv));
            Var pooled = g.scatterAdd(h, g.indices(new int[] {0, 1, 1, 0}, 4), 2);
            Var e = g.add(g.sumAll(g.mul(h, g.log(g.sum(xv, 1, true)))), g.sumAll(g.square(pooled)));
            List<Var> grads = g.grad(e, List.of(xv, wv), true);
            Var force = g.sumAll(g.square(grads.get(0)));
            g.grad(force, List.of(wv), false);
            assertTrue(ops.openTensors() > before + 2, "the graph must have made tensors");
        }
        assertEquals(before + 2, ops.openTensors(), "only the caller's two tensors may stay open");
        x.close();
        w.close();
        assertEquals(before, ops.openTensors());
    }

    @Test
    void aBackwardPassFormsOnlyTheGradientsThatReachTheRequestedInputs() {
        Tensor x = track(ops.fromDoubles(random(12, 102, -1, 1), dtype(), Shape.of(4, 3)));
        Tensor w = track(ops.fromDoubles(random(6, 103, -1, 1), dtype(), Shape.of(3, 2)));
        int[] made = new int[2];
        double[][] gx = new double[2][];
        for (int both = 0; both < 2; both++) {
            try (Graph g = new Graph(ops)) {
                Var xv = g.variable(x);
                Var wv = g.variable(w);
                Var e = g.sumAll(g.tanh(g.matmul(g.mul(xv, xv), wv)));
                int before = g.ownedTensors();
                List<Var> grads = g.grad(e, both == 1 ? List.of(xv, wv) : List.of(xv), true);
                made[both] = g.ownedTensors() - before;
                gx[both] = ops.toDoubles(grads.get(0).value());
            }
        }
        assertArrayEquals(gx[1], gx[0], 0.0, "the gradient of x must not depend on which other gradients are asked for");
        assertTrue(made[0] < made[1], "asking only for ∂e/∂x must not form ∂e/∂w: " + made[0] + " tensors vs " + made[1]);
    }

    @Test
    void operandsOfAnotherBackendAreRejectedWithAMessage() {
        Tensor mine = t(new double[] {1, 2, 3}, 3);
        try (Backend other = backend()) {
            Tensor theirs = other.fromDoubles(new double[] {1, 2, 3}, dtype(), Shape.of(3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> track(ops.binary(BinaryOp.ADD, mine, theirs)));
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the rejection needs a message");
            theirs.close();
        }
        Tensor foreign = new ForeignTensor(Shape.of(3), dtype());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> track(ops.unary(UnaryOp.EXP, foreign)));
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the rejection needs a message");
    }

    @Test
    void operandsOfDifferentDtypesAreRejectedNamingBoth() {
        DType other = dtype() == DType.FLOAT64 ? DType.FLOAT32 : DType.FLOAT64;
        Assumptions.assumeTrue(ops.dtypes().contains(other), "the backend has a single floating dtype");
        Tensor a = t(new double[] {1, 2}, 2);
        Tensor b = track(ops.fromDoubles(new double[] {1, 2}, other, Shape.of(2)));
        for (Runnable r : List.<Runnable>of(
            () -> track(ops.binary(BinaryOp.MUL, a, b)),
            () -> track(ops.matmul(track(ops.reshape(a, Shape.of(1, 2))), track(ops.reshape(b, Shape.of(2, 1))), false, false)),
            () -> track(ops.concat(List.of(a, b), 0)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().contains(dtype().toString()) && e.getMessage().contains(other.toString()),
                "message must name both dtypes: " + e.getMessage());
        }
    }

    @Test
    void aClosedBackendRejectsOperationsAndClosesIdempotently() {
        Backend b = backend();
        Tensor t = b.fromDoubles(new double[] {1}, dtype(), Shape.of(1));
        b.close();
        b.close();
        assertThrows(IllegalStateException.class, () -> b.full(Shape.of(2), dtype(), 0));
        assertThrows(IllegalStateException.class, () -> b.unary(UnaryOp.NEG, t));
        t.close();
    }

    // ================================================================== autodiff

    /**
     * One differentiable function with its inputs, for {@link GradCheck}.
     *
     * @param name     display name
     * @param function builds the output from the input vars
     * @param inputs   input values
     * @param shapes   input shapes
     */
    protected record GradCase(String name, BiFunction<Graph, List<Var>, Var> function, List<double[]> inputs, List<Shape> shapes) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void firstOrderGradientsMatchFiniteDifferences(GradCase c) {
        long before = ops.openTensors();
        new GradCheck(ops, c.function(), c.inputs(), c.shapes(), 7).firstOrder(dtype()).assertWithin(gradientTolerance());
        assertEquals(before, ops.openTensors(), "GradCheck must leave no tensor open");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void secondOrderGradientsMatchFiniteDifferences(GradCase c) {
        new GradCheck(ops, c.function(), c.inputs(), c.shapes(), 8).secondOrder(dtype()).assertWithin(gradientTolerance());
    }

    /** The differentiable operations of {@link Graph}, each wrapped so its second derivative is non-trivial. */
    Stream<GradCase> gradientCases() {
        List<GradCase> cases = new ArrayList<>();
        double[] x23 = raw(6, 200, -1.5, 1.5);
        double[] pos23 = raw(6, 201, 0.5, 2.0);
        double[] b3 = raw(3, 202, -1.5, 1.5);
        double[] pos3 = raw(3, 203, 0.5, 2.0);
        double[] awayFromZero = raw(6, 204, 0.3, 1.5);
        for (int i = 0; i < awayFromZero.length; i += 2) {
            awayFromZero[i] = -awayFromZero[i];
        }
        Shape s23 = Shape.of(2, 3);
        Shape s3 = Shape.of(3);
        // binary, broadcasting [2,3] with [3]
        cases.add(binaryCase("add", (g, a, b) -> g.square(g.add(a, b)), x23, b3));
        cases.add(binaryCase("sub", (g, a, b) -> g.square(g.sub(a, b)), x23, b3));
        cases.add(binaryCase("mul", Graph::mul, x23, b3));
        cases.add(binaryCase("div", Graph::div, x23, pos3));
        cases.add(binaryCase("pow", Graph::pow, pos23, b3));
        cases.add(binaryCase("max", (g, a, b) -> g.square(g.max(a, b)), x23, b3));
        cases.add(binaryCase("min", (g, a, b) -> g.square(g.min(a, b)), x23, b3));
        cases.add(new GradCase("pow with a constant exponent", (g, xs) -> g.pow(xs.get(0), g.full(Shape.scalar(), xs.get(0).dtype(), 2.5)),
            List.of(pos23), List.of(s23)));
        // unary
        cases.add(unaryCase("neg", (g, x) -> g.square(g.neg(x)), x23));
        cases.add(unaryCase("exp", Graph::exp, x23));
        cases.add(unaryCase("log", Graph::log, pos23));
        cases.add(unaryCase("sqrt", Graph::sqrt, pos23));
        cases.add(unaryCase("square", Graph::square, x23));
        cases.add(unaryCase("reciprocal", Graph::reciprocal, pos23));
        cases.add(unaryCase("sin", Graph::sin, x23));
        cases.add(unaryCase("cos", Graph::cos, x23));
        cases.add(unaryCase("tanh", Graph::tanh, x23));
        cases.add(unaryCase("sigmoid", Graph::sigmoid, x23));
        cases.add(unaryCase("silu", Graph::silu, x23));
        cases.add(unaryCase("softplus", Graph::softplus, x23));
        cases.add(unaryCase("abs", (g, x) -> g.square(g.abs(x)), awayFromZero));
        cases.add(unaryCase("abs times x", (g, x) -> g.mul(g.abs(x), x), awayFromZero));
        // shape
        double[] x234 = raw(24, 205, -1, 1);
        Shape s234 = Shape.of(2, 3, 4);
        cases.add(new GradCase("reshape", (g, xs) -> g.sin(g.reshape(xs.get(0), 4, 6)), List.of(x234), List.of(s234)));
        cases.add(new GradCase("transpose", (g, xs) -> g.mul(g.transpose(xs.get(0), 2, 0, 1), g.transpose(g.sin(xs.get(0)), 2, 0, 1)),
            List.of(x234), List.of(s234)));
        cases.add(new GradCase("slice", (g, xs) -> g.square(g.slice(xs.get(0), 1, 1, 3)), List.of(x234), List.of(s234)));
        cases.add(new GradCase("slice along a negative axis", (g, xs) -> g.square(g.slice(xs.get(0), -2, 0, 2)), List.of(x234), List.of(s234)));
        cases.add(new GradCase("concat along a negative axis", (g, xs) -> g.square(g.concat(List.of(xs.get(0), xs.get(1)), -1)),
            List.of(x23, raw(4, 208, -1, 1)), List.of(s23, Shape.of(2, 2))));
        cases.add(new GradCase("concat", (g, xs) -> g.tanh(g.concat(List.of(xs.get(0), xs.get(1), xs.get(0)), 1)),
            List.of(x23, raw(4, 206, -1, 1)), List.of(s23, Shape.of(2, 2))));
        cases.add(new GradCase("broadcastTo", (g, xs) -> g.mul(g.broadcastTo(xs.get(0), Shape.of(2, 4, 3)), g.broadcastTo(g.sin(xs.get(1)), Shape.of(2, 4, 3))),
            List.of(raw(6, 207, -1, 1), b3), List.of(Shape.of(2, 1, 3), s3)));
        cases.add(new GradCase("sumTo", (g, xs) -> g.square(g.sumTo(xs.get(0), Shape.of(3, 1))), List.of(x234), List.of(s234)));
        // reductions
        cases.add(new GradCase("sum", (g, xs) -> g.square(g.sum(xs.get(0), 1, false)), List.of(x234), List.of(s234)));
        cases.add(new GradCase("sum keepDims", (g, xs) -> g.mul(g.sum(xs.get(0), -1, true), xs.get(0)), List.of(x234), List.of(s234)));
        cases.add(new GradCase("mean", (g, xs) -> g.exp(g.mean(xs.get(0), 0, false)), List.of(x234), List.of(s234)));
        cases.add(new GradCase("sumAll", (g, xs) -> g.square(g.sumAll(g.sin(xs.get(0)))), List.of(x23), List.of(s23)));
        // matrix products: bilinear, so the second order checks the cross terms
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Shape sa = ta ? Shape.of(4, 3) : Shape.of(3, 4);
                Shape sb = tb ? Shape.of(2, 4) : Shape.of(4, 2);
                cases.add(new GradCase("matmul transA=" + ta + " transB=" + tb, (g, xs) -> g.matmul(xs.get(0), xs.get(1), ta, tb),
                    List.of(raw(12, 210, -1, 1), raw(8, 211, -1, 1)), List.of(sa, sb)));
                Shape ba = ta ? Shape.of(2, 3, 2) : Shape.of(2, 2, 3);
                Shape bb = tb ? Shape.of(2, 2, 3) : Shape.of(2, 3, 2);
                cases.add(new GradCase("batched matmul transA=" + ta + " transB=" + tb,
                    (g, xs) -> g.tanh(g.matmul(xs.get(0), xs.get(1), ta, tb)),
                    List.of(raw(12, 212, -1, 1), raw(12, 213, -1, 1)), List.of(ba, bb)));
            }
        }
        // indexing
        cases.add(new GradCase("gather", (g, xs) -> g.square(g.gather(xs.get(0), g.indices(new int[] {2, 0, 2, 3, 2}, 5))),
            List.of(raw(12, 214, -1, 1)), List.of(Shape.of(4, 3))));
        cases.add(new GradCase("scatterAdd", (g, xs) -> g.square(g.scatterAdd(xs.get(0), g.indices(new int[] {0, 2, 0, 3, 2}, 5), 4)),
            List.of(raw(10, 215, -1, 1)), List.of(Shape.of(5, 2))));
        // fused kernels
        double[] r = raw(5, 216, 0.6, 4.4);
        for (RadialBasis.Kind kind : RadialBasis.Kind.values()) {
            RadialBasis basis = new RadialBasis(kind, 4, 5.0, 0.3, 4);
            cases.add(new GradCase("radialBasis " + kind, (g, xs) -> g.radialBasis(xs.get(0), basis), List.of(r), List.of(Shape.of(5))));
        }
        SparsePolynomial poly = randomPolynomial(4, 3, 12, 217);
        cases.add(new GradCase("sparsePolynomial", (g, xs) -> g.sparsePolynomial(xs.get(0), poly), List.of(raw(12, 218, -1, 1)), List.of(Shape.of(4, 3))));
        // composites
        double[] x26 = raw(12, 219, -2, 2);
        cases.add(new GradCase("groupNorm 2 groups", (g, xs) -> g.groupNorm(xs.get(0), 2, 1e-5), List.of(x26), List.of(Shape.of(2, 6))));
        cases.add(new GradCase("layerNorm", (g, xs) -> g.groupNorm(xs.get(0), 1, 1e-5), List.of(x26), List.of(Shape.of(2, 6))));
        return cases.stream();
    }

    private interface BinaryVar {
        Var apply(Graph g, Var a, Var b);
    }

    private static GradCase binaryCase(String name, BinaryVar f, double[] a, double[] b) {
        return new GradCase(name, (g, xs) -> f.apply(g, xs.get(0), xs.get(1)), List.of(a, b), List.of(Shape.of(2, 3), Shape.of(3)));
    }

    private static GradCase unaryCase(String name, BiFunction<Graph, Var, Var> f, double[] x) {
        return new GradCase(name, (g, xs) -> f.apply(g, xs.get(0)), List.of(x), List.of(Shape.of(2, 3)));
    }

    // ================================================================== helpers

    /** Tracks a tensor for closing after the test. */
    private <T extends Tensor> T track(T t) {
        return scope.track(t);
    }

    /** A tracked tensor of the dtype under test. */
    private Tensor t(double[] data, int... shape) {
        return track(ops.fromDoubles(data, dtype(), Shape.of(shape)));
    }

    private Tensor ints(int[] data) {
        return track(ops.fromInts(data, Shape.of(data.length)));
    }

    /** Values as the dtype under test stores them. */
    private double[] round(double[] x) {
        if (dtype() != DType.FLOAT32) {
            return x.clone();
        }
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = (float) x[i];
        }
        return r;
    }

    /** Seeded uniform values in [lo, hi), rounded to the dtype under test. */
    private double[] random(int n, long seed, double lo, double hi) {
        return round(raw(n, seed, lo, hi));
    }

    private static double[] raw(int n, long seed, double lo, double hi) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(lo, hi);
        }
        return x;
    }

    private static double[] abs(double[] x) {
        return Arrays.stream(x).map(Math::abs).toArray();
    }

    /** Asserts |actual − expected| ≤ tolerance · (1 + magnitude) element-wise. */
    private void check(String what, double[] expected, double[] magnitude, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                : Double.isInfinite(e) ? e == a
                : Math.abs(a - e) <= tolerance() * (1 + magnitude[i]);
            if (!ok) {
                fail(String.format(Locale.ROOT, "%s: element %d is %.12g, expected %.12g (tolerance %.1e)", what, i, a, e,
                    tolerance() * (1 + magnitude[i])));
            }
        }
    }

    private void checkMatmul(int batch, int m, int n, int k, boolean transA, boolean transB, long seed, boolean batched) {
        int[] da = transA ? new int[] {k, m} : new int[] {m, k};
        int[] db = transB ? new int[] {n, k} : new int[] {k, n};
        if (batched) {
            da = new int[] {batch, da[0], da[1]};
            db = new int[] {batch, db[0], db[1]};
        }
        double[] a = random(prod(da), seed, -1, 1);
        double[] b = random(prod(db), seed + 1000, -1, 1);
        Tensor c = track(ops.matmul(t(a, da), t(b, db), transA, transB));
        assertEquals(batched ? Shape.of(batch, m, n) : Shape.of(m, n), c.shape());
        double[] expected = new double[batch * m * n];
        double[] mag = new double[expected.length];
        for (int q = 0; q < batch; q++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double sa = 0;
                    for (int p = 0; p < k; p++) {
                        double av = a[q * m * k + (transA ? p * m + i : i * k + p)];
                        double bv = b[q * k * n + (transB ? j * k + p : p * n + j)];
                        s += av * bv;
                        sa += Math.abs(av * bv);
                    }
                    expected[(q * m + i) * n + j] = s;
                    mag[(q * m + i) * n + j] = sa;
                }
            }
        }
        check(String.format(Locale.ROOT, "matmul batch=%d m=%d n=%d k=%d transA=%b transB=%b", batch, m, n, k, transA, transB),
            expected, mag, c.toDoubles());
    }

    private static int prod(int[] d) {
        int p = 1;
        for (int x : d) {
            p *= x;
        }
        return p;
    }

    private static int[] strides(int[] dims) {
        int[] st = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= dims[i];
        }
        return st;
    }

    private static void unravel(int flat, int[] dims, int[] idx) {
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
    }

    private static int[] removeAxis(int[] dims, int axis) {
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                out[j++] = dims[i];
            }
        }
        return out;
    }

    private static int[] broadcastDims(int[] a, int[] b) {
        return Shape.broadcast(Shape.of(a), Shape.of(b)).dims();
    }

    /** data of shape {@code from} repeated to shape {@code to} (NumPy broadcasting). */
    private static double[] broadcastHost(double[] data, int[] from, int[] to) {
        double[] out = new double[prod(to)];
        int[] idx = new int[to.length];
        int[] st = strides(from);
        int shift = to.length - from.length;
        for (int flat = 0; flat < out.length; flat++) {
            unravel(flat, to, idx);
            int src = 0;
            for (int i = 0; i < from.length; i++) {
                src += (from[i] == 1 ? 0 : idx[i + shift]) * st[i];
            }
            out[flat] = data[src];
        }
        return out;
    }

    /** {sum, sum of magnitudes} of data of shape {@code in} reduced to {@code target}. */
    private static double[][] sumToHost(double[] data, int[] in, int[] target) {
        double[] out = new double[prod(target)];
        double[] mag = new double[out.length];
        int[] idx = new int[in.length];
        int[] st = strides(target);
        int shift = in.length - target.length;
        for (int flat = 0; flat < data.length; flat++) {
            unravel(flat, in, idx);
            int dst = 0;
            for (int i = 0; i < target.length; i++) {
                dst += (target[i] == 1 ? 0 : idx[i + shift]) * st[i];
            }
            out[dst] += data[flat];
            mag[dst] += Math.abs(data[flat]);
        }
        return new double[][] {out, mag};
    }

    private double[] unaryDomain(UnaryOp op, int n, long seed) {
        return switch (op) {
            case LOG, SQRT, RECIPROCAL -> random(n, seed, 0.05, 4);
            case EXP -> random(n, seed, -5, 5);
            case SIGN, STEP, ABS -> {
                double[] x = random(n, seed, -3, 3);
                x[0] = 0;
                yield x;
            }
            case SOFTPLUS, SIGMOID, SILU -> {
                double[] x = random(n, seed, -8, 8);
                x[1] = 60;
                x[2] = -60;
                yield x;
            }
            default -> random(n, seed, -3, 3);
        };
    }

    private double[] binaryDomain(BinaryOp op, int n, long seed, boolean first) {
        if (op == BinaryOp.POW && first) {
            return random(n, seed, 0.1, 3);
        }
        if (op == BinaryOp.DIV && !first) {
            return random(n, seed, 0.2, 3);
        }
        double[] x = random(n, seed, -2, 2);
        if ((op == BinaryOp.GREATER_EQUAL || op == BinaryOp.MAX || op == BinaryOp.MIN) && n > 0) {
            x[0] = 0.5; // both operands start with 0.5, so broadcasting pairs some equal values
        }
        return x;
    }

    private static DoubleUnaryOperator hostUnary(UnaryOp op) {
        return switch (op) {
            case NEG -> x -> -x;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case SQRT -> Math::sqrt;
            case SQUARE -> x -> x * x;
            case RECIPROCAL -> x -> 1 / x;
            case SIN -> Math::sin;
            case COS -> Math::cos;
            case TANH -> Math::tanh;
            case SIGMOID -> x -> 1 / (1 + Math.exp(-x));
            case SILU -> x -> x / (1 + Math.exp(-x));
            case SOFTPLUS -> x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            case ABS -> Math::abs;
            case SIGN -> Math::signum;
            case STEP -> x -> x > 0 ? 1 : 0;
        };
    }

    private static double hostBinary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case GREATER_EQUAL -> a >= b ? 1 : 0;
        };
    }

    /** R_n(r) straight from the formulas of {@link RadialBasis}. */
    private static double hostRadial(RadialBasis b, int n, double r) {
        double rc = b.cutoff();
        if (r >= rc) {
            return 0;
        }
        int p = b.envelopePower();
        double s = r / rc;
        double u = 1 - (p + 1) * (p + 2) / 2.0 * Math.pow(s, p) + p * (p + 2) * Math.pow(s, p + 1) - p * (p + 1) / 2.0 * Math.pow(s, p + 2);
        double f = switch (b.kind()) {
            case BESSEL -> Math.sqrt(2 / rc) * Math.sin((n + 1) * Math.PI * r / rc) / r;
            case CHEBYSHEV -> {
                double x = 2 * (r - b.inner()) / (rc - b.inner()) - 1;
                double t0 = 1;
                double t1 = x;
                for (int i = 0; i < n; i++) {
                    double t2 = 2 * x * t1 - t0;
                    t0 = t1;
                    t1 = t2;
                }
                yield t0;
            }
            case GAUSSIAN -> {
                double delta = (rc - b.inner()) / Math.max(b.count() - 1, 1);
                double mu = b.inner() + n * delta;
                yield Math.exp(-(r - mu) * (r - mu) / (2 * delta * delta));
            }
        };
        return f * u;
    }

    private static SparsePolynomial randomPolynomial(int outputs, int variables, int terms, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] out = new int[terms];
        double[] c = new double[terms];
        int[] ex = new int[terms * variables];
        for (int t = 0; t < terms; t++) {
            out[t] = t < outputs ? t : rng.nextInt(outputs);
            c[t] = rng.nextDouble(-1, 1);
            for (int q = 0; q < variables; q++) {
                ex[t * variables + q] = rng.nextInt(4);
            }
        }
        return new SparsePolynomial(outputs, variables, out, c, ex);
    }

    private static SparsePolynomial absPolynomial(SparsePolynomial p) {
        int[] out = new int[p.terms()];
        double[] c = new double[p.terms()];
        int[] ex = new int[p.terms() * p.variables()];
        for (int t = 0; t < p.terms(); t++) {
            out[t] = p.output(t);
            c[t] = Math.abs(p.coefficient(t));
            for (int q = 0; q < p.variables(); q++) {
                ex[t * p.variables() + q] = p.exponent(t, q);
            }
        }
        return new SparsePolynomial(p.outputs(), p.variables(), out, c, ex);
    }

    /** A tensor of no backend, to check that foreign operands are rejected. */
    private static final class ForeignTensor implements Tensor {
        private final Shape shape;
        private final DType dtype;

        ForeignTensor(Shape shape, DType dtype) {
            this.shape = shape;
            this.dtype = dtype;
        }

        @Override
        public Shape shape() {
            return shape;
        }

        @Override
        public DType dtype() {
            return dtype;
        }

        @Override
        public TensorOps ops() {
            return null;
        }

        @Override
        public boolean closed() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
