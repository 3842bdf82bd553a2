package org.atomstack.backend.cuda.internal;

import org.atomstack.api.tensor.RadialBasis;

/**
 * The kernels' by-value {@code struct Radial}: kind, count, derivative order, envelope power
 * (64-bit integers), then cutoff and inner radius (doubles), packed as six 64-bit words with the
 * doubles as their IEEE bits. Stateless.
 */
final class RadialParams {
    /** Words in the struct. */
    static final int LONGS = 6;

    private RadialParams() {
    }

    /** The struct for the {@code derivative}-th r-derivative of {@code basis}. */
    static long[] pack(RadialBasis basis, int derivative) {
        return new long[] {OpCodes.radial(basis.kind()), basis.count(), derivative, basis.envelopePower(),
            Double.doubleToRawLongBits(basis.cutoff()), Double.doubleToRawLongBits(basis.inner())};
    }
}
