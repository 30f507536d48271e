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

        String last = "/navi/tennyu/answer?from=seal&moved-from=domestic&card=yes&insurance=kokuho&children=1&ages=age20&seal=no";
        Http.Response done = get(last);
        assertThat(done.status()).isEqualTo(302);
        String result = URI.create(done.header("Location")).getRawPath() + "?" + URI.create(done.header("Location")).getRawQuery();
        assertThat(result).startsWith("/navi/tennyu/result?");

        Http.Response outcome = get(result);
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.body()).contains("転入届").contains("国民健康保険の加入").contains("児童手当の認定請求")
                .contains("14日以内").contains("1階 A").contains("id=\"short-code\"").contains("<svg")
                .contains("/preentry?plan=MDG1%3Akoseki-jumin%3Dtennyu%2Bmynumber-jusho");
        assertThat(count(usage, today, "started")).isEqualTo(startedBefore + 1);
        assertThat(count(usage, today, "completed")).isEqualTo(completedBefore + 1);

        // Back from the outcome shows the last question with its answer still chosen.
        Http.Response back = get("/navi/tennyu?at=seal&moved-from=domestic&card=yes&insurance=kokuho&children=1&ages=age20&seal=no");
        assertThat(back.body()).containsPattern("value=\"no\"\\s+checked");
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
