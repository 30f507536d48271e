package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.platform.CodeHasher;

/**
 * Pre-entry on a library's or branch office's shared computer (security review finding 4): the draft cookie
 * dies with the browser, and a finished entry is no longer reachable through it, so the next person sees
 * nothing of the previous one. Short codes are stored as keyed hashes (finding 10).
 */
class PreentrySharedComputerTest {

    private final TestApp app = TestApp.shared();

    @Test
    void theDraftCookieIsASessionCookie() {
        Http.Response start = new Http(app).get("/preentry");
        assertThat(start.header("Cache-Control")).contains("no-store");
        Http.Response begun = PreentryFixture.postForm(new Http(app).header("Cookie", start.cookies()),
                "/preentry/start", "_csrf=" + PreentryFixture.csrf(start) + "&procedure=juminhyo");
        assertThat(begun.status()).as(begun.body()).isEqualTo(302);
        String cookie = begun.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(PreentryController.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/preentry")
                .doesNotContainIgnoringCase("Max-Age").doesNotContainIgnoringCase("Expires");
        assertThat(begun.header("Cache-Control")).contains("no-store");
    }

    @Test
    void afterFinishingTheOldCookieOpensNothing() {
        Preentries.Started started = PreentryFixture.filledMoveIn(app, null);
        Http old = new Http(app).header("Cookie", PreentryFixture.draftCookie(started.draftToken()));
        // Before finishing, the cookie does open the draft (so the checks below are not vacuous).
        Http.Response draftPage = old.get("/preentry/step/applicant");
        assertThat(draftPage.status()).isEqualTo(200);
        assertThat(draftPage.body()).contains("髙橋");
        assertThat(draftPage.header("Cache-Control")).contains("no-store");

        Http.Response done = PreentryFixture.finishOnPage(app, started.draftToken()).page();
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"short-code\"", "終わったらこの画面を閉じてください", "id=\"end-button\"")
                .doesNotContain("髙橋", "/preentry/confirm\"");
        assertThat(done.header("Cache-Control")).contains("no-store");
        assertThat(done.raw().headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith(PreentryController.COOKIE + "=;").contains("Max-Age=0"));
        assertThat(app.jdbc().sql("SELECT draft_token_hash FROM preentry.entry WHERE id = ?")
                .param(started.entry().id()).query(String.class).optional()).isEmpty();

        // A browser that kept the cookie anyway (or the history) shows nothing personal.
        for (String page : List.of("/preentry/done", "/preentry/confirm", "/preentry/step/applicant",
                "/preentry/step/address", "/preentry/step/household")) {
            Http.Response again = old.get(page);
            assertThat(again.status()).as(page).isEqualTo(302);
            assertThat(again.header("Location")).as(page).contains("/preentry?expired");
        }
        Http.Response startPage = old.get("/preentry");
        assertThat(startPage.body()).doesNotContain("id=\"resume\"", "髙橋");
        // The resident's code still opens it at the counter.
        Draft draft = app.bean(Preentries.class).byId(started.entry().id()).orElseThrow().draft();
        assertThat(app.bean(Preentries.class).byCode(draft.shortCode().toLowerCase())).isPresent();
        assertThat(app.bean(Preentries.class).byCode(draft.qrToken())).isPresent();
    }

    @Test
    void theEndButtonLetsGoOfTheEntry() {
        Preentries.Started started = PreentryFixture.filledMoveIn(app, null);
        PreentryFixture.Finished finished = PreentryFixture.finishOnPage(app, started.draftToken());
        Http.Response ended = PreentryFixture.postForm(new Http(app).header("Cookie", finished.cookies()),
                "/preentry/end", "_csrf=" + PreentryFixture.csrf(finished.page()));
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.body()).contains("id=\"ended\"", "この画面を閉じてください").doesNotContain("髙橋", "<svg");
        assertThat(ended.header("Set-Cookie")).startsWith(PreentryController.COOKIE + "=;").contains("Max-Age=0");
        assertThat(ended.header("Cache-Control")).contains("no-store");
    }

    @Test
    void theShortCodeIsStoredAsAKeyedHash() {
        Preentries.Started started = PreentryFixture.finishedMoveIn(app, null);
        UUID id = started.entry().id();
        String shortCode = app.bean(Preentries.class).byId(id).orElseThrow().draft().shortCode();
        String stored = app.jdbc().sql("SELECT short_code_hash FROM preentry.entry WHERE id = ?").param(id)
                .query(String.class).single();
        assertThat(stored).isNotEqualTo(Preentries.hash(shortCode)).isNotEqualTo(sha256(shortCode))
                .isEqualTo(app.bean(CodeHasher.class).hash(Preentries.SHORT_CODE_PURPOSE, shortCode));
        assertThat(app.bean(Preentries.class).byCode(shortCode)).map(Preentries.Entry::id).contains(id);
    }

    @Test
    void entriesFinishedBeforeTheUpgradeGetTheirKeyedHashBack() {
        Preentries.Started started = PreentryFixture.finishedMoveIn(app, null);
        UUID id = started.entry().id();
        String shortCode = app.bean(Preentries.class).byId(id).orElseThrow().draft().shortCode();
        // As V20 leaves a row that had a plain SHA-256.
        app.jdbc().sql("UPDATE preentry.entry SET short_code_hash = NULL WHERE id = ?").param(id).update();
        assertThat(app.bean(Preentries.class).byCode(shortCode)).isEmpty();

        app.bean(ShortCodeRekeying.class).rekey();
        assertThat(app.bean(Preentries.class).byCode(shortCode)).map(Preentries.Entry::id).contains(id);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
