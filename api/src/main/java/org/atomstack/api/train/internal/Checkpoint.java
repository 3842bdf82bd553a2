package org.atomstack.api.train.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.train.ParameterSet;
import org.atomstack.api.train.SavedState;

/**
 * Everything a training run needs to continue exactly where it stopped, and its file format.
 *
 * <p>File: a big-endian {@link DataOutputStream} body (magic, format version, then the fields in
 * declaration order; doubles as raw IEEE bits, so values round-trip bit for bit) followed by the
 * CRC-32 of the body. {@link #write} writes a temporary file in the target's directory, forces
 * it to disk and renames it over the target with {@link StandardCopyOption#ATOMIC_MOVE}, so a
 * reader sees either the old or the new checkpoint, never a torn one.
 *
 * @param fingerprint     the run's settings and data, compared on resume
 * @param epoch           epochs completed
 * @param batchesDone     batches completed of epoch {@code epoch + 1}
 * @param partialLoss     Σ batch loss × batch structures over those batches
 * @param partialCount    Σ batch structures over those batches
 * @param trainingLoss    mean training loss of every completed epoch
 * @param validationLoss  validation loss of every completed epoch (NaN without validation data)
 * @param parameters      current parameters
 * @param optimizer       optimiser state
 * @param schedule        learning-rate schedule state
 * @param bestLoss        best monitored loss so far (+∞ before any)
 * @param bestEpoch       epoch of the best loss (0 before any)
 * @param badEpochs       epochs since the best one (early stopping)
 * @param best            parameters at the best epoch, or null before any
 */
public record Checkpoint(String fingerprint, int epoch, int batchesDone, double partialLoss, double partialCount,
                         double[] trainingLoss, double[] validationLoss, ParameterSet parameters, SavedState optimizer,
                         SavedState schedule, double bestLoss, int bestEpoch, int badEpochs, ParameterSet best) {
    private static final String MAGIC = "atomstack-training-checkpoint";
    private static final int VERSION = 1;

    /** Copies the arrays. */
    public Checkpoint {
        trainingLoss = trainingLoss.clone();
        validationLoss = validationLoss.clone();
    }

    /** Mean training loss of every completed epoch (a copy). */
    @Override
    public double[] trainingLoss() {
        return trainingLoss.clone();
    }

    /** Validation loss of every completed epoch (a copy). */
    @Override
    public double[] validationLoss() {
        return validationLoss.clone();
    }

    /**
     * Writes the checkpoint atomically to {@code file} (replacing it).
     *
     * @throws IOException when writing or renaming fails (the old file is then left intact)
     */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            writeString(out, fingerprint);
            out.writeInt(epoch);
            out.writeInt(batchesDone);
            out.writeDouble(partialLoss);
            out.writeDouble(partialCount);
            writeArray(out, trainingLoss);
            writeArray(out, validationLoss);
            writeParameters(out, parameters);
            writeState(out, optimizer);
            writeState(out, schedule);
            out.writeDouble(bestLoss);
            out.writeInt(bestEpoch);
            out.writeInt(badEpochs);
            out.writeBoolean(best != null);
            if (best != null) {
                writeParameters(out, best);
            }
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.allocate(body.length + Long.BYTES);
                buf.put(body).putLong(crc.getValue()).flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace checkpoint " + target + " atomically: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @throws IOException naming the file when it is missing, truncated, corrupt (checksum) or
     *     not a checkpoint of this format
     */
    public static Checkpoint read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < Long.BYTES) {
            throw new IOException(file + " is not a training checkpoint (too short)");
        }
        int n = all.length - Long.BYTES;
        CRC32 crc = new CRC32();
        crc.update(all, 0, n);
        long stored = ByteBuffer.wrap(all, n, Long.BYTES).getLong();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, n))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException(file + " is not a training checkpoint");
            }
            if (stored != crc.getValue()) {
                throw new IOException(file + " is corrupt (checksum mismatch)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " has checkpoint format version " + version + "; this version reads " + VERSION);
            }
            String fingerprint = readString(in);
            int epoch = in.readInt();
            int batches = in.readInt();
            double partialLoss = in.readDouble();
            double partialCount = in.readDouble();
            double[] train = readArray(in);
            double[] val = readArray(in);
            ParameterSet params = readParameters(in);
            SavedState opt = readState(in);
            SavedState sched = readState(in);
            double bestLoss = in.readDouble();
            int bestEpoch = in.readInt();
            int bad = in.readInt();
            ParameterSet best = in.readBoolean() ? readParameters(in) : null;
            if (in.available() > 0) {
                throw new IOException(file + " has " + in.available() + " unexpected bytes after the checkpoint");
            }
            return new Checkpoint(fingerprint, epoch, batches, partialLoss, partialCount, train, val, params, opt, sched,
                bestLoss, bestEpoch, bad, best);
        } catch (EOFException | UTFDataFormatException e) {
            throw new IOException(file + " is not a training checkpoint or is truncated", e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[checkedLength(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int checkedLength(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new EOFException("length " + n + " exceeds the remaining data");
        }
        return n;
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * Double.BYTES > in.available()) {
            throw new EOFException("array of " + n + " values exceeds the remaining data");
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    private static void writeParameters(DataOutputStream out, ParameterSet p) throws IOException {
        out.writeInt(p.size());
        for (int i = 0; i < p.size(); i++) {
            writeString(out, p.names().get(i));
            int[] dims = p.shapes().get(i).dims();
            out.writeInt(dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            writeArray(out, p.values(i));
        }
    }

    private static ParameterSet readParameters(DataInputStream in) throws IOException {
        int n = checkedLength(in);
        List<String> names = new ArrayList<>(n);
        List<Shape> shapes = new ArrayList<>(n);
        List<double[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(readString(in));
            int[] dims = new int[checkedLength(in)];
            for (int k = 0; k < dims.length; k++) {
                dims[k] = in.readInt();
            }
            shapes.add(Shape.of(dims));
            values.add(readArray(in));
        }
        try {
            return ParameterSet.of(names, shapes, values);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint holds invalid parameters: " + e.getMessage(), e);
        }
    }

    private static void writeState(DataOutputStream out, SavedState s) throws IOException {
        out.writeInt(s.names().size());
        for (String name : s.names()) {
            writeString(out, name);
            writeArray(out, s.get(name));
        }
    }

    private static SavedState readState(DataInputStream in) throws IOException {
        int n = checkedLength(in);
        SavedState.Builder b = SavedState.builder();
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            b.put(name, readArray(in));
        }
        return b.build();
    }
}
