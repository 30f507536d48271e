package org.madoguchi.liveinfo.mail;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.madoguchi.reception.ReceptionEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The module's two threads: one evaluates subscriptions when queues move, one sends mails. Both are apart
 * from reception's transactions and from the thread delivering its events, and from Spring's shared
 * scheduler, so a slow mail server delays only mail.
 */
@Component
class MailWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailWorkers.class);

    private final MailFeature feature;
    private final MailTrigger trigger;
    private final MailOutboxSender sender;
    private final MailPurge purge;
    private final ReceptionEvents events;
    private final MailNotificationProperties properties;
    private volatile ScheduledExecutorService evaluating;
    private volatile ScheduledExecutorService sending;
    private volatile boolean subscribed;

    MailWorkers(MailFeature feature, MailTrigger trigger, MailOutboxSender sender, MailPurge purge, ReceptionEvents events,
                MailNotificationProperties properties) {
        this.feature = feature;
        this.trigger = trigger;
        this.sender = sender;
        this.purge = purge;
        this.events = events;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!feature.enabled()) {
            return;
        }
        evaluating = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "mail-evaluate"));
        sending = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "mail-send"));
        trigger.useExecutor(evaluating);
        if (!subscribed) {
            // The listener only notes which offices moved and who was called; it returns at once.
            events.subscribe(trigger::eventsArrived, trigger::evaluateAll);
            subscribed = true;
        }
        long evaluateMs = properties.evaluateInterval().toMillis();
        evaluating.scheduleWithFixedDelay(guard("evaluate", trigger::evaluateAll), evaluateMs, evaluateMs,
                TimeUnit.MILLISECONDS);
        long sendMs = Math.max(50, properties.sendInterval().toMillis());
        sending.scheduleWithFixedDelay(guard("send", () -> {
            sender.sendDue();
            purge.expired();
        }), sendMs, sendMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        trigger.useExecutor(null);
        for (ScheduledExecutorService s : new ScheduledExecutorService[] {evaluating, sending}) {
            if (s != null) {
                s.shutdownNow();
                try {
                    s.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        evaluating = null;
        sending = null;
    }

    /**
     * Waits until the passes already under way on both threads are over (each thread runs one task at a
     * time, so an empty task queued behind them runs last). Tests use it so that a mail being sent while
     * they clear the outbox does not arrive in the next test.
     */
    void awaitPassesInFlight() throws Exception {
        for (ScheduledExecutorService s : new ScheduledExecutorService[] {evaluating, sending}) {
            if (s != null) {
                s.submit(() -> { }).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return sending != null;
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A failing pass is logged and the schedule goes on (an exception would cancel a fixed-delay task). */
    private static Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Mail {} pass failed: {}", what, e.toString());
            }
        };
    }
}
