package org.atomstack.assembly.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.InvalidStructureException;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;
import org.atomstack.assembly.internal.io.FormatProblem;

/**
 * The pymatgen/mlearn JSON of the Zuo et al. benchmark (J. Phys. Chem. A 124, 731 (2020)): a
 * list of records, each with
 * <ul>
 * <li>{@code structure.lattice.matrix}: 3×3, lattice vectors as rows, Å (required);
 *     {@code structure.lattice.pbc}: 3 booleans (optional, default all periodic);
 * <li>{@code structure.sites[*].xyz}: Cartesian position, Å, and
 *     {@code structure.sites[*].species[0].element}: element symbol (required; a site with more
 *     than one species, i.e. partial occupancy, is an error);
 * <li>{@code outputs.energy}: total energy, eV; {@code outputs.forces}: one row of 3 per site,
 *     eV/Å; {@code outputs.virial_stress}: 6 values, kbar (each optional; null means absent);
 * <li>{@code group} → {@link Labels#configType()}; {@code num_atoms}, if present, must equal the
 *     number of sites.
 * </ul>
 * Structures are named {@code file#record} with records counted from 0.
 *
 * <h2>{@code virial_stress}: sign, unit and component order</h2>
 * Converted to ASE's convention (eV/Å³, σ = (1/V) ∂E/∂ε, Voigt xx yy zz yz xz xy) as
 * σ = −v · 0.1 GPa/kbar ÷ 160.21766208 GPa/(eV/Å³), with the shear components reordered
 * ({@link #toAseStress}). The evidence comes from the {@code Elastic} records of the six Zuo 2020
 * elements (the ground-state cell strained in one mode at a time, described as
 * {@code "mode m, strain e"}) and was checked by hand:
 * <ul>
 * <li><b>Sign.</b> Mo compressed along x (a = 8.93 Å instead of 9.50 Å) has
 *     v<sub>0</sub> = +346 kbar; stretched (a = 10.26 Å) it has v<sub>0</sub> = −285 kbar. So v is
 *     the pressure-like −σ that VASP prints "in kB", and a positive shear strain gives a negative
 *     shear v, i.e. a positive σ, as it must.
 * <li><b>Unit.</b> Along each Mo strain series the energy derivative (1/V) dE/dε (central
 *     differences, |ε| ≤ 0.06; for the uniaxial modes times (1 + ε), the finite-strain factor)
 *     equals −v · 0.1 GPa within 0.004 eV/Å³ for the diagonal modes (≤ 5 %) and within
 *     0.001 eV/Å³ for the shear modes (median 1–2 %); e.g. mode 6 at ε = −0.02: −0.01336 from the
 *     energies, −0.01362 eV/Å³ from v. A sign error would be off by 200 %, a unit error by 10×.
 * <li><b>Order.</b> v<sub>0..2</sub> are xx, yy, zz and v<sub>3</sub> is xy for every element
 *     (e.g. the Mo cells whose b vector gains an x component have |v<sub>3</sub>| up to 104 kbar
 *     while |v<sub>4</sub>|, |v<sub>5</sub>| stay below 0.5 kbar). The data README's
 *     "xx yy zz yz xz xy" is therefore wrong. The
 *     order of v<sub>4</sub> and v<sub>5</sub> <em>differs between elements</em>, judged by the
 *     plane of each shear (from the metric a<sub>i</sub>·a<sub>j</sub>, independent of how the
 *     cell is oriented):
 *     <ul>
 *     <li>Mo, Cu, Ni: an xz shear (e.g. Mo a = (9.50, 0, 0.76)) gives v<sub>4</sub> = −84.6 kbar,
 *         a yz shear (b = (0, 9.50, 0.38)) gives v<sub>5</sub> = −43.3 kbar: order
 *         <b>xx yy zz xy xz yz</b> ({@link ShearOrder#XY_XZ_YZ}). Independently, ASE's EMT
 *         stress of the 18 non-{@code Elastic} Cu and Ni test records (MD snapshots, vacancies,
 *         surfaces) correlates with −v<sub>4</sub> for σ<sub>xz</sub> (r = 0.999 Cu, 0.998 Ni)
 *         and with −v<sub>5</sub> for σ<sub>yz</sub> (r = 0.998, 0.988), so the MD data follow
 *         the same order;
 *     <li>Li, Si, Ge: an xz shear (e.g. Si c = (−1.31, 0, 10.86)) gives v<sub>5</sub>, a yz shear
 *         v<sub>4</sub>: VASP's own order <b>xx yy zz xy yz zx</b> ({@link ShearOrder#XY_YZ_ZX}),
 *         the one ASE's VASP reader and mlearn's own code assume.
 *     </ul>
 *     Every shear cell of every element agrees (per shear plane: Mo, Si, Ge 10 cells; Li 4;
 *     Cu, Ni 1).
 * </ul>
 * {@link #read(Path)} therefore picks the order per record from its elements: {@code XY_XZ_YZ} if
 * all atoms are Mo, Cu or Ni, else {@code XY_YZ_ZX}. For other files in this format, check the
 * order as above and pass it to {@link #read(Path, ShearOrder)}.
 */
public final class MlearnJson {
    /** kbar → eV/Å³: 0.1 GPa per kbar, 160.21766208 GPa per eV/Å³ (as ASE). */
    public static final double KBAR_IN_EV_PER_A3 = 0.1 / 160.21766208;

    private static final Set<Integer> XZ_YZ_ELEMENTS = Set.of(42, 29, 28); // Mo, Cu, Ni

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    /** Order of the three shear components {@code virial_stress[3..5]}. */
    public enum ShearOrder {
        /** xy, yz, zx: VASP's "in kB" order; the Zuo 2020 Li, Si and Ge files. */
        XY_YZ_ZX,
        /** xy, xz, yz: the Zuo 2020 Mo, Cu and Ni files. */
        XY_XZ_YZ
    }

    private MlearnJson() {
    }

    /**
     * Reads a file, choosing the shear order of {@code virial_stress} per record as the class
     * documentation explains (Mo, Cu, Ni: {@link ShearOrder#XY_XZ_YZ}; otherwise
     * {@link ShearOrder#XY_YZ_ZX}).
     *
     * @return a dataset named after the file, empty for an empty file or list
     * @throws DataFormatException naming file, record and line when the file is not valid
     */
    public static Dataset read(Path file) throws IOException {
        return readWith(file, null);
    }

    /** Reads a file with the given shear order of {@code virial_stress} for every record. */
    public static Dataset read(Path file, ShearOrder order) throws IOException {
        if (order == null) {
            throw new IllegalArgumentException("shear order must not be null");
        }
        return readWith(file, order);
    }

    /**
     * Converts a {@code virial_stress} row (kbar, −σ, order xx yy zz then the shears in
     * {@code order}) to ASE stress in eV/Å³, Voigt xx yy zz yz xz xy.
     */
    public static double[] toAseStress(double[] virialStress, ShearOrder order) {
        if (virialStress.length != 6) {
            throw new IllegalArgumentException("virial_stress needs 6 values, got " + virialStress.length);
        }
        double[] v = virialStress;
        double yz = order == ShearOrder.XY_YZ_ZX ? v[4] : v[5];
        double xz = order == ShearOrder.XY_YZ_ZX ? v[5] : v[4];
        double c = -KBAR_IN_EV_PER_A3;
        return new double[] {c * v[0], c * v[1], c * v[2], c * yz, c * xz, c * v[3]};
    }

    private static Dataset readWith(Path file, ShearOrder order) throws IOException {
        String fileName = String.valueOf(file.getFileName());
        List<Structure> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = MAPPER.createParser(in)) {
            int record = -1;
            try {
                JsonToken t = p.nextToken();
                if (t == null) {
                    return Dataset.of(fileName, out);
                }
                if (t != JsonToken.START_ARRAY) {
                    throw new DataFormatException(file, -1, p.currentTokenLocation().getLineNr(),
                        "expected a JSON list of records, found " + describe(t));
                }
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    record = out.size();
                    long line = p.currentTokenLocation().getLineNr();
                    if (t != JsonToken.START_OBJECT) {
                        throw new DataFormatException(file, record, line, "record is " + describe(t) + ", not a JSON object");
                    }
                    JsonNode node = p.readValueAsTree();
                    out.add(toStructure(file, fileName + "#" + record, record, line, node, order));
                }
                record = -1;
                t = p.nextToken();
                if (t != null) {
                    throw new DataFormatException(file, -1, p.currentTokenLocation().getLineNr(),
                        "unexpected " + describe(t) + " after the list of records");
                }
            } catch (JsonProcessingException e) {
                long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
                throw new DataFormatException(file, record, line, "malformed JSON: " + e.getOriginalMessage(), e);
            }
        }
        return Dataset.of(fileName, out);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static Structure toStructure(Path file, String name, int record, long line, JsonNode rec, ShearOrder order)
        throws DataFormatException {
        try {
            JsonNode structure = required(rec, "structure", "structure");
            JsonNode lattice = required(structure, "lattice", "structure.lattice");
            double[] matrix = matrix(required(lattice, "matrix", "structure.lattice.matrix"), 3, "structure.lattice.matrix");
            boolean[] pbc = {true, true, true};
            JsonNode pbcNode = lattice.get("pbc");
            if (pbcNode != null && !pbcNode.isNull()) {
                if (!pbcNode.isArray() || pbcNode.size() != 3 || !pbcNode.get(0).isBoolean() || !pbcNode.get(1).isBoolean()
                    || !pbcNode.get(2).isBoolean()) {
                    throw new FormatProblem("structure.lattice.pbc must be a list of 3 booleans, got " + pbcNode);
                }
                for (int k = 0; k < 3; k++) {
                    pbc[k] = pbcNode.get(k).booleanValue();
                }
            }
            JsonNode sites = required(structure, "sites", "structure.sites");
            if (!sites.isArray()) {
                throw new FormatProblem("structure.sites must be a list, got " + kind(sites));
            }
            int n = sites.size();
            JsonNode numAtoms = rec.get("num_atoms");
            if (numAtoms != null && !numAtoms.isNull() && !(numAtoms.canConvertToInt() && numAtoms.isIntegralNumber()
                && numAtoms.intValue() == n)) {
                throw new FormatProblem("num_atoms is " + numAtoms + " but structure.sites has " + n + " site" + (n == 1 ? "" : "s"));
            }
            double[] positions = new double[3 * n];
            int[] numbers = new int[n];
            for (int i = 0; i < n; i++) {
                String where = "structure.sites[" + i + "]";
                JsonNode site = sites.get(i);
                double[] xyz = vector(required(site, "xyz", where + ".xyz"), 3, where + ".xyz");
                System.arraycopy(xyz, 0, positions, 3 * i, 3);
                JsonNode species = required(site, "species", where + ".species");
                if (!species.isArray() || species.isEmpty()) {
                    throw new FormatProblem("missing required field " + where + ".species[0]");
                }
                if (species.size() > 1) {
                    throw new FormatProblem(where + " has " + species.size() + " species (partial occupancy is not supported)");
                }
                JsonNode element = required(species.get(0), "element", where + ".species[0].element");
                if (!element.isTextual()) {
                    throw new FormatProblem(where + ".species[0].element must be an element symbol, got " + element);
                }
                try {
                    numbers[i] = Elements.atomicNumber(element.textValue());
                } catch (IllegalArgumentException e) {
                    throw new FormatProblem(where + ".species[0].element: unknown element symbol '" + element.textValue() + "'");
                }
            }
            Labels.Builder labels = Labels.builder();
            JsonNode group = rec.get("group");
            if (group != null && !group.isNull()) {
                if (!group.isTextual()) {
                    throw new FormatProblem("group must be a string, got " + group);
                }
                labels.configType(group.textValue());
            }
            JsonNode outputs = rec.get("outputs");
            if (outputs != null && !outputs.isNull()) {
                JsonNode energy = outputs.get("energy");
                if (energy != null && !energy.isNull()) {
                    labels.energy(number(energy, "outputs.energy"));
                }
                JsonNode forces = outputs.get("forces");
                if (forces != null && !forces.isNull()) {
                    if (!forces.isArray()) {
                        throw new FormatProblem("outputs.forces must be a list of rows, got " + kind(forces));
                    }
                    if (forces.size() != n) {
                        throw new FormatProblem("outputs.forces has " + forces.size() + " row" + (forces.size() == 1 ? "" : "s")
                            + " but the structure has " + n + " site" + (n == 1 ? "" : "s"));
                    }
                    labels.forces(matrix(forces, n, "outputs.forces"));
                }
                JsonNode virial = outputs.get("virial_stress");
                if (virial != null && !virial.isNull()) {
                    double[] v = vector(virial, 6, "outputs.virial_stress");
                    ShearOrder o = order != null ? order : defaultOrder(numbers);
                    labels.stress(toAseStress(v, o));
                }
            }
            Cell cell = Cell.of(matrix, pbc);
            return Structure.of(name, positions, numbers, cell, labels.build());
        } catch (FormatProblem e) {
            throw new DataFormatException(file, record, line, e.getMessage());
        } catch (InvalidStructureException e) {
            throw new DataFormatException(file, record, line, e.getMessage(), e);
        }
    }

    private static ShearOrder defaultOrder(int[] numbers) {
        if (numbers.length == 0) {
            return ShearOrder.XY_YZ_ZX;
        }
        for (int z : numbers) {
            if (!XZ_YZ_ELEMENTS.contains(z)) {
                return ShearOrder.XY_YZ_ZX;
            }
        }
        return ShearOrder.XY_XZ_YZ;
    }

    private static JsonNode required(JsonNode parent, String field, String path) throws FormatProblem {
        JsonNode v = parent == null || !parent.isObject() ? null : parent.get(field);
        if (v == null || v.isNull()) {
            throw new FormatProblem("missing required field " + path);
        }
        return v;
    }

    /** Rows of 3 numbers, flattened. */
    private static double[] matrix(JsonNode node, int rows, String path) throws FormatProblem {
        if (!node.isArray() || node.size() != rows) {
            throw new FormatProblem(path + " must be a list of " + rows + " rows of 3 numbers, got " + kind(node));
        }
        double[] out = new double[3 * rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(vector(node.get(i), 3, path + "[" + i + "]"), 0, out, 3 * i, 3);
        }
        return out;
    }

    private static double[] vector(JsonNode node, int size, String path) throws FormatProblem {
        if (!node.isArray() || node.size() != size) {
            throw new FormatProblem(path + " must be a list of " + size + " numbers, got " + kind(node));
        }
        double[] out = new double[size];
        for (int k = 0; k < size; k++) {
            out[k] = number(node.get(k), path + "[" + k + "]");
        }
        return out;
    }

    private static double number(JsonNode node, String path) throws FormatProblem {
        if (!node.isNumber()) {
            throw new FormatProblem(path + " is not a number: " + node);
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw new FormatProblem(path + " is not finite: " + v);
        }
        return v;
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "a list of " + node.size();
        }
        return node.isObject() ? "an object" : node.toString();
    }
}
