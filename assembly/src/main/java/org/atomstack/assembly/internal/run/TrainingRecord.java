package org.atomstack.assembly.internal.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.atomstack.api.model.TrainingListener;

/**
 * Passes training events on to another listener, remembers the last value (and its step) of
 * every metric the trainer reported, and asks training to stop once an optional wall-time
 * limit has passed. What it remembers goes into metrics.json as {@code "training"}.
 */
public final class TrainingRecord implements TrainingListener {
    private final TrainingListener next;
    private final long deadline;
    private final Map<String, Map<String, Object>> last = new LinkedHashMap<>();
    private boolean deadlineReached;

    /**
     * @param next        listener that receives every event (console progress, a study budget)
     * @param wallSeconds training is asked to stop after this many seconds; ≤ 0 for no limit
     */
    public TrainingRecord(TrainingListener next, double wallSeconds) {
        this.next = next;
        this.deadline = wallSeconds > 0 ? System.nanoTime() + (long) (wallSeconds * 1e9) : Long.MAX_VALUE;
    }

    @Override
    public void progress(String phase, long done, long total) {
        next.progress(phase, done, total);
    }

    @Override
    public synchronized void metric(String name, long step, double value) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("step", step);
        v.put("value", Double.isFinite(value) ? value : String.valueOf(value));
        last.put(name, v);
        next.metric(name, step, value);
    }

    @Override
    public void message(String text) {
        next.message(text);
    }

    @Override
    public synchronized boolean stopRequested() {
        if (System.nanoTime() > deadline) {
            deadlineReached = true;
        }
        return deadlineReached || next.stopRequested();
    }

    /** {@code {"stopped_at_wall_limit": bool, "last": {metric: {"step", "value"}}}}. */
    public synchronized Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("stopped_at_wall_limit", deadlineReached);
        s.put("last", new LinkedHashMap<>(last));
        return s;
    }
}
