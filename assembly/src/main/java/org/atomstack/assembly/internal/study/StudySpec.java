package org.atomstack.assembly.internal.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atomstack.assembly.internal.stack.StackSpec;

/**
 * A parsed study file: stacks × datasets × training-set sizes × repeats, run under identical
 * splits and subsets.
 *
 * <pre>{@code
 * name: ace-degree-Mo
 * seed: 42                         # seeds every subset choice (not the stacks)
 * stacks:                          # files (relative to the study file) or inline stacks
 *   - file: ../stacks/ace-linear-Mo.yaml
 *   - name: ace-small
 *     descriptor: {plugin: ace, ...}
 *     model: {plugin: linear}
 * datasets:
 *   - name: Mo
 *     train: ../data/zuo2020-Mo/training.json
 *     test: ../data/zuo2020-Mo/test.json
 *   - name: Mo-split               # or one file split by a seeded rule
 *     data: ../data/zuo2020-Mo/training.json
 *     test_fraction: 0.2
 * sizes: [0.5, 1.0]                # fractions of the training set (≤ 1) or structure counts (> 1)
 * repeats: 3                       # distinct seeds per size
 * metrics: [force_mae, energy_mae] # columns of the table (default: all)
 * budget: {epochs: 100}            # merged into every model stage's parameters
 * wall_seconds: 3600               # per-cell time budget; the trainer is asked to stop
 * parallel: 2                      # cells run at once (default: available processors)
 * parity: [ace-small]              # stacks whose test-force parity plots are drawn
 * save_models: false               # true: keep each cell's fitted model in its model/ directory
 * }</pre>
 *
 * @param name        study name
 * @param source      the study file
 * @param seed        seed of subset choices
 * @param stacks      the stacks, by name
 * @param datasets    the datasets
 * @param sizes       training-set sizes (fractions ≤ 1 or counts)
 * @param repeats     repeats per size
 * @param metrics     metric columns to tabulate
 * @param budget      parameters merged into every model stage
 * @param wallSeconds per-cell wall-time budget (≤ 0: none)
 * @param parallel    cells at once
 * @param parity      stacks with parity plots
 * @param saveModels  whether each cell keeps its fitted model (cell/model, loadable by eval and dimer)
 */
public record StudySpec(String name, Path source, long seed, List<StackSpec> stacks, List<DatasetSpec> datasets,
                        List<Double> sizes, int repeats, List<String> metrics, Map<String, Object> budget,
                        double wallSeconds, int parallel, List<String> parity, boolean saveModels) {

    /**
     * A dataset of the study.
     *
     * @param name         name used in cell paths and tables
     * @param train        training file (or the file to split)
     * @param test         test file, or null when split from {@code train}
     * @param testFraction fraction of {@code train} held out as test when {@code test} is null
     */
    public record DatasetSpec(String name, Path train, Path test, double testFraction) {
    }
}
