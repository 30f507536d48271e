package org.madoguchi.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.Ticket;

/** CSV export of reception's tickets and events over HTTP, read back with a strict decoder and FastCSV's reader. */
class ReceptionCsvExportTest {

    private static final Actor MANAGER = Actor.staff(8201, Actor.Role.MANAGER, Set.of());
    private static final Actor KOSEKI = Actor.staff(8202, Actor.Role.STAFF, Set.of("koseki-jumin"));
    private static final Actor KOKUHO = Actor.staff(8203, Actor.Role.STAFF, Set.of("kokuho-nenkin"));

    private final TestApp app = TestApp.shared();
    private final ReceptionService reception = app.bean(ReceptionService.class);
    private final Http manager = new Http(app).basic("stats-manager-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
    private final Http staff = new Http(app).basic("stats-staff-" + StatisticsApiTest.SUFFIX, StatisticsApiTest.PASSWORD);
    private final HttpClient client = HttpClient.newHttpClient();
    private final String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();

    @BeforeAll
    static void accounts() {
        StatisticsApiTest.accounts();
    }

    @BeforeEach
    @AfterEach
    void reset() {
        app.resetReception();
    }

    private byte[] bytes(Http who, String path, int status) throws Exception {
        HttpResponse<byte[]> r = client.send(who.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        return r.body();
    }

    private static String decode(byte[] body, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }

    private static List<List<String>> records(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (CsvRecord r : CsvReader.builder().ofCsvRecord(text)) {
            rows.add(r.getFields());
        }
        return rows;
    }

    private Ticket issue(String... departments) {
        return reception.issue(new IssueTicket("honcho", Arrays.stream(departments)
                .map(d -> new ItineraryStep(d, List.of())).toList(), null, null, null), MANAGER).ticket();
    }

    @Test
    void ticketsAndEventsOfARealDay() throws Exception {
        reception.openCounter("honcho-1", KOSEKI);
        reception.openCounter("honcho-11", KOKUHO);
        Ticket both = issue("koseki-jumin", "kokuho-nenkin");
        reception.complete(reception.callNext("honcho-1", KOSEKI).orElseThrow().id(), KOSEKI);
        reception.complete(reception.callNext("honcho-11", KOKUHO).orElseThrow().id(), KOKUHO);
        Ticket cancelled = issue("kosodate");
        reception.cancel(cancelled.id(), MANAGER);

        byte[] body = bytes(manager, "/api/v1/statistics/export/tickets.csv?from=" + today + "&to=" + today, 200);
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = decode(body, StandardCharsets.UTF_8);
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        List<List<String>> tickets = records(text.substring(1));
        assertThat(tickets.get(0)).containsExactly("業務日", "受付番号", "発券時刻", "発券方法", "優先区分", "状態", "訪問する課",
                "課の数", "終了時刻");
        assertThat(tickets).hasSize(3);
        List<String> first = tickets.get(1);
        assertThat(first.get(0)).isEqualTo(today.replace('-', '/'));
        assertThat(first.get(1)).isEqualTo(Integer.toString(both.number()));
        assertThat(first.get(5)).isEqualTo("終了");
        assertThat(first.get(6)).isEqualTo("戸籍住民課→国保年金課");
        assertThat(first.get(7)).isEqualTo("2");
        assertThat(first.get(8)).matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(tickets.get(2).get(5)).isEqualTo("取消");
        // No public token of the ticket anywhere.
        assertThat(text).doesNotContain(both.publicToken());

        List<List<String>> events = records(decode(bytes(manager, "/api/v1/statistics/export/events.csv?from=" + today
                + "&to=" + today, 200), StandardCharsets.UTF_8).substring(1));
        assertThat(events.get(0)).containsExactly("日時", "種別", "業務日", "受付番号", "手順", "課", "窓口", "変更前の状態", "変更後の状態");
        List<String> types = events.subList(1, events.size()).stream().map(r -> r.get(1)).toList();
        assertThat(types).contains("窓口開始", "発券", "呼出", "完了", "窓口連携で引継ぎ", "取消");
        assertThat(types.indexOf("発券")).isLessThan(types.indexOf("呼出"));
        assertThat(events.stream().filter(r -> r.get(1).equals("呼出")).map(r -> r.get(6)).toList())
                .containsExactly("1番窓口", "11番窓口");
        // Times ascend.
        List<String> times = events.subList(1, events.size()).stream().map(r -> r.get(0)).toList();
        assertThat(times).isSorted();

        // A department filter keeps tickets that visit it; a counter filter keeps events at it.
        assertThat(records(decode(bytes(manager, "/api/v1/statistics/export/tickets.csv?from=" + today + "&to=" + today
                + "&department=kokuho-nenkin", 200), StandardCharsets.UTF_8).substring(1))).hasSize(2);
        assertThat(records(decode(bytes(manager, "/api/v1/statistics/export/events.csv?from=" + today + "&to=" + today
                + "&counter=honcho-11", 200), StandardCharsets.UTF_8).substring(1)).subList(1, 3))
                .allSatisfy(r -> assertThat(r.get(6)).isEqualTo("11番窓口"));
    }

    @Test
    void manyEventsWithTheSameTimeArePagedWithoutLossOrRepeats() throws Exception {
        // 12,001 events at one instant: more than two pages whose keys tie on time and differ only by id.
        app.jdbc().sql("""
                INSERT INTO reception.event (occurred_at, type, office_id, ticket_number, department_id, counter_id)
                SELECT TIMESTAMPTZ '2020-01-06 10:00:00+09', 'CALLED', 'honcho', n, 'koseki-jumin', 'honcho-1'
                FROM generate_series(1, 12001) n""").update();
        app.jdbc().sql("""
                INSERT INTO reception.event (occurred_at, type, office_id, ticket_number, department_id, counter_id)
                VALUES (TIMESTAMPTZ '2020-01-05 23:59:59+09', 'CALLED', 'honcho', 0, 'koseki-jumin', 'honcho-1'),
                       (TIMESTAMPTZ '2020-01-07 00:00:00+09', 'CALLED', 'honcho', 0, 'koseki-jumin', 'honcho-1')""").update();
        List<List<String>> rows = records(decode(bytes(manager,
                "/api/v1/statistics/export/events.csv?from=2020-01-06&to=2020-01-06", 200), StandardCharsets.UTF_8).substring(1));
        assertThat(rows).hasSize(12_002);
        Set<String> numbers = new HashSet<>();
        rows.subList(1, rows.size()).forEach(r -> numbers.add(r.get(3)));
        assertThat(numbers).hasSize(12_001).doesNotContain("0");
    }

    @Test
    void windows31jRefusesWhatItCannotHoldAndMapsTheRest() throws Exception {
        app.jdbc().sql("""
                INSERT INTO reception.event (occurred_at, type, office_id, ticket_number, department_id, counter_id)
                VALUES (TIMESTAMPTZ '2020-02-03 09:00:00+09', 'CALLED', 'honcho', 1, 'koseki-jumin', 'honcho-1'),
                       (TIMESTAMPTZ '2020-02-03 09:01:00+09', 'CALLED', 'honcho', 2, 'koseki-jumin', '窓口😀'),
                       (TIMESTAMPTZ '2020-02-04 09:00:00+09', 'CALLED', 'honcho', 3, 'koseki-jumin', '仮設〜窓口')""").update();
        Http.Response refused = manager.get("/api/v1/statistics/export/events.csv?from=2020-02-03&to=2020-02-04&encoding=windows-31j");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("detail").asString()).contains("😀（U+1F600）").contains("該当する行：3 行目")
                .contains("全 1 行").contains("UTF-8");
        String sjis = decode(bytes(manager, "/api/v1/statistics/export/events.csv?from=2020-02-04&to=2020-02-04&encoding=windows-31j", 200),
                Charset.forName("windows-31j"));
        List<List<String>> rows = records(sjis);
        assertThat(rows.get(0).get(0)).isEqualTo("日時");
        assertThat(rows.get(1).get(6)).isEqualTo("仮設\uFF5E窓口");
        assertThat(records(decode(bytes(manager, "/api/v1/statistics/export/events.csv?from=2020-02-03&to=2020-02-04", 200),
                StandardCharsets.UTF_8).substring(1)).get(2).get(6)).isEqualTo("窓口😀");
    }

    @Test
    void onlyManagersAndBadInputIsExplained() {
        assertThat(staff.get("/api/v1/statistics/export/events.csv?from=2020-01-01&to=2020-01-31").status()).isEqualTo(403);
        assertThat(staff.get("/api/v1/statistics/export/tickets.csv?from=2020-01-01&to=2020-01-31").status()).isEqualTo(403);
        Http.Response bad = manager.get("/api/v1/statistics/export/tickets.csv?from=2020-02-01&to=2020-01-31");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("detail").asString()).contains("終了日が開始日より前");
        assertThat(manager.get("/statistics/export").body()).contains("受付票の CSV を出力", "受付イベントの CSV を出力");
    }
}
