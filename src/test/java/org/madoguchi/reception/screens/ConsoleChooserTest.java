package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;

/** A clerk chooses a counter by their department's name, not by a bare number. */
class ConsoleChooserTest {

    private static final TestApp app = TestApp.shared();
    private static Browser staffPc;

    @BeforeAll
    static void open() {
        staffPc = new Browser(1366, 768);
    }

    @AfterAll
    static void close() {
        staffPc.close();
    }

    @Test
    void countersAreListedUnderTheirDepartments() {
        ScreenFixtures.signIn(staffPc, app, ScreenFixtures.staff(app, "STAFF", "kokuho-nenkin", "kaigo"));
        staffPc.driver().get(app.url("/console"));
        List<String> headings = staffPc.driver().findElements(By.cssSelector(".counter-choice h2 span")).stream()
                .map(e -> e.getText()).toList();
        assertThat(headings).containsExactly("国保年金課", "介護保険課");
        var kokuho = staffPc.driver().findElement(By.cssSelector("section[aria-labelledby=dept-kokuho-nenkin]"));
        assertThat(kokuho.findElements(By.cssSelector(".counters a"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getText()).contains("番窓口"));
        // The shared counter for older residents says so.
        var kaigo = staffPc.driver().findElement(By.cssSelector("section[aria-labelledby=dept-kaigo]"));
        assertThat(kaigo.getText()).contains("高齢者総合相談窓口");
        assertThat(staffPc.seriousAccessibilityViolations()).isEmpty();
        staffPc.screenshot("console-choose");
    }
}
