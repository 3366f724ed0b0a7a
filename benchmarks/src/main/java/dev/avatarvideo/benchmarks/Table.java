package dev.avatarvideo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a benchmark prints: a titled Markdown table, and the notes that say what its numbers mean. */
public final class Table {

    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of '" + title + "' needs " + columns.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(List.copyOf(row));
        return this;
    }

    public Table note(String note) {
        notes.add(note);
        return this;
    }

    public String title() {
        return title;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** The row whose first cell is this, for tests that check a table has what it should. */
    public Optional<List<String>> rowNamed(String firstCell) {
        return rows.stream().filter(r -> r.getFirst().equals(firstCell)).findFirst();
    }

    /** The cell of that row under that column. */
    public String cell(String firstCell, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns);
        }
        return rowNamed(firstCell).orElseThrow(() -> new IllegalArgumentException("no row '" + firstCell + "' in '" + title + "'")).get(index);
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append("| ").append(String.join(" | ", columns)).append(" |\n");
        out.append("|").append(" --- |".repeat(columns.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return markdown();
    }
}
