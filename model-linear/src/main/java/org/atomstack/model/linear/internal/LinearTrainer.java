package org.atomstack.model.linear.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.Regularizer;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.ModelTrainer;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Fits a {@link LinearModel}: streams the training structures through the descriptor in
 * parallel (at most 2·threads structures in flight, each turned into its weighted rows by a
 * {@link RowAssembler} on a worker), folds the rows into a {@link LinearSystem} in structure
 * order, eliminates the E0 columns (flat prior), solves the regularised problem with the
 * configured {@link Solver} (in the coordinates c′ = Γc of a non-diagonal regulariser Γ when one is
 * configured, see {@link CoordinateChange}) and back-substitutes E0. Progress goes to the listener as phases
 * "featurise" (k/N structures) and "solve" (0/1, 1/1); a stop request during featurisation
 * fits the structures read so far. Validation structures, if any, are predicted afterwards and
 * their RMSEs reported as metrics. The result is bitwise independent of the thread count.
 * Immutable; {@link #train} may be called repeatedly.
 */
final class LinearTrainer implements ModelTrainer {
    private final LinearSettings settings;
    private final Descriptor descriptor;
    private final double[] featurePrior;
    private final String priorName;
    private final Regularizer regularizer;

    /**
     * @param settings     validated configuration (E0 values checked against the descriptor)
     * @param descriptor   the descriptor stage
     * @param featurePrior γ(k) of the descriptor features, or null for the identity
     * @param priorName    "identity" or "smoothness", for messages
     * @param regularizer  the descriptor's regulariser Γ (size checked), combined as ‖diag(γ)Γc‖², or null
     */
    LinearTrainer(LinearSettings settings, Descriptor descriptor, double[] featurePrior, String priorName, Regularizer regularizer) {
        this.settings = settings;
        this.descriptor = descriptor;
        this.featurePrior = featurePrior == null ? null : featurePrior.clone();
        this.priorName = priorName;
        this.regularizer = regularizer;
    }

    /**
     * @throws IllegalArgumentException naming the dataset when it is empty, has neither energy
     *                                  nor force labels, lacks energies while E0 must be fitted,
     *                                  or contains species the descriptor does not handle
     */
    @Override
    public Model train(Dataset training, Dataset validation, TrainingListener listener) {
        Objects.requireNonNull(training, "training");
        TrainingListener out = listener == null ? TrainingListener.NONE : listener;
        int[] species = descriptor.species();
        checkTraining(training, species);
        checkSpecies(validation, species);
        PairBasis pair = settings.pair() == null ? null : new PairBasis(settings.pair().cutoff(), settings.pair().basis(), species);
        LinearSettings.E0Mode mode = settings.e0Mode();
        DesignLayout layout = new DesignLayout(descriptor.size(), species, mode == LinearSettings.E0Mode.FIT, pair);
        double cutoff = pair == null ? descriptor.cutoff() : Math.max(descriptor.cutoff(), pair.cutoff());
        double[] e0Fixed = new double[species.length];
        if (mode == LinearSettings.E0Mode.GIVEN) {
            for (int i = 0; i < species.length; i++) {
                e0Fixed[i] = settings.e0Values().get(species[i]);
            }
        }
        RowAssembler assembler = new RowAssembler(descriptor, layout, settings.weights(), settings.configWeights(), e0Fixed, cutoff);
        if (mode == LinearSettings.E0Mode.AVERAGE) {
            e0Fixed = averageE0(training, layout, assembler, out);
            assembler = new RowAssembler(descriptor, layout, settings.weights(), settings.configWeights(), e0Fixed, cutoff);
        }
        SystemForm form = settings.resolvedForm();
        Solver solver = settings.solver();
        out.message(String.format(Locale.ROOT, "linear: %d columns (%d features, %d E0, %d pair), %s, %s prior, %s solver, %d thread(s)",
            layout.columns(), layout.features(), layout.e0Columns(), layout.pairColumns(),
            form == SystemForm.NORMAL ? "normal equations" : "streaming QR", priorName, solver.method(), settings.threads()));
        if (regularizer != null) {
            out.message("linear: regularizer '" + regularizer.name() + "' (" + regularizer.nonZeros() + " non-zeros of Γ⁻¹)"
                + (regularizer.description().isEmpty() ? "" : ": " + regularizer.description()));
        }
        try (Workers workers = new Workers(settings.threads())) {
            Accumulation acc = accumulate(training.structures(), assembler, layout, form, workers, out);
            if (acc.system().observations() == 0) {
                throw new IllegalArgumentException("training dataset '" + training.name()
                    + "' gives no weighted observations (all labels absent or weighted zero)");
            }
            if (layout.fitsE0() && acc.energyRows() == 0) {
                throw new IllegalArgumentException("training dataset '" + training.name() + "' gives no weighted energy rows"
                    + " (energy weight 0 or zero structure weights), so E0 cannot be fitted; give e0 per species, e.g. {Mo: -10.8}");
            }
            out.progress("solve", 0, 1);
            Elimination elimination = acc.system().eliminate(layout.e0Columns());
            if (elimination.rank() < elimination.eliminated()) {
                out.message("linear: the species counts of the training energies have rank " + elimination.rank() + " < "
                    + elimination.eliminated() + " (a species is absent or compositions are collinear); E0 is the minimum-norm solution");
            }
            double[] gamma = layout.prior(featurePrior);
            if (form == SystemForm.NORMAL && solver instanceof TruncatedSvdSolver t && t.rtol() < 1.5e-8) {
                out.message("linear: truncated SVD on normal equations resolves singular values only down to about 1.5e-8·s_max,"
                    + " above rtol " + t.rtol() + "; use system: qr");
            }
            Solution solution;
            double[] cf;
            if (regularizer == null) {
                solution = solver.solve(elimination.reduced(), gamma);
                cf = solution.coefficients();
            } else {
                CoordinateChange change = new CoordinateChange(regularizer, elimination.reduced().columns());
                solution = solver.solve(elimination.reduced().transformed(change), gamma);
                cf = change.apply(solution.coefficients());
            }
            double[] cu = elimination.back().apply(cf);
            out.progress("solve", 1, 1);
            double[] e0 = e0Fixed.clone();
            for (int i = 0; i < cu.length; i++) {
                e0[i] = cu[i];
            }
            double[] c = Arrays.copyOfRange(cf, 0, layout.features());
            double[] pc = Arrays.copyOfRange(cf, layout.features(), cf.length);
            double rss = elimination.reduced().residual(cf);
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            diagnostics.put("structures", (double) acc.structures());
            diagnostics.put("observations", (double) acc.system().observations());
            diagnostics.put("energy_rows", (double) acc.energyRows());
            diagnostics.put("force_rows", (double) acc.forceRows());
            diagnostics.put("stress_rows", (double) acc.stressRows());
            diagnostics.put("columns", (double) layout.columns());
            diagnostics.put("e0_rank", (double) elimination.rank());
            diagnostics.put("weighted_rss", rss);
            diagnostics.put("weighted_rmse", Math.sqrt(rss / acc.system().observations()));
            diagnostics.putAll(solution.diagnostics());
            out.metric("weighted_rmse", 0, diagnostics.get("weighted_rmse"));
            out.message("linear: " + solver.method() + " " + describe(solution.diagnostics()));
            if (solution.diagnostics().getOrDefault("converged", 1.0) == 0) {
                out.message("linear: blr did not converge within its iteration limit; the last α, β are used");
            }
            LinearModel model = new LinearModel(settings, descriptor, layout, c, e0, pc, diagnostics);
            if (validation != null && !validation.isEmpty()) {
                validate(model, validation, workers, out);
            }
            return model;
        }
    }

    /** The accumulated system and row counts. */
    private record Accumulation(LinearSystem system, int structures, long energyRows, long forceRows, long stressRows) {
    }

    private Accumulation accumulate(List<Structure> structures, RowAssembler assembler, DesignLayout layout, SystemForm form,
                                    Workers workers, TrainingListener out) {
        SystemAccumulator acc = SystemAccumulator.of(form, layout.columns(), workers);
        int total = structures.size();
        int window = 2 * workers.threads();
        ArrayDeque<Future<RowBlock>> inFlight = new ArrayDeque<>();
        int next = 0;
        int done = 0;
        long energyRows = 0;
        long forceRows = 0;
        long stressRows = 0;
        out.progress("featurise", 0, total);
        while (done < total) {
            while (next < total && inFlight.size() < window) {
                Structure s = structures.get(next++);
                inFlight.add(workers.submit(() -> assembler.rows(s)));
            }
            RowBlock block = Workers.await(inFlight.poll());
            acc.add(block);
            energyRows += block.energyRows();
            forceRows += block.forceRows();
            stressRows += block.stressRows();
            done++;
            out.progress("featurise", done, total);
            if (done < total && out.stopRequested()) {
                for (Future<RowBlock> f : inFlight) {
                    f.cancel(true);
                }
                out.message("linear: stop requested; fitting the first " + done + " of " + total + " structures");
                break;
            }
        }
        return new Accumulation(acc.finish(), done, energyRows, forceRows, stressRows);
    }

    private void checkTraining(Dataset training, int[] species) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training dataset '" + training.name() + "' is empty");
        }
        boolean energies = false;
        boolean forces = false;
        for (Structure s : training.structures()) {
            energies |= s.labels().energy().isPresent();
            forces |= s.labels().hasForces();
        }
        if (!energies && !forces) {
            throw new IllegalArgumentException("training dataset '" + training.name()
                + "' has no energy or force labels; a linear model is fitted to energies and/or forces");
        }
        if (!energies && settings.e0Mode() != LinearSettings.E0Mode.GIVEN) {
            throw new IllegalArgumentException("training dataset '" + training.name() + "' has no energy labels, so E0 cannot be "
                + "fitted (e0: " + settings.e0Mode().name().toLowerCase(Locale.ROOT) + "); give e0 per species, e.g. {Mo: -10.8}");
        }
        checkSpecies(training, species);
    }

    private static void checkSpecies(Dataset data, int[] species) {
        if (data == null) {
            return;
        }
        for (int z : data.species()) {
            if (Arrays.binarySearch(species, z) < 0) {
                throw new IllegalArgumentException("dataset '" + data.name() + "' contains " + Elements.symbol(z)
                    + ", which the descriptor does not handle (species " + Evaluation.symbols(species) + ")");
            }
        }
    }

    /**
     * Least-squares E0 from the composition alone: min Σ_s w_s² (E_s/N_s − Σ_Z (n_sZ/N_s) E0_Z)²
     * over the structures with weighted energies (w_s the energy-row weight), minimum-norm.
     */
    private double[] averageE0(Dataset training, DesignLayout layout, RowAssembler assembler, TrainingListener out) {
        int k = layout.speciesCount();
        double[][] g = new double[k][k];
        double[] b = new double[k];
        for (Structure s : training.structures()) {
            Labels l = s.labels();
            double w = settings.weights().energy() * assembler.baseWeight(s);
            if (l.energy().isEmpty() || !(w > 0) || s.atomCount() == 0) {
                continue;
            }
            double[] x = new double[k];
            for (int i = 0; i < s.atomCount(); i++) {
                x[layout.speciesIndex(s.number(i))] += 1.0 / s.atomCount();
            }
            double y = l.energy().getAsDouble() / s.atomCount();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    g[i][j] += w * w * x[i] * x[j];
                }
                b[i] += w * w * x[i] * y;
            }
        }
        double[][] pinv = new double[k][k];
        int rank = Dense.pseudoInverseSymmetric(g, NormalEquations.ELIMINATION_TOLERANCE, pinv);
        if (rank == 0) {
            throw new IllegalArgumentException("training dataset '" + training.name() + "' has no weighted energy labels to average E0 from");
        }
        double[] e0 = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                e0[i] += pinv[i][j] * b[j];
            }
        }
        StringBuilder msg = new StringBuilder("linear: E0 from composition averages:");
        int[] species = layout.species();
        for (int i = 0; i < k; i++) {
            msg.append(' ').append(Elements.symbol(species[i])).append(' ').append(String.format(Locale.ROOT, "%.6f", e0[i]));
        }
        if (rank < k) {
            msg.append(" (rank ").append(rank).append(" < ").append(k).append(": minimum-norm)");
        }
        out.message(msg.toString());
        return e0;
    }

    /** Predicts the validation set in parallel and reports RMSEs (energy eV/atom, forces eV/Å, stress eV/Å³). */
    private static void validate(LinearModel model, Dataset validation, Workers workers, TrainingListener out) {
        List<Structure> structures = validation.structures();
        ArrayDeque<Future<Prediction>> inFlight = new ArrayDeque<>();
        int window = 2 * workers.threads();
        int next = 0;
        double se = 0;
        double sf = 0;
        double ss = 0;
        long ne = 0;
        long nf = 0;
        long ns = 0;
        for (int done = 0; done < structures.size(); done++) {
            while (next < structures.size() && inFlight.size() < window) {
                Structure s = structures.get(next++);
                inFlight.add(workers.submit(() -> model.predict(s, NeighborList.build(s, model.cutoff()), s.labels().hasForces(),
                    s.labels().stress().isPresent())));
            }
            Prediction p = Workers.await(inFlight.poll());
            Structure s = structures.get(done);
            Labels l = s.labels();
            if (l.energy().isPresent() && s.atomCount() > 0) {
                double d = (p.energy() - l.energy().getAsDouble()) / s.atomCount();
                se += d * d;
                ne++;
            }
            if (l.hasForces()) {
                double[] f = l.forces().orElseThrow();
                double[] pf = p.forces().orElseThrow();
                for (int i = 0; i < f.length; i++) {
                    double d = pf[i] - f[i];
                    sf += d * d;
                }
                nf += f.length;
            }
            if (l.stress().isPresent() && p.stress().isPresent()) {
                double[] st = l.stress().orElseThrow();
                double[] ps = p.stress().orElseThrow();
                for (int i = 0; i < 6; i++) {
                    double d = ps[i] - st[i];
                    ss += d * d;
                }
                ns += 6;
            }
            out.progress("validate", done + 1, structures.size());
        }
        StringBuilder msg = new StringBuilder("linear: validation '" + validation.name() + "'");
        if (ne > 0) {
            out.metric("validation_energy_rmse", 0, Math.sqrt(se / ne));
            msg.append(String.format(Locale.ROOT, " energy RMSE %.3f meV/atom", 1000 * Math.sqrt(se / ne)));
        }
        if (nf > 0) {
            out.metric("validation_forces_rmse", 0, Math.sqrt(sf / nf));
            msg.append(String.format(Locale.ROOT, " forces RMSE %.4f eV/Å", Math.sqrt(sf / nf)));
        }
        if (ns > 0) {
            out.metric("validation_stress_rmse", 0, Math.sqrt(ss / ns));
            msg.append(String.format(Locale.ROOT, " stress RMSE %.3g eV/Å³", Math.sqrt(ss / ns)));
        }
        out.message(msg.toString());
    }

    private static String describe(Map<String, Double> d) {
        StringBuilder sb = new StringBuilder();
        d.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
            .append(String.format(Locale.ROOT, "%.6g", v)));
        return sb.toString();
    }
}
