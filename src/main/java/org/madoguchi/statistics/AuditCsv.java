package org.madoguchi.statistics;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit's tables as CSV for Excel: UTF-8 with a byte order mark (without it Excel reads Japanese as
 * Shift_JIS), CRLF line ends and Japanese headers. Numbers are written without thousands separators so that
 * Excel keeps them as numbers.
 */
final class AuditCsv {

    private AuditCsv() {
    }

    static void table3(AuditTables.Table3 t, OutputStream out) {
        write(out, csv -> {
            List<String> header = new ArrayList<>();
            header.add("区分");
            t.years().forEach(y -> header.add(y.shortLabel() + "（" + y.year() + "年度）"));
            header.add("合計");
            csv.writeRecord(header);
            for (int i = 0; i < t.departments().size(); i++) {
                List<String> row = new ArrayList<>();
                row.add(t.departments().get(i).name());
                t.counts().get(i).forEach(n -> row.add(Long.toString(n)));
                row.add(Long.toString(t.rowTotals().get(i)));
                csv.writeRecord(row);
            }
            List<String> totals = new ArrayList<>();
            totals.add("合計");
            t.columnTotals().forEach(n -> totals.add(Long.toString(n)));
            totals.add(Long.toString(t.total()));
            csv.writeRecord(totals);
        });
    }

    static void table41(AuditTables.Table41 t, OutputStream out) {
        write(out, csv -> {
            csv.writeRecord("区分", "平均待ち時間", "最短待ち時間", "最短の月", "最長待ち時間", "最長の月",
                    "平均待ち時間（秒）", "最短待ち時間（秒）", "最長待ち時間（秒）");
            for (AuditTables.Table41Row r : t.rows()) {
                if (r.averageSeconds() == null) {
                    csv.writeRecord(r.department().name(), "", "", "", "", "", "", "", "");
                    continue;
                }
                csv.writeRecord(r.department().name(), r.average(), r.shortest().formatted(), r.shortest().monthLabel(),
                        r.longest().formatted(), r.longest().monthLabel(), Long.toString(r.averageSeconds()),
                        Long.toString(r.shortest().seconds()), Long.toString(r.longest().seconds()));
            }
        });
    }

    private interface Body {
        void write(CsvWriter csv) throws IOException;
    }

    /** The write-free counter's use by month, in the columns of the audit's table 11 plus the tickets issued. */
    static void writeFree(WriteFreeReport.Report r, OutputStream out) {
        write(out, csv -> {
            csv.writeRecord("月", "発券数", "手続ナビ 開始", "手続ナビ 完了", "手続ナビ 二次元コード受付数",
                    "事前入力 アクセス数", "事前入力 二次元コード生成数", "事前入力 二次元コード受付数", "事前入力 印刷数",
                    "コード受付の割合（%）");
            List<WriteFreeReport.Month> rows = new ArrayList<>(r.months());
            rows.add(r.total());
            for (WriteFreeReport.Month m : rows) {
                csv.writeRecord(m.month() == null ? m.label() : m.month().toString(), Long.toString(m.tickets()),
                        Long.toString(m.naviStarted()), Long.toString(m.naviCompleted()), Long.toString(m.naviScanned()),
                        Long.toString(m.preStarted()), Long.toString(m.preCompleted()), Long.toString(m.preScanned()),
                        Long.toString(m.prePrinted()), m.share() == null ? "" : m.share().toString());
            }
        });
    }

    private static void write(OutputStream out, Body body) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
            body.write(csv);
            csv.flush();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
