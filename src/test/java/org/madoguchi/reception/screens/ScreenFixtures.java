package org.madoguchi.reception.screens;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Accounts, devices and sign-in steps shared by the browser tests. */
final class ScreenFixtures {

    static final String PASSWORD = "counter-password-1";

    private ScreenFixtures() {
    }

    /** Creates a staff account for the departments and returns its login. */
    static String staff(TestApp app, String role, String... departments) {
        String login = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = new Http(app).admin().post("/api/v1/admin/staff", Http.json(Map.of("login", login,
                "displayName", "職員 " + login, "password", PASSWORD, "role", role, "departments", List.of(departments))));
        if (response.status() != 201) {
            throw new IllegalStateException(response.body());
        }
        return login;
    }

    static String device(TestApp app, String kind, String office) {
        return new Http(app).admin().post("/api/v1/admin/devices", Http.json(Map.of("name", kind + " " + UUID.randomUUID(),
                "kind", kind, "officeId", office))).json().path("token").asString();
    }

    static void signIn(Browser browser, TestApp app, String login) {
        browser.signIn(app, login, PASSWORD);
    }

    static void pair(Browser browser, TestApp app, String token) {
        browser.driver().get(app.url("/devices/pair"));
        browser.driver().findElement(By.id("token")).sendKeys(token);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(ExpectedConditions.not(ExpectedConditions.urlContains("/devices/pair")));
    }
}
