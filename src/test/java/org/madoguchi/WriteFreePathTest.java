package org.madoguchi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The write-free path across modules: the navigator's outcome leads to pre-entry with the same plan, and
 * pre-entry offers exactly the forms that plan's procedures need.
 */
class WriteFreePathTest {

    private final TestApp app = TestApp.shared();

    @Test
    void theNavigatorsOutcomeOpensPreentryWithItsForms() {
        Http http = new Http(app);
        Http.Response outcome = http.get("/navi/tennyu/result?moved-from=domestic&card=yes&insurance=kokuho"
                + "&children=1&ages=age20&seal=yes&moved=" + LocalDate.now(ZoneId.of("Asia/Tokyo")));
        assertThat(outcome.status()).isEqualTo(200);
        Matcher link = Pattern.compile("id=\"preentry\"[^>]*href=\"([^\"]+)\"|href=\"([^\"]+)\"[^>]*id=\"preentry\"")
                .matcher(outcome.body());
        assertThat(link.find()).as("the outcome links to pre-entry").isTrue();
        String href = (link.group(1) != null ? link.group(1) : link.group(2)).replace("&amp;", "&");
        assertThat(href).startsWith("/preentry?plan=MDG1");

        Http.Response start = http.get(href);
        assertThat(start.status()).isEqualTo(200);
        // 転入届 and 印鑑登録 were in the outcome: the resident is offered both forms, and nothing personal is asked yet.
        assertThat(start.body()).contains("住民異動届").contains("印鑑登録申請書").doesNotContain("name=\"name\"");
    }
}
