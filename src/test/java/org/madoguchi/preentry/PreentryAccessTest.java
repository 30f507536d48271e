package org.madoguchi.preentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.madoguchi.Http;
import org.madoguchi.TestApp;

/** Personal data only where needed: at the counter only the departments that handle a pre-entry may open it. */
class PreentryAccessTest {

    private static final String PASSWORD = "preentry-access-1";
    private final TestApp app = TestApp.shared();

    @Test
    void onlyTheHandlingDepartmentsStaffOpenAPreentry() {
        UUID id = PreentryFixture.finishedMoveIn(app, null).entry().id();
        Http koseki = new Http(app).basic(staff("koseki-jumin"), PASSWORD);
        Http kaigo = new Http(app).basic(staff("kaigo"), PASSWORD);

        Http.Response refused = kaigo.get("/console/preentry/" + id);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("担当する課の職員だけ").doesNotContain("髙橋");
        assertThat(kaigo.post("/console/preentry/" + id + "/delete", "").status()).isEqualTo(403);
        assertThat(app.bean(Preentries.class).byId(id)).as("a refused deletion deletes nothing").isPresent();

        Http.Response opened = koseki.get("/console/preentry/" + id);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains("髙橋");
    }

    private String staff(String department) {
        String login = "pre-" + department + "-" + UUID.randomUUID().toString().substring(0, 6);
        Http.Response created = new Http(app).admin().post("/api/v1/admin/staff", Http.json(Map.of("mustChangePassword", false, "login", login,
                "displayName", "職員 " + login, "password", PASSWORD, "role", "STAFF", "departments", List.of(department))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return login;
    }
}
