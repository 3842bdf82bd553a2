package org.atomstack.api.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Result shapes and the exact messages of the operand checks every backend shares. */
class OpShapesTest {
    private static void fails(String message, Executable check) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, check).getMessage());
    }

    @Test
    void matmulSizesStridesAndShapes() {
        OpShapes.Matmul mm = OpShapes.matmul(Shape.of(2, 3), Shape.of(3, 4), false, false);
        assertEquals(new OpShapes.Matmul(1, 2, 4, 3, 3, 1, 4, 1, 6, 12, Shape.of(2, 4)), mm);
        OpShapes.Matmul tt = OpShapes.matmul(Shape.of(5, 3, 2), Shape.of(5, 4, 3), true, true);
        assertEquals(new OpShapes.Matmul(5, 2, 4, 3, 1, 2, 1, 3, 6, 12, Shape.of(5, 2, 4)), tt);
        assertEquals(Shape.of(0, 0), OpShapes.matmul(Shape.of(0, 3), Shape.of(3, 0), false, false).out());
    }

    @Test
    void matmulRejectsRanksBatchesAndInnerDimensions() {
        fails("matmul needs two rank-2 tensors or two rank-3 tensors with equal batch, got [2, 3] and [3]",
            () -> OpShapes.matmul(Shape.of(2, 3), Shape.of(3), false, false));
        fails("matmul needs two rank-2 tensors or two rank-3 tensors with equal batch, got [2, 2, 3] and [3, 3, 4]",
            () -> OpShapes.matmul(Shape.of(2, 2, 3), Shape.of(3, 3, 4), false, false));
        fails("matmul needs two rank-2 tensors or two rank-3 tensors with equal batch, got [1, 2, 3, 4] and [1, 2, 4, 3]",
            () -> OpShapes.matmul(Shape.of(1, 2, 3, 4), Shape.of(1, 2, 4, 3), false, false));
        fails("matmul: inner dimensions differ: [2, 3] · [4, 5] (3 vs 4)",
            () -> OpShapes.matmul(Shape.of(2, 3), Shape.of(4, 5), false, false));
        fails("matmul: inner dimensions differ: [2, 3]ᵀ · [4, 5]ᵀ (2 vs 5)",
            () -> OpShapes.matmul(Shape.of(2, 3), Shape.of(4, 5), true, true));
    }

    @Test
    void shapeOperations() {
        assertEquals(2, OpShapes.axis(Shape.of(2, 3, 4), -1, "sum"));
        fails("sum: axis 3 is out of range for [2, 3, 4]", () -> OpShapes.axis(Shape.of(2, 3, 4), 3, "sum"));
        assertEquals(Shape.of(6), OpShapes.reshape(Shape.of(2, 3), Shape.of(6)));
        fails("reshape: cannot view [2, 3] (6 elements) as [5] (5 elements)", () -> OpShapes.reshape(Shape.of(2, 3), Shape.of(5)));
        assertEquals(Shape.of(4, 2, 3), OpShapes.transpose(Shape.of(2, 3, 4), new int[] {2, 0, 1}));
        fails("transpose: [0, 0] is not a permutation of the 2 axes of [2, 3]", () -> OpShapes.transpose(Shape.of(2, 3), new int[] {0, 0}));
        assertEquals(Shape.of(2, 1, 4), OpShapes.slice(Shape.of(2, 3, 4), -2, 1, 2));
        fails("slice: range 2..4 is outside axis 1 of [2, 3] (0..3)", () -> OpShapes.slice(Shape.of(2, 3), 1, 2, 4));
        assertEquals(Shape.of(2, 7), OpShapes.concat(List.of(Shape.of(2, 3), Shape.of(2, 4)), -1));
        fails("concat along axis 1: shapes [2, 3] and [3, 4] differ off that axis",
            () -> OpShapes.concat(List.of(Shape.of(2, 3), Shape.of(3, 4)), 1));
        fails("concat needs at least one tensor", () -> OpShapes.concat(List.of(), 0));
        fails("concat along axis 0: 4294967294 elements do not fit one dimension",
            () -> OpShapes.concat(List.of(Shape.of(Integer.MAX_VALUE, 0), Shape.of(Integer.MAX_VALUE, 0)), 0));
        assertEquals(Shape.of(2, 3), OpShapes.sum(Shape.of(2, 3, 4), 2, false));
        assertEquals(Shape.of(2, 1, 4), OpShapes.sum(Shape.of(2, 3, 4), -2, true));
    }

    @Test
    void broadcasting() {
        assertEquals(Shape.of(2, 3), OpShapes.broadcastTo(Shape.of(3), Shape.of(2, 3)));
        fails("broadcastTo: [3] does not broadcast to [2, 4]", () -> OpShapes.broadcastTo(Shape.of(3), Shape.of(2, 4)));
        fails("broadcastTo: [2, 3] does not broadcast to [3]", () -> OpShapes.broadcastTo(Shape.of(2, 3), Shape.of(3)));
        assertEquals(Shape.of(1, 3), OpShapes.sumTo(Shape.of(2, 3), Shape.of(1, 3)));
        fails("sumTo: [2, 4] does not broadcast to [3, 8]", () -> OpShapes.sumTo(Shape.of(3, 8), Shape.of(2, 4)));
        assertEquals(Shape.of(2, 3), OpShapes.broadcast(Shape.of(2, 1), Shape.of(3), "binary ADD"));
        fails("binary ADD: shapes [2] and [3] do not broadcast", () -> OpShapes.broadcast(Shape.of(2), Shape.of(3), "binary ADD"));
    }

    @Test
    void creationValues() {
        OpShapes.values(6, Shape.of(2, 3), "fromDoubles");
        fails("fromDoubles: 5 values for shape [2, 3] (6 elements)", () -> OpShapes.values(5, Shape.of(2, 3), "fromDoubles"));
        assertEquals(-7, OpShapes.int32(-7.0, 0));
        fails("INT32 tensor: value 1.5 at 3 is not a 32-bit integer", () -> OpShapes.int32(1.5, 3));
        fails("INT32 tensor: value 3.0E9 at 0 is not a 32-bit integer", () -> OpShapes.int32(3e9, 0));
    }

    @Test
    void indexing() {
        assertEquals(Shape.of(3, 4), OpShapes.gather(Shape.of(2, 4), new int[] {1, 0, 1}));
        fails("gather needs a tensor of rank >= 1, got []", () -> OpShapes.gather(Shape.scalar(), new int[0]));
        fails("gather from [3, 8]: index[1] = 3 is outside 0..2", () -> OpShapes.gather(Shape.of(3, 8), new int[] {0, 3}));
        assertEquals(Shape.of(4, 2), OpShapes.scatterAdd(Shape.of(3, 2), new int[] {0, 3, 3}, 4));
        fails("scatterAdd needs a source of rank >= 1, got []", () -> OpShapes.scatterAdd(Shape.scalar(), new int[0], 1));
        fails("scatterAdd: 2 indices for 3 source rows [3, 2]", () -> OpShapes.scatterAdd(Shape.of(3, 2), new int[] {0, 1}, 4));
        fails("scatterAdd: negative row count -1", () -> OpShapes.scatterAdd(Shape.of(0, 2), new int[0], -1));
        fails("scatterAdd into 4 rows: index[2] = 4 is outside 0..3", () -> OpShapes.scatterAdd(Shape.of(3, 2), new int[] {0, 1, 4}, 4));
    }

    @Test
    void fusedKernels() {
        RadialBasis basis = new RadialBasis(RadialBasis.Kind.BESSEL, 8, 5.0, 0.0, 6);
        assertEquals(Shape.of(10, 8), OpShapes.radialBasis(Shape.of(10), basis, 1));
        fails("radialBasis needs distances of rank 1, got [10, 1]", () -> OpShapes.radialBasis(Shape.of(10, 1), basis, 0));
        fails("radialBasis: derivative order must be >= 0, got -1", () -> OpShapes.radialBasis(Shape.of(10), basis, -1));
        SparsePolynomial p = new SparsePolynomial(2, 3, new int[] {0, 1}, new double[] {1, 2}, new int[] {1, 0, 0, 0, 2, 1});
        assertEquals(Shape.of(5, 2), OpShapes.sparsePolynomial(Shape.of(5, 3), p));
        fails("sparsePolynomial needs points of shape [N, 3], got [5, 2]", () -> OpShapes.sparsePolynomial(Shape.of(5, 2), p));
    }
}
