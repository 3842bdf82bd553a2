package org.atomstack.api.structure;

import java.util.Locale;

/** Chemical element symbols and atomic numbers (Z = 1..118). */
public final class Elements {
    private static final String[] SYMBOLS = {
        "X",
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne",
        "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
        "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn",
        "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr",
        "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn",
        "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
        "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb",
        "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
        "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th",
        "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm",
        "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds",
        "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"
    };

    /** Largest supported atomic number. */
    public static final int MAX_Z = SYMBOLS.length - 1;

    private Elements() {
    }

    /** The symbol of element {@code z}, e.g. 42 → "Mo". */
    public static String symbol(int z) {
        if (z < 1 || z > MAX_Z) {
            throw new IllegalArgumentException("atomic number " + z + " is outside 1.." + MAX_Z);
        }
        return SYMBOLS[z];
    }

    /**
     * The atomic number of a symbol; case-insensitive ("mo", "MO" and "Mo" all give 42).
     *
     * @throws IllegalArgumentException naming the symbol when it is not an element
     */
    public static int atomicNumber(String symbol) {
        String s = symbol.strip();
        if (!s.isEmpty()) {
            String norm = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            for (int z = 1; z <= MAX_Z; z++) {
                if (SYMBOLS[z].equals(norm)) {
                    return z;
                }
            }
        }
        throw new IllegalArgumentException("unknown chemical element '" + symbol + "'");
    }
}
