package org.madoguchi.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** The navigator's pages over plain HTTP (no JavaScript): questions, answers carried in the address, outcome. */
class NavigatorPagesTest {

    private static final TestApp app = TestApp.shared();
    private final Http http = new Http(app);

    private Http.Response get(String path) {
        return http.send(http.request(path).GET());
    }

    @Test
    void indexListsEveryLifeEventAndCertificate() {
        Http.Response index = get("/navi");
        assertThat(index.status()).isEqualTo(200);
        for (String flow : List.of("tennyu", "tenshutsu", "tenkyo", "konin", "rikon", "shussei", "shibo",
                "juminhyo", "inkan", "koseki", "zeishomei")) {
            assertThat(index.body()).as(flow).contains("id=\"flow-" + flow + "\"");
        }
    }

    @Test
    void answeringStepByStepReachesTheOutcomeAndIsCounted() {
        LocalDate today = LocalDate.now(NavigatorUsage.ZONE);
        NavigatorUsage usage = app.bean(NavigatorUsage.class);
        long startedBefore = count(usage, today, "started");
        long completedBefore = count(usage, today, "completed");

        Http.Response first = get("/navi/tennyu");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("どこから引っ越してきましたか。").contains("name=\"moved-from\"");

        // No choice: the same question again with a message beside it, other answers kept.
        Http.Response missing = get("/navi/tennyu/answer?from=card&moved-from=domestic");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("選択肢から選んでください。").contains("value=\"domestic\"");

        Http.Response next = get("/navi/tennyu/answer?from=moved-from&moved-from=domestic");
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.header("Location")).contains("at=card").contains("moved-from=domestic");

        Http.Response date = get("/navi/tennyu/answer?from=seal&moved-from=domestic&card=yes&insurance=kokuho&children=1&ages=age20&seal=no");
        assertThat(date.header("Location")).contains("at=moved");
        // The move date typed as 和暦 travels on as yyyy-MM-dd.
        LocalDate moved = today.minusDays(3);
        String last = "/navi/tennyu/answer?from=moved&moved-from=domestic&card=yes&insurance=kokuho&children=1&ages=age20&seal=no"
                + "&moved=" + enc(org.madoguchi.platform.JapaneseDates.wareki(moved));
        Http.Response done = get(last);
        assertThat(done.status()).isEqualTo(302);
        String result = URI.create(done.header("Location")).getRawPath() + "?" + URI.create(done.header("Location")).getRawQuery();
        assertThat(result).startsWith("/navi/tennyu/result?").contains("moved=" + moved);

        Http.Response outcome = get(result);
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.body()).contains("転入届").contains("国民健康保険の加入").contains("児童手当の認定請求")
                .contains("14日以内").contains("届出の期限: " + org.madoguchi.platform.JapaneseDates.wareki(moved.plusDays(14)))
                .contains("申請の期限: " + org.madoguchi.platform.JapaneseDates.wareki(moved.plusDays(15))).contains("1階 A").contains("id=\"short-code\"").contains("<svg")
                .contains("/preentry?plan=MDG1%3Akoseki-jumin%3Dtennyu%2Bmynumber-jusho");
        assertThat(count(usage, today, "started")).isEqualTo(startedBefore + 1);
        assertThat(count(usage, today, "completed")).isEqualTo(completedBefore + 1);

        // Back from the outcome shows the last question with its answer still chosen.
        Http.Response back = get("/navi/tennyu?at=seal&moved-from=domestic&card=yes&insurance=kokuho&children=1&ages=age20&seal=no");
        assertThat(back.body()).containsPattern("value=\"no\"\\s+checked");
    }

    private static final String TENNYU = "/navi/tennyu/answer?from=moved&moved-from=domestic&card=yes&insurance=kokuho"
            + "&children=1&ages=age20&seal=no&moved=";

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anImpossibleDateIsAskedAgainWithTheRightEraAndEverythingKept() {
        Http.Response page = get(TENNYU + enc("令和元年4月1日"));
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("この日付は令和の期間にありません（平成31年4月1日です）。")
                .contains("value=\"令和元年4月1日\"").contains("aria-invalid=\"true\"")
                .contains("name=\"moved-from\" value=\"domestic\"").contains("name=\"children\" value=\"1\"");

        Http.Response nonsense = get(TENNYU + enc("２月３０日ごろ"));
        assertThat(nonsense.status()).isEqualTo(422);
        assertThat(nonsense.body()).contains("令和8年11月23日").contains("value=\"２月３０日ごろ\"");

        Http.Response empty = get(TENNYU);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("日付を入力してください。").contains("name=\"seal\" value=\"no\"");

        Http.Response english = get(TENNYU + enc("2026-02-30") + "&lang=en");
        assertThat(english.status()).isEqualTo(422);
        assertThat(english.body()).contains("This date cannot be read.");
    }

    @Test
    void aDateOutsideTheBoundsNamesTheAllowedRange() {
        LocalDate today = LocalDate.now(NavigatorUsage.ZONE);
        Http.Response page = get(TENNYU + today.minusYears(2));
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("までの日付を入力してください")
                .contains(org.madoguchi.platform.JapaneseDates.wareki(today.minusDays(365)));
    }

    @Test
    void fullWidthAndWesternDatesAreAccepted() {
        LocalDate day = LocalDate.now(NavigatorUsage.ZONE).minusDays(2);
        String fullWidth = (day.getYear() + "/" + day.getMonthValue() + "/" + day.getDayOfMonth())
                .chars().mapToObj(c -> c == '/' ? "／" : String.valueOf((char) (c - '0' + '０'))).reduce("", String::concat);
        Http.Response done = get(TENNYU + enc(fullWidth));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location")).contains("moved=" + day);
    }

    @Test
    void aLateMoveShowsThePoliteNoteAndAFutureMoveWhenToCome() {
        LocalDate today = LocalDate.now(NavigatorUsage.ZONE);
        String base = "/navi/tenkyo/result?card=no&insurance=no&children=0&elderly=no&moved=";
        assertThat(get(base + today.minusDays(40)).body()).contains("期限を過ぎていても、届出・申請は受け付けています");
        assertThat(get(base + today.plusDays(5)).body()).contains("より前にはできません");
    }

    @Test
    void aDeadlineOnASundaySaysSoAndNamesTheNextOpenDay() {
        LocalDate today = LocalDate.now(NavigatorUsage.ZONE);
        LocalDate born = today;
        // 出生届: the day of birth is day 1, so the 14th day is born + 13; pick a birth whose 14th day is a Sunday.
        while (born.plusDays(13).getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
            born = born.minusDays(1);
        }
        String body = get("/navi/shussei/result?insurance=employee&public-servant=no&born-abroad=no&born=" + born).body();
        String sunday = org.madoguchi.platform.JapaneseDates.wareki(born.plusDays(13));
        assertThat(body).contains("届出の期限: " + sunday + "（日）まで").contains(sunday + "（日）は区役所の閉庁日です")
                .contains("navi-confirm");
    }

    @Test
    void theDateOfDeathMayBeLeftOut() {
        Http.Response done = get("/navi/shibo/answer?from=died&filed=no&insurance=employee&over65=no&pension=kosei"
                + "&head=no&child-allowance=no&died=unknown");
        assertThat(done.status()).isEqualTo(302);
        String location = done.header("Location");
        assertThat(location).contains("died=unknown");
        Http.Response outcome = get(URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery());
        assertThat(outcome.body()).contains("死亡を知った日から7日以内").doesNotContain("届出の期限:");
        Http.Response question = get("/navi/shibo?at=died&filed=no&insurance=employee&over65=no&pension=kosei"
                + "&head=no&child-allowance=no&died=unknown");
        assertThat(question.body()).contains("まだ決まっていない・わからない").containsPattern("value=\"unknown\"\\s+checked");
    }

    @Test
    void anOutcomeWithNothingAtTheseCountersHasNoCode() {
        Http.Response page = get("/navi/zeishomei/result?kind=kazei&resident=no");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("1月1日に住んでいた市区町村へ請求してください").doesNotContain("id=\"short-code\"")
                .doesNotContain("id=\"route\"");
    }

    @Test
    void anIncompleteOutcomeLinkAsksTheMissingQuestion() {
        Http.Response page = get("/navi/juminhyo/result?kind=juminhyo");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).contains("/navi/juminhyo").contains("at=who").contains("kind=juminhyo");
    }

    @Test
    void noneCannotBeCombinedWithOtherChoices() {
        Http.Response page = get("/navi/tenshutsu/answer?from=ages&moving-to=domestic&card=no&insurance=employee"
                + "&children=0&ages=none&ages=age65");
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("ほかの選択肢と一緒には選べません");
    }

    @Test
    void unknownFlowIsANotFoundPage() {
        Http.Response page = get("/navi/nothing-here");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("お探しの手続は見つかりません");
    }

    @Test
    void easyJapaneseAndOtherLanguages() {
        assertThat(get("/navi/tennyu?lang=ja-yasashii").body()).contains("どこから 引(ひ)っ越(こ)してきましたか。");
        assertThat(get("/navi/tennyu?lang=en").body()).contains("Where did you move from?");
        assertThat(get("/navi/tennyu?lang=zh").body()).contains("您是从哪里搬来的？");
        assertThat(get("/navi/tennyu?lang=ko").body()).contains("어디에서 이사 오셨습니까?");
    }

    private static long count(NavigatorUsage usage, LocalDate day, String measure) {
        return usage.daily(day, day).stream().filter(c -> c.flowId().equals("tennyu"))
                .mapToLong(c -> switch (measure) {
                    case "started" -> c.started();
                    case "completed" -> c.completed();
                    default -> c.scanned();
                }).sum();
    }
}
