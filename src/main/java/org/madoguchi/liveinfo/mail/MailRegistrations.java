package org.madoguchi.liveinfo.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.ReceptionService;
import org.madoguchi.reception.TicketStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Registering and removing addresses for a ticket, with the checks a public form needs. */
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

    enum Outcome { REGISTERED, UPDATED, UNAVAILABLE, BAD_TOKEN, RATE_LIMITED, INVALID_ADDRESS, NO_CHOICE, TOO_MANY }

    record Result(Outcome outcome, Set<NotifyLevel> levels, String unsubscribeToken) {
        static Result of(Outcome outcome) {
            return new Result(outcome, Set.of(), null);
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

    MailRegistrations(MailFeature feature, MailStore store, ReceptionService reception, FloorDirectory floors,
                      MailNotificationProperties properties, MailTrigger trigger, Clock clock,
                      PlatformTransactionManager transactionManager) {
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
        Result result = transactions.execute(tx -> store(ticket.get(), token, tokenHash, address, levels, now));
        if (result.outcome() == Outcome.REGISTERED || result.outcome() == Outcome.UPDATED) {
            // The ticket may already be within reach of a chosen level: tell now rather than at the next event.
            trigger.officesChanged(List.of(ticket.get().status().officeId()));
        }
        return result;
    }

    private Result store(OpenTicket ticket, String token, String tokenHash, String address, Set<NotifyLevel> levels,
                         Instant now) {
        MailCipher cipher = feature.cipher();
        List<MailStore.Subscription> existing = store.forTicketLocked(tokenHash, now);
        for (MailStore.Subscription s : existing) {
            store.log(s.id(), MailStore.Access.READ_FOR_DUPLICATE_CHECK, "visitor", null, now);
            if (cipher.open(s.address(), s.id().toString()).equalsIgnoreCase(address)) {
                // The same address again (a reload, a changed choice): one row, the new choice.
                store.updateLevels(s.id(), levels, now);
                return new Result(Outcome.UPDATED, EnumSet.copyOf(levels),
                        Secrets.parse(cipher.open(s.secrets(), s.id().toString())).unsubscribeToken());
            }
        }
        if (existing.size() >= properties.maxAddressesPerTicket()) {
            return Result.of(Outcome.TOO_MANY);
        }
        UUID id = UUID.randomUUID();
        String unsubscribeToken = MailTokens.newToken();
        Instant expires = ticket.serviceDate().plusDays(1).atStartOfDay(ticket.zone()).toInstant();
        MailStore.Subscription subscription = new MailStore.Subscription(id, ticket.status().officeId(),
                ticket.serviceDate(), ticket.status().number(), levels,
                cipher.seal(address, id.toString()),
                cipher.seal(new Secrets(token, unsubscribeToken).format(), id.toString()), expires);
        store.insert(subscription, tokenHash, MailTokens.sha256(unsubscribeToken), now);
        return new Result(Outcome.REGISTERED, EnumSet.copyOf(levels), unsubscribeToken);
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
