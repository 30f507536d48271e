package org.madoguchi.liveinfo.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.madoguchi.platform.CodeHasher;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.TicketStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registering, confirming and removing addresses for a ticket, with the checks a public form needs. Whoever
 * holds a ticket could type anyone's address, so a registration only mails a 6-digit code to it; notices go
 * to the address once the code was typed on the ticket's page. How many codes one address receives is
 * limited across all tickets, counted by a keyed hash of the address.
 */
@Service
class MailRegistrations {

    /**
     * What the form accepts: the WHATWG "valid e-mail address" (dots anywhere in the local part, as some
     * Japanese carrier addresses have them) with at least one dot in the domain. No spaces, commas or line
     * breaks, so nothing can be smuggled into a mail header.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** {@link CodeHasher} purposes: the normalised address (for counting), a confirmation code with its row id. */
    static final String ADDRESS_PURPOSE = "mail-address";
    static final String CODE_PURPOSE = "mail-confirmation";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * REGISTERED: a new address, its code mailed; CODE_RESENT: an unconfirmed address again, a new code mailed;
     * UPDATED: a confirmed address again, the choice changed; CONFIRMED: the right code was typed.
     */
    enum Outcome { REGISTERED, CODE_RESENT, UPDATED, CONFIRMED, UNAVAILABLE, BAD_TOKEN, RATE_LIMITED, INVALID_ADDRESS,
        NO_CHOICE, TOO_MANY, ADDRESS_LIMITED, SEND_FAILED, CODE_FORMAT, CODE_WRONG, CODE_EXPIRED, CODE_TRIES }

    record Result(Outcome outcome, Set<NotifyLevel> levels, String unsubscribeToken, UUID subscriptionId) {
        static Result of(Outcome outcome) {
            return new Result(outcome, Set.of(), null, null);
        }

        static Result pending(Outcome outcome, UUID subscriptionId) {
            return new Result(outcome, Set.of(), null, subscriptionId);
        }
    }

    /** A ticket that can still take a registration: open, and of today's service day. */
    record OpenTicket(TicketStatus status, ZoneId zone, LocalDate serviceDate) {
    }

    private final MailFeature feature;
    private final MailStore store;
    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final MailNotificationProperties properties;
    private final MailTrigger trigger;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final MailRateLimiter limiter = new MailRateLimiter();
    private final MailConfirmationProperties confirmation;
    private final CodeHasher codeHasher;
    private final ConfirmationMailer mailer;

    MailRegistrations(MailFeature feature, MailStore store, ReceptionService reception, FloorDirectory floors,
                      MailNotificationProperties properties, MailTrigger trigger, Clock clock,
                      PlatformTransactionManager transactionManager, MailConfirmationProperties confirmation,
                      CodeHasher codeHasher, ConfirmationMailer mailer) {
        this.confirmation = confirmation;
        this.codeHasher = codeHasher;
        this.mailer = mailer;
        this.feature = feature;
        this.store = store;
        this.reception = reception;
        this.floors = floors;
        this.properties = properties;
        this.trigger = trigger;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    boolean enabled() {
        return feature.enabled();
    }

    /**
     * The ticket behind a token if it may register; empty for an unknown token, a finished ticket or one of
     * another day alike, so that the answer tells nothing about which tokens exist.
     */
    Optional<OpenTicket> openTicket(String token) {
        Optional<TicketStatus> status = reception.statusByToken(token);
        if (status.isEmpty() || !"OPEN".equals(status.get().status())) {
            return Optional.empty();
        }
        Optional<Floor> floor = floors.find(status.get().officeId());
        if (floor.isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = ZoneId.of(floor.get().office().timeZone());
        LocalDate serviceDate = LocalDate.ofInstant(status.get().issuedAt(), zone);
        if (!serviceDate.equals(LocalDate.ofInstant(clock.instant(), zone))) {
            return Optional.empty();
        }
        return Optional.of(new OpenTicket(status.get(), zone, serviceDate));
    }

    /** Counts a request of {@code client} (bad-token look-ups and registrations); false when over the limit. */
    boolean allowClient(String client) {
        return limiter.tryAcquire("client|" + client, properties.registrationsPerClient(), properties.rateWindow(),
                clock.instant());
    }

    Result register(String token, String rawAddress, Set<NotifyLevel> levels, String client) {
        if (!feature.enabled()) {
            return Result.of(Outcome.UNAVAILABLE);
        }
        if (!allowClient(client)) {
            return Result.of(Outcome.RATE_LIMITED);
        }
        Optional<OpenTicket> ticket = openTicket(token);
        if (ticket.isEmpty()) {
            return Result.of(Outcome.BAD_TOKEN);
        }
        String address = rawAddress == null ? "" : rawAddress.strip();
        if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
            return Result.of(Outcome.INVALID_ADDRESS);
        }
        if (levels.isEmpty()) {
            return Result.of(Outcome.NO_CHOICE);
        }
        // Only well-formed attempts count against the ticket: a visitor fixing a typo is not an abuser,
        // and a malformed address can never receive anything.
        String tokenHash = MailTokens.sha256(token);
        Instant now = clock.instant();
        if (!limiter.tryAcquire("ticket|" + tokenHash, properties.registrationsPerTicket(), properties.rateWindow(), now)) {
            return Result.of(Outcome.RATE_LIMITED);
        }
        String addressHash = codeHasher.hash(ADDRESS_PURPOSE, address.toLowerCase(Locale.ROOT));
        String code = newCode();
        Result result = transactions.execute(tx -> {
            Result stored = store(ticket.get(), token, tokenHash, address, addressHash, code, levels, now);
            if (stored.outcome() == Outcome.ADDRESS_LIMITED) {
                tx.setRollbackOnly();
            }
            return stored;
        });
        if (result.outcome() == Outcome.UPDATED) {
            // The ticket may already be within reach of a chosen level: tell now rather than at the next event.
            trigger.officesChanged(List.of(ticket.get().status().officeId()));
        } else if (result.outcome() == Outcome.REGISTERED || result.outcome() == Outcome.CODE_RESENT) {
            // After the commit: a slow mail server holds no lock. The row stays unconfirmed if this fails.
            if (!mailer.send(address, code, ticket.get().status().officeId())) {
                return Result.pending(Outcome.SEND_FAILED, result.subscriptionId());
            }
        }
        return result;
    }

    private Result store(OpenTicket ticket, String token, String tokenHash, String address, String addressHash,
                         String code, Set<NotifyLevel> levels, Instant now) {
        MailCipher cipher = feature.cipher();
        List<MailStore.Subscription> existing = store.forTicketLocked(tokenHash, now);
        for (MailStore.Subscription s : existing) {
            store.log(s.id(), MailStore.Access.READ_FOR_DUPLICATE_CHECK, "visitor", null, now);
            if (cipher.open(s.address(), s.id().toString()).equalsIgnoreCase(address)) {
                // The same address again (a reload, a changed choice): one row, the new choice.
                store.updateLevels(s.id(), levels, now);
                if (s.confirmed()) {
                    return new Result(Outcome.UPDATED, EnumSet.copyOf(levels),
                            Secrets.parse(cipher.open(s.secrets(), s.id().toString())).unsubscribeToken(), s.id());
                }
                // Not confirmed yet (the mail did not come, or the code expired): a new code, if the address may have one.
                if (!reserveConfirmation(addressHash, now)) {
                    return Result.of(Outcome.ADDRESS_LIMITED);
                }
                newCode(s.id(), code, now);
                return Result.pending(Outcome.CODE_RESENT, s.id());
            }
        }
        // An address whose code ran out unconfirmed no longer takes a place.
        long live = existing.stream().filter(s -> s.confirmed()
                || s.codeExpiresAt() != null && s.codeExpiresAt().isAfter(now)).count();
        if (live >= properties.maxAddressesPerTicket()) {
            return Result.of(Outcome.TOO_MANY);
        }
        if (!reserveConfirmation(addressHash, now)) {
            return Result.of(Outcome.ADDRESS_LIMITED);
        }
        UUID id = UUID.randomUUID();
        String unsubscribeToken = MailTokens.newToken();
        Instant expires = ticket.serviceDate().plusDays(1).atStartOfDay(ticket.zone()).toInstant();
        MailStore.Subscription subscription = new MailStore.Subscription(id, ticket.status().officeId(),
                ticket.serviceDate(), ticket.status().number(), levels,
                cipher.seal(address, id.toString()),
                cipher.seal(new Secrets(token, unsubscribeToken).format(), id.toString()), expires, false, null);
        store.insert(subscription, tokenHash, MailTokens.sha256(unsubscribeToken), now);
        newCode(id, code, now);
        return Result.pending(Outcome.REGISTERED, id);
    }

    /**
     * Counts one confirmation mail to the address, unless it had its hourly or daily share across all tickets:
     * the form must not become a way to flood someone's mailbox.
     */
    private boolean reserveConfirmation(String addressHash, Instant now) {
        store.lockAddress(addressHash);
        if (store.confirmationsSentSince(addressHash, now.minus(java.time.Duration.ofHours(1))) >= confirmation.perAddressHour()
                || store.confirmationsSentSince(addressHash, now.minus(java.time.Duration.ofDays(1)))
                >= confirmation.perAddressDay()) {
            return false;
        }
        store.recordConfirmationSent(addressHash, now);
        return true;
    }

    private void newCode(UUID id, String code, Instant now) {
        store.setCode(id, codeHash(id, code), now.plus(confirmation.validity()));
        store.log(id, MailStore.Access.CONFIRMATION_SENT, "visitor", null, now);
    }

    private String codeHash(UUID id, String code) {
        return codeHasher.hash(CODE_PURPOSE, id + ":" + code);
    }

    static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** Minutes a code can be typed, for the pages. */
    long codeValidityMinutes() {
        return confirmation.validity().toMinutes();
    }

    /**
     * Checks the code typed for subscription {@code pendingId} of the ticket. A wrong code counts against the
     * code's few attempts; a malformed one (not six digits) does not, it cannot be right.
     */
    Result confirm(String token, String pendingId, String rawCode, String client) {
        if (!feature.enabled()) {
            return Result.of(Outcome.UNAVAILABLE);
        }
        if (!allowClient(client)) {
            return Result.of(Outcome.RATE_LIMITED);
        }
        Optional<OpenTicket> ticket = openTicket(token);
        UUID id = parseId(pendingId);
        if (ticket.isEmpty() || id == null) {
            return Result.of(Outcome.BAD_TOKEN);
        }
        String code = rawCode == null ? "" : Normalizer.normalize(rawCode, Normalizer.Form.NFKC).replaceAll("[\\s-]", "");
        if (!code.matches("[0-9]{6}")) {
            return Result.pending(Outcome.CODE_FORMAT, id);
        }
        String tokenHash = MailTokens.sha256(token);
        Instant now = clock.instant();
        Outcome outcome = transactions.execute(tx -> checkCode(id, tokenHash, code, now));
        if (outcome != Outcome.CONFIRMED) {
            return Result.pending(outcome, id);
        }
        MailStore.Subscription s = store.byId(id).orElseThrow();
        trigger.officesChanged(List.of(ticket.get().status().officeId()));
        return new Result(Outcome.CONFIRMED, s.levels(),
                Secrets.parse(feature.cipher().open(s.secrets(), s.id().toString())).unsubscribeToken(), id);
    }

    private Outcome checkCode(UUID id, String tokenHash, String code, Instant now) {
        Optional<MailStore.Confirmation> found = store.confirmationLocked(id, tokenHash, now);
        if (found.isEmpty()) {
            return Outcome.CODE_EXPIRED;
        }
        MailStore.Confirmation c = found.get();
        if (c.confirmed()) {
            return Outcome.CONFIRMED;
        }
        if (c.codeHash() == null || c.attempts() >= confirmation.attempts()) {
            return Outcome.CODE_TRIES;
        }
        if (c.codeExpiresAt() == null || !c.codeExpiresAt().isAfter(now)) {
            return Outcome.CODE_EXPIRED;
        }
        if (!MessageDigest.isEqual(codeHash(id, code).getBytes(StandardCharsets.US_ASCII),
                c.codeHash().getBytes(StandardCharsets.US_ASCII))) {
            store.countWrongCode(id);
            return c.attempts() + 1 >= confirmation.attempts() ? Outcome.CODE_TRIES : Outcome.CODE_WRONG;
        }
        store.markConfirmed(id, now);
        return Outcome.CONFIRMED;
    }

    private static UUID parseId(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether an unsubscribe token names a subscription (for the confirmation page). */
    boolean unsubscribeTokenKnown(String unsubscribeToken) {
        return validShape(unsubscribeToken) && store.byUnsubscribeHash(MailTokens.sha256(unsubscribeToken)).isPresent();
    }

    /** Deletes the subscription of an unsubscribe token with its queued mails; false if there was none. */
    boolean unsubscribe(String unsubscribeToken) {
        if (!validShape(unsubscribeToken)) {
            return false;
        }
        Optional<UUID> id = store.byUnsubscribeHash(MailTokens.sha256(unsubscribeToken));
        return id.isPresent() && transactions.execute(tx ->
                store.delete(id.get(), MailStore.Access.DELETED_UNSUBSCRIBE, "visitor", clock.instant()));
    }

    private static boolean validShape(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{20,64}");
    }

    void clearRateLimits() {
        limiter.clear();
    }

    /** The sealed companions of an address: the ticket token to follow the ticket, the unsubscribe token for links. */
    record Secrets(String ticketToken, String unsubscribeToken) {
        String format() {
            return ticketToken + "\n" + unsubscribeToken;
        }

        static Secrets parse(String value) {
            int nl = value.indexOf('\n');
            return new Secrets(value.substring(0, nl), value.substring(nl + 1));
        }
    }
}
