package org.atomstack.assembly.internal.run;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.atomstack.api.model.TrainingListener;

/**
 * Shows training progress: a progress bar with ETA per phase on an interactive terminal,
 * otherwise one line per phase and every tenth of it (so logs stay short). Metrics are printed
 * as they arrive. Closing finishes the current bar.
 */
public final class ConsoleProgress implements TrainingListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean interactive;
    private String phase;
    private ProgressBar bar;
    private long lastTenth = -1;

    /** @param err where non-interactive progress lines go */
    public ConsoleProgress(PrintWriter err) {
        this.err = err;
        this.interactive = System.console() != null;
    }

    @Override
    public synchronized void progress(String newPhase, long done, long total) {
        if (!newPhase.equals(phase)) {
            finishBar();
            phase = newPhase;
            lastTenth = -1;
            if (interactive && total > 0) {
                bar = new ProgressBarBuilder().setTaskName(newPhase).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .showSpeed().build();
            }
        }
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(done);
        } else if (total > 0) {
            long tenth = done * 10 / total;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.printf(Locale.ROOT, "%s %d/%d%n", newPhase, done, total);
                err.flush();
            }
        }
    }

    @Override
    public synchronized void metric(String name, long step, double value) {
        finishBar();
        err.printf(Locale.ROOT, "%s [%d] = %.6g%n", name, step, value);
        err.flush();
    }

    @Override
    public synchronized void message(String text) {
        finishBar();
        err.println(text);
        err.flush();
    }

    private void finishBar() {
        if (bar != null) {
            bar.close();
            bar = null;
            phase = null;
        }
    }

    @Override
    public synchronized void close() {
        finishBar();
    }
}
