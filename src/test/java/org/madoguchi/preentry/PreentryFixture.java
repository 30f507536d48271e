package org.madoguchi.preentry;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.madoguchi.forms.FormFields;

/** Pre-entries made through the service, as the pages would, and the QR code read back from its SVG. */
final class PreentryFixture {

    static final String NAME = "髙橋\u3000𠮷男";

    private PreentryFixture() {
    }

    /** A finished 転入 pre-entry with one member; returns the draft token (which no longer opens it). */
    static Preentries.Started finishedMoveIn(TestApp app, String plan) {
        Preentries.Started started = filledMoveIn(app, plan);
        Preentries preentries = app.bean(Preentries.class);
        preentries.complete(preentries.byId(started.entry().id()).orElseThrow());
        return started;
    }

    /** A 転入 pre-entry with one member, every field filled but not finished yet; returns the draft token. */
    static Preentries.Started filledMoveIn(TestApp app, String plan) {
        Preentries preentries = app.bean(Preentries.class);
        Preentries.Started started = preentries.start(plan, List.of("tennyu", "juminhyo"));
        Draft draft = started.entry().draft();
        draft.values().putAll(Map.of(
                FormFields.NAME, NAME, FormFields.KANA, "タカハシ\u3000ヨシオ", FormFields.BIRTH_DATE, "1990-04-01",
                FormFields.SEX, "male", FormFields.POSTAL_CODE, "173-0004", FormFields.ADDRESS, "東京都板橋区板橋二丁目66番1号",
                FormFields.MOVE_DATE, LocalDate.now().minusDays(3).toString(),
                FormFields.PREVIOUS_ADDRESS, "埼玉県和光市広沢1番5号", FormFields.HOUSEHOLDER, NAME,
                FormFields.RELATIONSHIP, "本人"));
        draft.values().put(FormFields.PHONE, "090-1234-5678");
        draft.values().put("RESIDENCE_CERTIFICATE.certificateType", "住民票の写し（世帯全員）");
        draft.values().put("RESIDENCE_CERTIFICATE.copies", "2");
        draft.values().put("RESIDENCE_CERTIFICATE.purpose", "勤務先へ提出");
        draft.values().put("RESIDENCE_CERTIFICATE.recordDomicile", "no");
        draft.values().put("RESIDENCE_CERTIFICATE.recordRelationship", "yes");
        draft.values().put("RESIDENCE_CERTIFICATE.recordIndividualNumber", "no");
        draft.values().put("RESIDENCE_CERTIFICATE.recordResidentCode", "no");
        draft.members().add(new java.util.LinkedHashMap<>(Map.of(FormFields.NAME, "髙橋\u3000花子",
                FormFields.KANA, "タカハシ\u3000ハナコ", FormFields.BIRTH_DATE, "1992-06-15", FormFields.SEX, "female",
                FormFields.RELATIONSHIP, "妻")));
        preentries.save(started.entry(), draft);
        return started;
    }

    /** The cookie header of a browser holding {@code draftToken}. */
    static String draftCookie(String draftToken) {
        return PreentryController.COOKIE + "=" + draftToken;
    }

    /**
     * Finishes a filled draft as the confirmation page's button does (with the page's CSRF token); the answer
     * is the QR page.
     */
    static Finished finishOnPage(TestApp app, String draftToken) {
        Http browser = new Http(app).header("Cookie", draftCookie(draftToken));
        Http.Response confirm = browser.get("/preentry/confirm");
        if (confirm.status() != 200) {
            throw new AssertionError("confirmation page: " + confirm.status());
        }
        String cookies = draftCookie(draftToken) + "; " + confirm.cookies();
        return new Finished(postForm(new Http(app).header("Cookie", cookies), "/preentry/confirm",
                "_csrf=" + csrf(confirm)), cookies);
    }

    /** The QR page, and the cookies the browser sent (its draft cookie and its session). */
    record Finished(Http.Response page, String cookies) {
    }

    /** The CSRF token of a page's form, URL-encoded. */
    static String csrf(Http.Response page) {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    }

    static Http.Response postForm(Http http, String path, String body) {
        return http.send(http.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Reads the QR code of {@code QrCodes.svg}. */
    static String decodeSvgQr(String svg) throws Exception {
        return org.madoguchi.QrSvg.decode(svg);
    }
}
