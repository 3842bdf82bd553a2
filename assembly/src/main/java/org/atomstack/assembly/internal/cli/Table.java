package org.atomstack.assembly.internal.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints left-aligned text tables with a header row. */
final class Table {
    private Table() {
    }

    static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        printRow(out, header, width);
        for (List<String> r : rows) {
            printRow(out, r, width);
        }
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            sb.append(s);
            if (c < cells.size() - 1) {
                sb.append(" ".repeat(width[c] - s.length() + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
