package org.atomstack.api.structure;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reference labels of one structure: total energy (eV), forces (eV/Å, 3 per atom), stress
 * (eV/Å³), a per-structure weight and a configuration type.
 *
 * <p><b>Stress convention (ASE):</b> σ = (1/V) ∂E/∂ε, six components in Voigt order
 * xx, yy, zz, yz, xz, xy. A cell under tension (wanting to shrink) has positive diagonal
 * stress. With edge vectors r_e and ∂E/∂r_e this is σ_ab = (1/V) Σ_e r_e,a ∂E/∂r_e,b.
 *
 * <p>Every label is optional; values must be finite. Instances are immutable.
 */
public final class Labels {
    /** No labels, weight 1. */
    public static final Labels NONE = new Builder().build();

    private final double energy; // NaN when absent
    private final double[] forces;
    private final double[] stress;
    private final double weight;
    private final String configType;

    private Labels(Builder b) {
        this.energy = b.energy;
        this.forces = b.forces;
        this.stress = b.stress;
        this.weight = b.weight;
        this.configType = b.configType;
    }

    /** A builder; all labels start absent, weight 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preloaded with these labels. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.energy = energy;
        b.forces = forces;
        b.stress = stress;
        b.weight = weight;
        b.configType = configType;
        return b;
    }

    /** Total energy in eV, if known. */
    public OptionalDouble energy() {
        return Double.isNaN(energy) ? OptionalDouble.empty() : OptionalDouble.of(energy);
    }

    /** Whether forces are known. */
    public boolean hasForces() {
        return forces != null;
    }

    /** Forces in eV/Å, 3 values per atom (a copy), if known. */
    public Optional<double[]> forces() {
        return forces == null ? Optional.empty() : Optional.of(forces.clone());
    }

    /** Stress in eV/Å³, Voigt order xx yy zz yz xz xy (a copy), if known. */
    public Optional<double[]> stress() {
        return stress == null ? Optional.empty() : Optional.of(stress.clone());
    }

    /**
     * Per-structure weight (≥ 0); default 1. It is a multiplicity: losses and fits multiply the
     * structure's squared residuals by it, so weight 2 equals listing the structure twice.
     */
    public double weight() {
        return weight;
    }

    /** Configuration type (e.g. "AIMD-NVT", "Elastic"), or empty. */
    public Optional<String> configType() {
        return Optional.ofNullable(configType);
    }

    void checkAtomCount(int atoms) {
        if (forces != null && forces.length != 3 * atoms) {
            throw new InvalidStructureException("forces have " + forces.length / 3 + " rows but the structure has " + atoms + " atoms");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Double.compare(energy, l.energy) == 0 && Arrays.equals(forces, l.forces)
            && Arrays.equals(stress, l.stress) && weight == l.weight && Objects.equals(configType, l.configType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(energy, Arrays.hashCode(forces), Arrays.hashCode(stress), weight, configType);
    }

    @Override
    public String toString() {
        return "Labels[energy=" + energy + ", forces=" + (forces != null) + ", stress=" + Arrays.toString(stress)
            + ", weight=" + weight + ", configType=" + configType + "]";
    }

    /** Builder for {@link Labels}; each setter validates its value. */
    public static final class Builder {
        private double energy = Double.NaN;
        private double[] forces;
        private double[] stress;
        private double weight = 1.0;
        private String configType;

        private Builder() {
        }

        /** Total energy in eV (finite). */
        public Builder energy(double e) {
            if (!Double.isFinite(e)) {
                throw new InvalidStructureException("energy is not finite: " + e);
            }
            this.energy = e;
            return this;
        }

        /** Forces in eV/Å, 3 per atom, all finite; {@code null} clears. */
        public Builder forces(double[] f) {
            if (f != null) {
                if (f.length % 3 != 0) {
                    throw new InvalidStructureException("forces need 3 values per atom, got " + f.length + " values");
                }
                for (int i = 0; i < f.length; i++) {
                    if (!Double.isFinite(f[i])) {
                        throw new InvalidStructureException("force on atom " + i / 3 + " is not finite: " + f[i]);
                    }
                }
            }
            this.forces = f == null ? null : f.clone();
            return this;
        }

        /** Stress in eV/Å³, Voigt order xx yy zz yz xz xy, finite; {@code null} clears. */
        public Builder stress(double[] s) {
            if (s != null) {
                if (s.length != 6) {
                    throw new InvalidStructureException("stress needs 6 Voigt components, got " + s.length);
                }
                for (double v : s) {
                    if (!Double.isFinite(v)) {
                        throw new InvalidStructureException("stress is not finite: " + Arrays.toString(s));
                    }
                }
            }
            this.stress = s == null ? null : s.clone();
            return this;
        }

        /** Per-structure weight, finite and ≥ 0. */
        public Builder weight(double w) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new InvalidStructureException("weight must be finite and >= 0, got " + w);
            }
            this.weight = w;
            return this;
        }

        /** Configuration type, or {@code null}. */
        public Builder configType(String t) {
            this.configType = t;
            return this;
        }

        /** The labels. */
        public Labels build() {
            return new Labels(this);
        }
    }
}
