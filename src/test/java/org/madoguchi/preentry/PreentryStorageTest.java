package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/**
 * Pre-entries at rest and at the counter: sealed rows that do not contain the name in any encoding, expiry
 * and purge, the access log of staff actions, the kiosk ticket from the QR, the QR that holds only a token,
 * and the daily measures.
 */
class PreentryStorageTest {

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.shared();
    }

    private static byte[] rowBytes(UUID id) {
        return app.jdbc().sql("""
                SELECT convert_to(concat_ws('|', id::text, draft_token_hash, qr_token_hash, short_code_hash, key_id,
                       encode(nonce, 'hex'), encode(sealed, 'hex')), 'UTF8') || nonce || sealed
                FROM preentry.entry WHERE id = ?""").param(id).query(byte[].class).single();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void theRowHoldsTheNameInNoEncoding() {
        Preentries.Started started = PreentryFixture.finishedMoveIn(app, null);
        byte[] row = rowBytes(started.entry().id());
        List<String> probes = List.of(PreentryFixture.NAME, "髙橋", "板橋二丁目", "タカハシ", "090-1234-5678", "花子");
        List<Charset> charsets = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                Charset.forName("windows-31j"), Charset.forName("Shift_JIS"), Charset.forName("EUC-JP"));
        int checked = 0;
        for (String probe : probes) {
            for (Charset charset : charsets) {
                if (!charset.newEncoder().canEncode(probe)) {
                    continue;
                }
                byte[] encoded = probe.getBytes(charset);
                List<byte[]> forms = new ArrayList<>(List.of(encoded,
                        Base64.getEncoder().encode(encoded), Base64.getUrlEncoder().withoutPadding().encode(encoded),
                        HexFormat.of().formatHex(encoded).getBytes(StandardCharsets.US_ASCII)));
                for (byte[] form : forms) {
                    assertThat(contains(row, form)).as("%s in %s", probe, charset).isFalse();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(60);
        // The sealed value does open to the name: the test would pass on an empty row otherwise.
        assertThat(app.bean(Preentries.class).byId(started.entry().id()).orElseThrow().draft().value("name"))
                .isEqualTo(PreentryFixture.NAME);
        assertThat(app.jdbc().sql("SELECT key_id FROM preentry.entry WHERE id = ?").param(started.entry().id())
                .query(String.class).single()).isEqualTo("file");
    }

    @Test
    void expiredEntriesAreNotFoundAndArePurged() {
        Preentries.Started started = PreentryFixture.finishedMoveIn(app, null);
        UUID id = started.entry().id();
        String code = app.bean(Preentries.class).byId(id).orElseThrow().draft().shortCode();
        Preentries.Started fresh = PreentryFixture.finishedMoveIn(app, null);
        app.jdbc().sql("UPDATE preentry.entry SET expires_at = now() - interval '1 minute' WHERE id = ?").param(id).update();

        assertThat(app.bean(Preentries.class).byCode(code)).as("expired but not yet purged: already invisible").isEmpty();
        assertThat(app.bean(PreentryPurge.class).purge()).isGreaterThanOrEqualTo(1);
        assertThat(app.jdbc().sql("SELECT count(*) FROM preentry.entry WHERE id = ?").param(id).query(Integer.class)
                .single()).isZero();
        assertThat(app.jdbc().sql("SELECT count(*) FROM preentry.entry WHERE id = ?").param(fresh.entry().id())
                .query(Integer.class).single()).isOne();
        assertThat(actions(id)).containsExactly("expired");
        // Seven days after the last save by default.
        assertThat(java.time.Duration.between(fresh.entry().createdAt(), fresh.entry().expiresAt()).toDays()).isEqualTo(7);
    }

    private static List<String> actions(UUID id) {
        return app.jdbc().sql("SELECT action FROM preentry.access_log WHERE entry_id = ? ORDER BY id").param(id)
                .query(String.class).list();
    }

    @Test
    void staffViewsCorrectionsAndDeletionAreLoggedWithTheStaffId() {
        Preentries.Started started = PreentryFixture.finishedMoveIn(app, null);
        UUID id = started.entry().id();
        String shortCode = app.bean(Preentries.class).byId(id).orElseThrow().draft().shortCode();
        Http admin = new Http(app).admin();

        Http.Response lookup = admin.send(admin.request("/console/preentry/lookup")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + shortCode.toLowerCase())));
        assertThat(lookup.status()).as(lookup.body()).isEqualTo(302);
        assertThat(lookup.header("Location")).endsWith("/console/preentry/" + id);

        Http.Response view = admin.get("/console/preentry/" + id);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).contains("髙橋", "𠮷男", "住民票の写し等交付申請書");

        // A correction with the same checks as the resident's pages: a bad date is refused, every value kept.
        String form = "action=save&name=" + enc("髙橋 𠮷男") + "&kana=" + enc("たかはし よしお") + "&birthDate="
                + enc("平成31年5月1日") + "&sex=male&postalCode=1730004&address=" + enc("板橋2-66-1")
                + "&moveDate=" + LocalDate.now() + "&previousAddress=" + enc("埼玉県和光市広沢1-5")
                + "&householder=" + enc("髙橋 𠮷男") + "&relationship=" + enc("本人") + "&phone=09012345678"
                + "&RESIDENCE_CERTIFICATE.certificateType=" + enc("住民票の写し（世帯全員）")
                + "&RESIDENCE_CERTIFICATE.recordDomicile=no&RESIDENCE_CERTIFICATE.recordRelationship=yes"
                + "&RESIDENCE_CERTIFICATE.recordIndividualNumber=no&RESIDENCE_CERTIFICATE.recordResidentCode=no"
                + "&RESIDENCE_CERTIFICATE.copies=1&RESIDENCE_CERTIFICATE.purpose=" + enc("勤務先")
                + "&m0.name=" + enc("髙橋 花子") + "&m0.kana=" + enc("タカハシ ハナコ") + "&m0.birthDate=1992-06-15"
                + "&m0.sex=female&m0.relationship=" + enc("妻");
        Http.Response refused = postForm(admin, "/console/preentry/" + id, form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("平成の期間にありません", "value=\"平成31年5月1日\"", "板橋二丁目66番1号");
        Http.Response corrected = postForm(admin, "/console/preentry/" + id, form.replace(enc("平成31年5月1日"), enc("H2.4.1")));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(302);
        Draft draft = app.bean(Preentries.class).byId(id).orElseThrow().draft();
        assertThat(draft.value("birthDate")).isEqualTo("1990-04-01");
        assertThat(draft.value("address")).isEqualTo("板橋二丁目66番1号");
        assertThat(draft.value("kana")).isEqualTo("タカハシ\u3000ヨシオ");

        Http.Response deleted = postForm(admin, "/console/preentry/" + id + "/delete", "");
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(app.bean(Preentries.class).byId(id)).isEmpty();

        long adminId = app.jdbc().sql("SELECT id FROM platform.staff WHERE login = 'admin'").query(Long.class).single();
        assertThat(actions(id)).containsExactly("scan", "view", "correct", "correct", "delete");
        assertThat(app.jdbc().sql("SELECT DISTINCT staff_id FROM preentry.access_log WHERE entry_id = ?").param(id)
                .query(Long.class).list()).containsExactly(adminId);
        // The log holds who, what and when: no column for entries, and none of the values in any column.
        String logText = app.jdbc().sql("SELECT string_agg(row_to_json(l)::text, '') FROM preentry.access_log l WHERE entry_id = ?")
                .param(id).query(String.class).single();
        assertThat(logText).doesNotContain("髙橋", "1990", "板橋");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Http.Response postForm(Http http, String path, String body) {
        return http.send(http.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theKioskIssuesTheTicketForTheWholePlanAndTheScanIsCounted() {
        app.resetReception();
        PreentryUsage usage = app.bean(PreentryUsage.class);
        LocalDate today = app.bean(Preentries.class).today();
        PreentryUsage.Day before = usage.total(today, today);

        String plan = "MDG1:koseki-jumin=tennyu+juminhyo/kokuho-nenkin=kokuho-kanyu";
        Preentries.Started withPlan = PreentryFixture.finishedMoveIn(app, plan);
        Draft draft = app.bean(Preentries.class).byId(withPlan.entry().id()).orElseThrow().draft();
        Http admin = new Http(app).admin();
        Http.Response ticket = admin.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", draft.qrToken())));
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        assertThat(ticket.body()).contains("koseki-jumin", "kokuho-nenkin", "kokuho-kanyu");
        // Read again at the counter: still one pre-entry received.
        Http.Response again = admin.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", draft.shortCode())));
        assertThat(again.status()).isEqualTo(201);

        Preentries.Started direct = PreentryFixture.finishedMoveIn(app, null);
        Draft directDraft = app.bean(Preentries.class).byId(direct.entry().id()).orElseThrow().draft();
        Http.Response directTicket = admin.post("/api/v1/offices/honcho/tickets/from-plan",
                Http.json(Map.of("code", directDraft.qrToken())));
        assertThat(directTicket.status()).as(directTicket.body()).isEqualTo(201);
        assertThat(directTicket.body()).contains("koseki-jumin").doesNotContain("kokuho-nenkin");

        Http.Response unknown = admin.post("/api/v1/offices/honcho/tickets/from-plan",
                Http.json(Map.of("code", "MDGP:AAAAAAAAAAAAAAAAAAAAAA")));
        assertThat(unknown.status()).isEqualTo(422);

        PreentryUsage.Day after = usage.total(today, today);
        assertThat(after.started() - before.started()).isEqualTo(2);
        assertThat(after.completed() - before.completed()).isEqualTo(2);
        assertThat(after.scanned() - before.scanned()).isEqualTo(2);
        assertThat(usage.daily(today.minusDays(2), today)).hasSize(3).first().extracting(PreentryUsage.Day::started)
                .isEqualTo(0);
    }

    @Test
    void aDisplayDevicesRefusedScanIsNoScan() {
        app.resetReception();
        PreentryUsage usage = app.bean(PreentryUsage.class);
        LocalDate today = app.bean(Preentries.class).today();
        Preentries.Started started = PreentryFixture.finishedMoveIn(app, null);
        UUID id = started.entry().id();
        Draft draft = app.bean(Preentries.class).byId(id).orElseThrow().draft();
        int before = usage.total(today, today).scanned();

        Http display = new Http(app).bearer(app.device("DISPLAY", "honcho"));
        for (String code : List.of(draft.qrToken(), draft.shortCode())) {
            Http.Response refused = display.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", code)));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        }
        assertThat(usage.total(today, today).scanned()).isEqualTo(before);
        assertThat(actions(id)).isEmpty();

        Http kiosk = new Http(app).bearer(app.device("KIOSK", "honcho"));
        assertThat(kiosk.post("/api/v1/offices/honcho/tickets/from-plan", Http.json(Map.of("code", draft.qrToken())))
                .status()).isEqualTo(201);
        assertThat(usage.total(today, today).scanned()).isEqualTo(before + 1);
        assertThat(actions(id)).containsExactly("scan");
    }

    @Test
    void theQrCodeHoldsOnlyARandomToken() throws Exception {
        Preentries.Started started = PreentryFixture.filledMoveIn(app, null);
        Http.Response page = PreentryFixture.finishOnPage(app, started.draftToken()).page();
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("髙橋", "板橋二丁目", "1990");
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page.body());
        assertThat(svg.find()).isTrue();
        String decoded = PreentryFixture.decodeSvgQr(svg.group());
        assertThat(decoded).matches("MDGP:[A-Za-z0-9_-]{22}");
        assertThat(Base64.getUrlDecoder().decode(decoded.substring(5))).hasSize(16);
        for (String personal : List.of("髙橋", "𠮷男", "タカハシ", "1990", "173", "090", "板橋", "tennyu")) {
            assertThat(decoded).doesNotContain(personal);
        }
        assertThat(app.bean(Preentries.class).byCode(decoded)).map(e -> e.id()).contains(started.entry().id());
        assertThat(page.header("Cache-Control")).contains("no-store");
    }

    @Test
    void theResidentDeletesADraftAtOnce() {
        Preentries.Started started = PreentryFixture.filledMoveIn(app, null);
        UUID id = started.entry().id();
        String draftCookie = PreentryFixture.draftCookie(started.draftToken());
        Http.Response page = new Http(app).header("Cookie", draftCookie).get("/preentry/confirm");
        Http http = new Http(app).header("Cookie", draftCookie + "; " + page.cookies());
        Http.Response deleted = postForm(http, "/preentry/delete", "_csrf=" + PreentryFixture.csrf(page));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).contains("削除しました");
        assertThat(deleted.header("Set-Cookie")).contains(PreentryController.COOKIE + "=;").contains("Max-Age=0");
        assertThat(app.jdbc().sql("SELECT count(*) FROM preentry.entry WHERE id = ?").param(id).query(Integer.class)
                .single()).isZero();
        assertThat(actions(id)).containsExactly("resident-delete");
        // The old cookie now leads back to the start.
        Http.Response after = new Http(app).header("Cookie", draftCookie).get("/preentry/confirm");
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.header("Location")).contains("/preentry?expired");
    }

    @Test
    void theResidentDeletesAFinishedEntryFromTheQrPage() {
        Preentries.Started started = PreentryFixture.filledMoveIn(app, null);
        UUID id = started.entry().id();
        PreentryFixture.Finished finished = PreentryFixture.finishOnPage(app, started.draftToken());
        Matcher qr = Pattern.compile("name=\"qr\" value=\"([^\"]+)\"").matcher(finished.page().body());
        assertThat(qr.find()).isTrue();
        Http http = new Http(app).header("Cookie", finished.cookies());
        Http.Response deleted = postForm(http, "/preentry/delete",
                "_csrf=" + PreentryFixture.csrf(finished.page()) + "&qr=" + enc(qr.group(1)));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).contains("削除しました");
        assertThat(app.bean(Preentries.class).byId(id)).isEmpty();
        assertThat(actions(id)).containsExactly("resident-delete");
    }
}
