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
            Layout layout = layout(name, fresh.shapes().get(k), species, wide);
            int[] view = layout.axes();
            // the inputs and outputs as they are at the old width (block 1's inputs are species, not channels)
            int[] atOld = layout(name, fresh.shapes().get(k), species, old).axes();
            int[] oldView = {view[0], atOld[1], atOld[2], view[3]};
            Shape expected = layout.shape(oldView);
            if (!narrow.shapes().get(k).equals(expected)) {
                throw new IllegalArgumentException("parameter " + name + " of the saved model has shape " + narrow.shapes().get(k)
                    + ", expected " + expected + " for width " + old);
            }
            values.add(embed(narrow.values(k), fresh.values(k), view, oldView));
        }
        return ParameterSet.of(fresh.names(), fresh.shapes(), values);
    }

    /**
     * A parameter seen as the row-major axes [groups, inputs, outputs, trailing], the channel axes
     * among inputs and outputs; a matrix parameter's rows are the first {@code rows} axes.
     *
     * @param axes the four axis lengths
     * @param rows 0 for a vector parameter, else how many leading axes make up a matrix row index
     */
    private record Layout(int[] axes, int rows) {
        /** The parameter's shape for the axis lengths {@code lengths}. */
        Shape shape(int[] lengths) {
            int first = 1;
            int rest = 1;
            for (int a = 0; a < lengths.length; a++) {
                if (a < rows) {
                    first *= lengths[a];
                } else {
                    rest *= lengths[a];
                }
            }
            return rows == 0 ? Shape.of(rest) : Shape.of(first, rest);
        }
    }

    private static Layout layout(String name, Shape shape, int species, int width) {
        int size = Math.toIntExact(shape.size());
        if (!name.startsWith("block")) {
            return new Layout(new int[] {1, 1, 1, size}, 0);
        }
        int fin = name.startsWith("block1.") ? species : width;
        String part = name.substring(name.indexOf('.') + 1);
        return switch (part) {
            case "interaction.V" -> new Layout(new int[] {size / (fin * width), fin, width, 1}, 2);
            case "interaction.W" -> new Layout(new int[] {1, fin, width, 1}, 2);
            case "interaction.B" -> new Layout(new int[] {1, 1, width, 1}, 0);
            case "interaction.t" -> new Layout(new int[] {1, 1, width, size / width}, 3);
            case "readout" -> new Layout(new int[] {1, width, 1, 1}, 2);
            case "sensitivity.centres", "sensitivity.widths" -> new Layout(new int[] {1, 1, 1, size}, 0);
            default -> {
                if (part.matches("onsite\\d+\\.W")) {
                    yield new Layout(new int[] {1, width, width, 1}, 2);
                }
                if (part.matches("onsite\\d+\\.B")) {
                    yield new Layout(new int[] {1, 1, width, 1}, 0);
                }
                throw new IllegalArgumentException("no widening rule for parameter " + name);
            }
        };
    }

    /** Old values in the old corner, fresh values on new outputs of old inputs, zeros (the array's initial values) on new inputs. */
    private static double[] embed(double[] narrow, double[] fresh, int[] view, int[] oldView) {
        double[] out = new double[fresh.length];
        for (int g = 0; g < view[0]; g++) {
            for (int i = 0; i < view[1]; i++) {
                for (int o = 0; o < view[2]; o++) {
                    for (int t = 0; t < view[3]; t++) {
                        int at = ((g * view[1] + i) * view[2] + o) * view[3] + t;
                        if (i < oldView[1]) {
                            out[at] = o < oldView[2] ? narrow[((g * oldView[1] + i) * oldView[2] + o) * oldView[3] + t] : fresh[at];
                        }
                    }
                }
            }
        }
        return out;
    }
}
