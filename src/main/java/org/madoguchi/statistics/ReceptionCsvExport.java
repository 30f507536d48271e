package org.madoguchi.statistics;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.EventType;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ReceptionExport;
import org.springframework.stereotype.Service;

/**
 * Reception's tickets and event log as CSV for Excel, with the visit export's rules: UTF-8 with BOM and CRLF by
 * default, windows-31j on request (JIS traps mapped first, anything still unencodable refuses the export with the
 * characters and the first line numbers), Japanese headers, streamed in constant memory. The rows come from
 * {@link ReceptionExport} (reception's public API), which reads in short keyset-paged transactions.
 */
@Service
class ReceptionCsvExport {

    enum Kind { EVENTS, TICKETS }

    static final String[] EVENT_HEADER = {"日時", "種別", "業務日", "受付番号", "手順", "課", "窓口", "変更前の状態", "変更後の状態"};
    static final String[] TICKET_HEADER = {"業務日", "受付番号", "発券時刻", "発券方法", "優先区分", "状態", "訪問する課",
            "課の数", "終了時刻"};

    static final Map<EventType, String> EVENT_TYPES = Map.ofEntries(
            Map.entry(EventType.ISSUED, "発券"), Map.entry(EventType.QUEUED, "順番待ち開始"),
            Map.entry(EventType.CALLED, "呼出"), Map.entry(EventType.RECALLED, "再呼出"),
            Map.entry(EventType.ABSENT, "不在"), Map.entry(EventType.RETURNED, "不在から復帰"),
            Map.entry(EventType.STARTED, "対応開始"), Map.entry(EventType.COMPLETED, "完了"),
            Map.entry(EventType.HANDED_OVER, "窓口連携で引継ぎ"), Map.entry(EventType.VISIT_ADDED, "課の追加"),
            Map.entry(EventType.VISIT_REMOVED, "課の取消"), Map.entry(EventType.CANCELLED, "取消"),
            Map.entry(EventType.DROPPED, "不在のため終了"), Map.entry(EventType.UNSERVED, "未対応（閉庁）"),
            Map.entry(EventType.DAY_CLOSED, "業務終了"), Map.entry(EventType.COUNTER_OPENED, "窓口開始"),
            Map.entry(EventType.COUNTER_CLOSED, "窓口終了"));
    static final Map<String, String> STATUSES = Map.ofEntries(
            Map.entry("PENDING", "前の課の待ち"), Map.entry("WAITING", "順番待ち"), Map.entry("CALLED", "呼出中"),
            Map.entry("SERVING", "対応中"), Map.entry("COMPLETED", "完了"), Map.entry("ABSENT", "不在"),
            Map.entry("CANCELLED", "取消"), Map.entry("DROPPED", "不在のため終了"), Map.entry("UNSERVED", "未対応（閉庁）"),
            Map.entry("OPEN", "受付中"), Map.entry("FINISHED", "終了"), Map.entry("CLOSED_UNSERVED", "未対応（閉庁）"));
    static final Map<String, String> CHANNELS = Map.of("KIOSK", "発券機", "COUNTER", "窓口", "MODULE", "他システム");

    private final ReceptionExport reception;
    private final FloorDirectory floors;
    private final StatisticsProperties properties;

    ReceptionCsvExport(ReceptionExport reception, FloorDirectory floors, StatisticsProperties properties) {
        this.reception = reception;
        this.floors = floors;
        this.properties = properties;
    }

    /**
     * Checks (windows-31j only), then streams. {@code start} runs once the export is certain to proceed; a refusal
     * is thrown before it, with nothing written. Returns the number of data rows.
     */
    long export(Kind kind, VisitExport.Request request, Runnable start, Supplier<OutputStream> out) {
        ReceptionExport.Filter filter = new ReceptionExport.Filter(request.from(), request.to(), request.officeId(),
                request.departmentId(), request.counterId());
        FloorNames names = FloorNames.of(floors);
        ExportEncoding encoding = request.encoding();
        if (encoding == ExportEncoding.WINDOWS_31J) {
            preflight(kind, filter, names, encoding);
        }
        start.run();
        try {
            Writer writer = new OutputStreamWriter(out.get(), encoding.strictEncoder());
            if (encoding == ExportEncoding.UTF_8) {
                writer.write('\uFEFF');
            }
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).bufferSize(64 * 1024).build(writer);
            long rows;
            if (kind == Kind.EVENTS) {
                csv.writeRecord(EVENT_HEADER);
                rows = reception.events(filter, e -> csv.writeRecord(eventRecord(e, names, encoding)));
            } else {
                csv.writeRecord(TICKET_HEADER);
                rows = reception.tickets(filter, t -> csv.writeRecord(ticketRecord(t, names, encoding)));
            }
            csv.flush();
            writer.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String[] eventRecord(ReceptionExport.EventRow e, FloorNames names, ExportEncoding encoding) {
        return new String[] {time(e.occurredAt()), EVENT_TYPES.getOrDefault(e.type(), e.type().name()),
                e.serviceDate() == null ? "" : e.serviceDate().format(DAY), e.ticketNumber() == null ? "" : e.ticketNumber().toString(),
                e.seq() == null ? "" : e.seq().toString(), encoding.prepare(names.department(e.departmentId())),
                encoding.prepare(names.counter(e.counterId())), status(e.fromStatus()), status(e.toStatus())};
    }

    private String[] ticketRecord(ReceptionExport.TicketRow t, FloorNames names, ExportEncoding encoding) {
        StringJoiner route = new StringJoiner("→");
        t.departmentIds().forEach(d -> route.add(names.department(d)));
        return new String[] {t.serviceDate().format(DAY), Integer.toString(t.number()), time(t.issuedAt()),
                CHANNELS.getOrDefault(t.channel(), t.channel()), encoding.prepare(names.priority(t.priorityClass())),
                status(t.status()), encoding.prepare(route.toString()), Integer.toString(t.departmentIds().size()),
                t.endedAt() == null ? "" : time(t.endedAt())};
    }

    /**
     * Names are the only free text (an id no longer on the floor is written as it is, so the floor's names alone
     * do not tell): one reading pass finds the lines that would hold an unencodable character, and the export is
     * refused. A row that arrives after this pass with such a character aborts the transfer (strict encoder); a
     * '?' is never written.
     */
    private void preflight(Kind kind, ReceptionExport.Filter filter, FloorNames names, ExportEncoding encoding) {
        CharsetEncoder encoder = encoding.strictEncoder();
        TreeSet<Integer> characters = new TreeSet<>();
        List<Long> lines = new ArrayList<>();
        long[] line = {1};
        long[] total = {0};
        java.util.function.Consumer<String[]> check = record -> {
            line[0]++;
            boolean found = false;
            for (String field : record) {
                String prepared = ExportEncoding.toWindows31j(field);
                if (!encoder.canEncode(prepared)) {
                    found = true;
                    prepared.codePoints().filter(cp -> !encoder.canEncode(new String(Character.toChars(cp))))
                            .forEach(characters::add);
                }
            }
            if (found) {
                total[0]++;
                if (lines.size() < VisitExport.MAX_REPORTED_ROWS) {
                    lines.add(line[0]);
                }
            }
        };
        if (kind == Kind.EVENTS) {
            reception.events(filter, e -> check.accept(eventRecord(e, names, ExportEncoding.UTF_8)));
        } else {
            reception.tickets(filter, t -> check.accept(ticketRecord(t, names, ExportEncoding.UTF_8)));
        }
        if (total[0] == 0) {
            return;
        }
        StringJoiner chars = new StringJoiner("、");
        characters.forEach(cp -> chars.add(new String(Character.toChars(cp)) + "（U+" + Integer.toHexString(cp)
                .toUpperCase() + "）"));
        StringJoiner where = new StringJoiner("、");
        lines.forEach(l -> where.add(Long.toString(l)));
        throw ProblemException.invalid("unencodable-characters", "Windows-31J（Shift_JIS）では表せない文字 "
                + chars + " が含まれているため、出力できません。該当する行：" + where + " 行目"
                + (total[0] > lines.size() ? "ほか（全 " + total[0] + " 行）" : "（全 " + total[0] + " 行）")
                + "。UTF-8 で出力すると、すべての文字をそのまま出力できます。");
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private String time(Instant instant) {
        return TIME.withZone(properties.zone()).format(instant);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private static String status(String status) {
        return status == null ? "" : STATUSES.getOrDefault(status, status);
    }
}
