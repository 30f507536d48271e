package org.madoguchi.reception.screens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.madoguchi.Browser;
import org.madoguchi.TestApp;
import org.madoguchi.platform.Actor;
import org.madoguchi.reception.IssueTicket;
import org.madoguchi.reception.ItineraryStep;
import org.madoguchi.reception.ReceptionService;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The server restarts under an open console: it says so, then recovers by itself, still signed in. */
class ConsoleRecoveryTest {

    @Test
    void theConsoleRecoversAfterTheServerRestarts() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> fixedPort = Map.of("server.port", String.valueOf(port));
        TestApp first = TestApp.start(fixedPort);
        first.resetReception();
        String login = ScreenFixtures.staff(first, "STAFF", "kosodate");
        try (Browser browser = new Browser(1280, 900)) {
            ScreenFixtures.signIn(browser, first, login);
            browser.driver().get(first.url("/console/honcho-21"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "最新"));
            browser.await(ExpectedConditions.elementToBeClickable(By.id("open"))).click();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("counter-state"), "開いています"));

            first.close();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "接続が切れています"));
            assertThat(browser.driver().findElement(By.id("conn")).getAttribute("class")).contains("bad");

            TestApp second = TestApp.start(fixedPort);
            try {
                // A ticket issued while the console was away appears once it has reconnected.
                int number = second.bean(ReceptionService.class).issue(new IssueTicket("honcho",
                        List.of(new ItineraryStep("kosodate", List.of())), null, null, null),
                        Actor.staff(4343, Actor.Role.MANAGER, Set.of())).ticket().number();
                browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "最新"));
                browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("queue"), String.valueOf(number)));
                // The session survived the restart (it lives in PostgreSQL): calling works without signing in again.
                browser.await(ExpectedConditions.elementToBeClickable(By.id("call"))).click();
                browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("current-number"), String.valueOf(number)));
            } finally {
                second.close();
            }
        }
    }

}
