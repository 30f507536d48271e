package org.madoguchi.liveinfo.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.madoguchi.platform.KeyRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madoguchi.reception.Ticket;

/** What the database holds after a registration: the address and the ticket's token only sealed. */
class MailEncryptionAtRestTest {

    private static final String ADDRESS = "jiro.tokumaru@example.jp";

    private final MailFixture fx = MailFixture.get();

    @BeforeEach
    @AfterEach
    void reset() {
        fx.reset();
    }

    @Test
    void theRawRowsHoldNeitherTheAddressNorTheTicketTokenInAnyForm() {
        Ticket ticket = fx.issue("koseki-jumin");
        assertThat(fx.registerConfirmed(ticket.publicToken(), ADDRESS, "AHEAD_3", "CALLED").status()).isEqualTo(200);

        String everything = fx.app.jdbc().sql("""
                SELECT (SELECT string_agg(row_to_json(s)::text, '') FROM liveinfo.mail_subscription s)
                    || coalesce((SELECT string_agg(row_to_json(o)::text, '') FROM liveinfo.mail_outbox o), '')
                    || (SELECT string_agg(row_to_json(l)::text, '') FROM liveinfo.mail_access_log l)
                    || (SELECT string_agg(row_to_json(c)::text, '') FROM liveinfo.mail_confirmation_sent c)""")
                .query(String.class).single();
        for (String secret : new String[] {ADDRESS, ticket.publicToken()}) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            assertThat(everything.toLowerCase())
                    .doesNotContain(secret.toLowerCase())
                    .doesNotContain(HexFormat.of().formatHex(bytes))
                    .doesNotContain(Base64.getEncoder().encodeToString(bytes).toLowerCase())
                    .doesNotContain("jiro");
        }
        // The per-address count holds a keyed hash, not a plain hash anyone could compute from a guessed address.
        String counted = fx.app.jdbc().sql("SELECT address_hash FROM liveinfo.mail_confirmation_sent").query(String.class)
                .single();
        assertThat(counted).isNotEqualTo(MailTokens.sha256(ADDRESS)).isNotEqualTo(MailTokens.sha256(ADDRESS.toLowerCase()))
                .isEqualTo(fx.app.bean(org.madoguchi.platform.CodeHasher.class).hash(MailRegistrations.ADDRESS_PURPOSE,
                        ADDRESS.toLowerCase()));

        // ... yet it is there, sealed with the configured key and bound to its row.
        Map<String, Object> row = fx.app.jdbc().sql("SELECT id, key_id, address_nonce, address_sealed FROM liveinfo.mail_subscription")
                .query().singleRow();
        MailCipher cipher = MailCipher.fromConfiguration(
                Map.of("t1", Base64.getEncoder().encodeToString(MailFixture.KEY)), "t1", false);
        KeyRing.Sealed sealed = new KeyRing.Sealed((String) row.get("key_id"), (byte[]) row.get("address_nonce"),
                (byte[]) row.get("address_sealed"));
        assertThat(cipher.open(sealed, row.get("id").toString())).isEqualTo(ADDRESS);
        assertThat(((byte[]) row.get("address_nonce")).length).isEqualTo(12);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.open(sealed, UUID.randomUUID().toString()))
                .as("a sealed address copied into another row does not open").isInstanceOf(IllegalStateException.class);
    }
}
