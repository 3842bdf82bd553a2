package org.atomstack.model.hipnn.internal;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.train.ParameterSet;
import org.atomstack.model.hipnn.internal.HipnnSettings.Variant;

/**
 * Function-preserving widening of a trained HIP-NN or HIP-NN-TS model to more channels (in the
 * manner of Net2Net's "wider" operation, Chen et al. 2016, with zero rather than split outgoing
 * weights). The old channels keep their parameters. Every new channel a gets fresh initial
 * weights on its inputs (its column of V, W, the on-site W, its bias and tensor-norm scales t_a),
 * and zero weights wherever it is an input: its rows of the next layers' V, W, on-site W and of
 * the block readouts. The new channels therefore change nothing downstream at first, so the
 * widened model computes exactly the narrow model's energies, yet their activations differ from
 * channel to channel and the zero weights receive gradients, so training uses them.
 *
 * <p>HIP-HOP-NN is not widened (its group normalisation runs over all channels of a group, so
 * new channels would change the old ones' values), nor are residual layers.
 */
final class Widening {
    private Widening() {
    }

    /**
     * The width of the channels of a saved parameter set.
     *
     * @param parameters parameters of a HIP network
     * @return the length of {@code block1.interaction.B}, or −1 when there is no such parameter
     */
    static int width(ParameterSet parameters) {
        int i = parameters.names().indexOf("block1.interaction.B");
        return i < 0 ? -1 : parameters.shapes().get(i).dim(0);
    }

    /**
     * Embeds {@code narrow} into the wider {@code network}.
     *
     * @param network the wide network; its initial parameters for {@code seed} supply the new
     *                channels' incoming weights
     * @param narrow  parameters of the same architecture with fewer channels
     * @param seed    seed of the fresh weights
     * @return parameters of {@code network} that compute the narrow model's function
     * @throws IllegalArgumentException when the network is HIP-HOP-NN or residual, when
     *                                  {@code narrow} is not narrower, or when its parameters are
     *                                  otherwise not those of the same architecture
     */
    static ParameterSet widen(HipnnNetwork network, ParameterSet narrow, long seed) {
        HipnnSettings settings = network.settings();
        if (settings.variant() == Variant.HIP_HOP || settings.resnet()) {
            throw new IllegalArgumentException("only hipnn and hipnn-ts models without resnet layers can be widened, this stack is "
                + settings.variant().id() + (settings.resnet() ? " with resnet layers" : ""));
        }
        int wide = settings.width();
        int old = width(narrow);
        if (old < 1 || old >= wide) {
            throw new IllegalArgumentException("the saved model has width " + old + ", not fewer channels than the stack's " + wide);
        }
        ParameterSet fresh = network.initialParameters(seed);
        if (!narrow.names().equals(fresh.names())) {
            throw new IllegalArgumentException("the saved model has the parameters " + narrow.names() + ", the stack's network "
                + fresh.names());
        }
        int species = network.species().length;
        List<double[]> values = new ArrayList<>(fresh.size());
        for (int k = 0; k < fresh.size(); k++) {
            String name = fresh.names().get(k);
            int[] view = view(name, fresh.shapes().get(k), species, wide);
            // the inputs and outputs as they are at the old width (block 1's inputs are species, not channels)
            int[] narrowView = view(name, fresh.shapes().get(k), species, old);
            int[] oldView = {view[0], narrowView[1], narrowView[2], view[3]};
            Shape expected = narrowShape(fresh.shapes().get(k), view, oldView);
            if (!narrow.shapes().get(k).equals(expected)) {
                throw new IllegalArgumentException("parameter " + name + " of the saved model has shape " + narrow.shapes().get(k)
                    + ", expected " + expected + " for width " + old);
            }
            values.add(embed(narrow.values(k), fresh.values(k), view, oldView));
        }
        return ParameterSet.of(fresh.names(), fresh.shapes(), values);
    }

    /**
     * The parameter seen as [groups, inputs, outputs, trailing] (row-major), with the channel axes
     * among inputs and outputs.
     */
    private static int[] view(String name, Shape shape, int species, int width) {
        int size = Math.toIntExact(shape.size());
        if (!name.startsWith("block")) {
            return new int[] {1, 1, 1, size};
        }
        int fin = name.startsWith("block1.") ? species : width;
        String part = name.substring(name.indexOf('.') + 1);
        return switch (part) {
            case "interaction.V" -> new int[] {size / (fin * width), fin, width, 1};
            case "interaction.W" -> new int[] {1, fin, width, 1};
            case "interaction.B" -> new int[] {1, 1, width, 1};
            case "interaction.t" -> new int[] {1, 1, width, size / width};
            case "readout" -> new int[] {1, width, 1, 1};
            case "sensitivity.centres", "sensitivity.widths" -> new int[] {1, 1, 1, size};
            default -> {
                if (part.matches("onsite\\d+\\.W")) {
                    yield new int[] {1, width, width, 1};
                }
                if (part.matches("onsite\\d+\\.B")) {
                    yield new int[] {1, 1, width, 1};
                }
                throw new IllegalArgumentException("no widening rule for parameter " + name);
            }
        };
    }

    /**
     * The narrow shape: each dimension of the wide one is the product of consecutive view axes,
     * recomputed with the narrow view.
     */
    private static Shape narrowShape(Shape wideShape, int[] view, int[] oldView) {
        int[] dims = wideShape.dims();
        int[] out = new int[dims.length];
        int axis = 0;
        for (int d = 0; d < dims.length; d++) {
            long wideProduct = 1;
            long oldProduct = 1;
            while (axis < view.length && (wideProduct < dims[d] || (d == dims.length - 1))) {
                wideProduct *= view[axis];
                oldProduct *= oldView[axis];
                axis++;
            }
            if (wideProduct != dims[d]) {
                throw new IllegalArgumentException("unexpected parameter shape " + wideShape);
            }
            out[d] = Math.toIntExact(oldProduct);
        }
        return Shape.of(out);
    }

    /** Old values in the old corner, zeros on new inputs, fresh values on new outputs of old inputs. */
    private static double[] embed(double[] narrow, double[] fresh, int[] view, int[] oldView) {
        double[] out = new double[fresh.length];
        for (int g = 0; g < view[0]; g++) {
            for (int i = 0; i < view[1]; i++) {
                for (int o = 0; o < view[2]; o++) {
                    for (int t = 0; t < view[3]; t++) {
                        int at = ((g * view[1] + i) * view[2] + o) * view[3] + t;
                        if (i >= oldView[1]) {
                            out[at] = 0;
                        } else if (o >= oldView[2]) {
                            out[at] = fresh[at];
                        } else {
                            out[at] = narrow[((g * oldView[1] + i) * oldView[2] + o) * oldView[3] + t];
                        }
                    }
                }
            }
        }
        return out;
    }
}
