package org.madoguchi.reception.screens;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.madoguchi.Browser;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** Accounts, devices and sign-in steps shared by the browser tests. */
final class ScreenFixtures {

    static final String PASSWORD = "counter-password-1";

    /** Records what a board would say (window.__spoken) instead of speaking, each utterance ending at once. */
    static final String SPEECH_RECORDER = """
            window.__spoken = [];
            window.speechSynthesis.speak = function (u) {
              window.__spoken.push({ lang: u.lang, text: u.text });
              setTimeout(function () { if (u.onend) u.onend(new Event('end')); }, 50);
            };
            window.speechSynthesis.cancel = function () {};
            """;

    private ScreenFixtures() {
    }

    /** Creates a staff account for the departments and returns its login. */
    static String staff(TestApp app, String role, String... departments) {
        String login = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = new Http(app).admin().post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", login,
                "displayName", "職員 " + login, "password", PASSWORD, "role", role, "departments", List.of(departments))));
        if (response.status() != 201) {
            throw new IllegalStateException(response.body());
        }
        return login;
    }

    static String device(TestApp app, String kind, String office) {
        return app.device(kind, office);
    }

    static void signIn(Browser browser, TestApp app, String login) {
        browser.signIn(app, login, PASSWORD);
    }

    static void pair(Browser browser, TestApp app, String token) {
        browser.pair(app, token);
    }
}
