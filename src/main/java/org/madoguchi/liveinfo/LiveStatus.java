package org.madoguchi.liveinfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madoguchi.platform.DatabaseOutages;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.BusinessClock;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.LiveEvent;
import org.madoguchi.reception.OfficeHours;
import org.madoguchi.reception.OfficeSummary;
import org.madoguchi.reception.ReceptionEvents;
import org.madoguchi.reception.ReceptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each office's public status, built once per batch of committed reception events and served to every viewer
 * from memory. Bursts are coalesced: at most one rebuild per office every {@code coalesce} (500 ms by default),
 * so a thousand viewers or a thousand commits a second still cost the database one rebuild.
 *
 * <p>When the database goes away every office's last status is pushed again, marked {@code updatesPaused}, so that
 * viewers are not left believing nothing moves; when it is back every office is rebuilt and pushed.
 */
@Service
public class LiveStatus implements DisposableBean {

    /** A status with its JSON, serialized once for all viewers. */
    public record Snapshot(OfficeStatus status, String json) {
    }

    private static final Logger log = LoggerFactory.getLogger(LiveStatus.class);
    private static final Pattern COUNTER_NUMBER = Pattern.compile("(\\d+)");

    private final ReceptionService reception;
    private final FloorDirectory floors;
    private final LiveInfoProperties properties;
    private final JsonMapper json;
    private final BusinessClock clock;
    private final DatabaseOutages outages;
    private final OfficeHours hours;
    private final Map<String, Snapshot> cache = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean rebuildScheduled = new AtomicBoolean();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "liveinfo-status");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastRebuildNanos = System.nanoTime() - Long.MAX_VALUE / 4;

    LiveStatus(ReceptionService reception, FloorDirectory floors, ReceptionEvents events, LiveInfoProperties properties,
               JsonMapper json, BusinessClock clock, DatabaseOutages outages, OfficeHours hours) {
        this.hours = hours;
        this.reception = reception;
        this.floors = floors;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.outages = outages;
        events.subscribe(this::onCommitted, this::onResync);
        outages.subscribe(() -> worker.execute(this::pauseAll), this::onResync);
        long refresh = properties.refresh().toMillis();
        worker.scheduleWithFixedDelay(() -> markDirty(cache.keySet()), refresh, refresh, TimeUnit.MILLISECONDS);
    }

    /** The office's current status; 404 with a Japanese message for an office that does not exist. */
    public Snapshot snapshot(String officeId) {
        Snapshot cached = cache.get(officeId);
        if (cached != null) {
            return cached;
        }
        if (!isOffice(officeId)) {
            throw ProblemException.notFound("unknown-office",
                    "お探しの庁舎は見つかりません。URL をお確かめください。");
        }
        Snapshot built = build(officeId);
        Snapshot previous = cache.putIfAbsent(officeId, built);
        return previous == null ? built : previous;
    }

    /** The office's status if it is already built, without touching the database; null otherwise. */
    public Snapshot cached(String officeId) {
        return officeId == null ? null : cache.get(officeId);
    }

    public boolean isOffice(String officeId) {
        return officeId != null && officeId.matches("[a-z0-9-]{1,40}") && floors.find(officeId).isPresent();
    }

    public Optional<Floor> floor(String officeId) {
        return isOffice(officeId) ? floors.find(officeId) : Optional.empty();
    }

    /** Called on the status thread with each rebuilt snapshot. Listeners must not block. */
    public void onUpdate(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    private void onCommitted(List<LiveEvent> committed) {
        List<String> offices = new ArrayList<>();
        for (LiveEvent e : committed) {
            if (e.officeId() != null) {
                offices.add(e.officeId());
            }
        }
        markDirty(offices);
    }

    private void onResync() {
        markDirty(cache.keySet());
    }

    private void markDirty(java.util.Collection<String> offices) {
        if (offices.isEmpty()) {
            return;
        }
        dirty.addAll(offices);
        if (rebuildScheduled.compareAndSet(false, true)) {
            long sinceLast = System.nanoTime() - lastRebuildNanos;
            long wait = Math.max(0, properties.coalesce().toNanos() - sinceLast);
            worker.schedule(this::rebuildDirty, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void pauseAll() {
        for (Snapshot snapshot : cache.values()) {
            OfficeStatus paused = snapshot.status().paused();
            Snapshot marked = new Snapshot(paused, json.writeValueAsString(paused));
            // A rebuild that succeeded meanwhile (the database is back already) is newer: it stays.
            if (cache.replace(paused.officeId(), snapshot, marked)) {
                listeners.forEach(listener -> listener.accept(marked));
            }
        }
    }

    private void rebuildDirty() {
        rebuildScheduled.set(false);
        lastRebuildNanos = System.nanoTime();
        List<String> offices = new ArrayList<>(dirty);
        dirty.removeAll(offices);
        for (String officeId : offices) {
            try {
                if (!cache.containsKey(officeId) && !isOffice(officeId)) {
                    continue;
                }
                Snapshot snapshot = build(officeId);
                cache.put(officeId, snapshot);
                for (Consumer<Snapshot> listener : listeners) {
                    listener.accept(snapshot);
                }
            } catch (RuntimeException e) {
                // Keep the last good snapshot; the next commit or refresh tries again.
                log.warn("Could not rebuild the live status of office {}: {}", officeId, e.toString());
                dirty.add(officeId);
            }
        }
    }

    private Snapshot build(String officeId) {
        Floor floor = floors.floor(officeId);
        OfficeSummary summary = reception.summary(officeId);
        List<OfficeStatus.Department> departments = new ArrayList<>();
        for (OfficeSummary.Department d : summary.departments()) {
            Floor.Department place = floor.department(d.id()).orElseThrow();
            int waitMinutes = d.waiting() == 0 ? 0 : reception.estimateWaitMinutes(floor, d.id(), d.waiting());
            departments.add(new OfficeStatus.Department(d.id(), d.nameJa(), d.nameEn(), place.floor(), place.area(),
                    d.waiting(), d.atCounter(), waitMinutes, properties.congestion().level(d.waiting(), waitMinutes),
                    d.calling().stream().map(c -> new OfficeStatus.Call(c.number(), c.counterId(), c.counterLabelJa(),
                            c.counterLabelEn(), counterNumber(c.counterLabelJa()), c.calledAt())).toList()));
        }
        OfficeStatus status = new OfficeStatus(officeId, floor.office().nameJa(), floor.office().nameEn(),
                clock.instant(), summary.lastEventId(), departments, !outages.databaseAvailable(), hours.now(officeId));
        return new Snapshot(status, json.writeValueAsString(status));
    }

    static Integer counterNumber(String label) {
        if (label == null) {
            return null;
        }
        Matcher m = COUNTER_NUMBER.matcher(label);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
