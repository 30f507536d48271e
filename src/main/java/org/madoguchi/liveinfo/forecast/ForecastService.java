package org.madoguchi.liveinfo.forecast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.madoguchi.platform.ProblemException;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.madoguchi.reception.IssueHistory;
import org.springframework.stereotype.Service;

/**
 * Forecasts per office and department: learns from the office's recorded history once it has enough
 * business days, otherwise shows the standard pattern. Models are refitted at most every {@code refit}
 * and whenever the holiday data changes.
 */
@Service
public class ForecastService {

    /** The standard pattern's levels are cut over the audit's year, R5 (2023-04 to 2024-03). */
    private static final LocalDate REFERENCE_FROM = LocalDate.of(2023, 4, 1);
    private static final LocalDate REFERENCE_TO = LocalDate.of(2024, 3, 31);

    private final FloorDirectory floors;
    private final IssueHistory history;
    private final HolidaySource holidaySource;
    private final ForecastProperties properties;
    private final Clock clock;
    private final Map<String, Fitted> fitted = new ConcurrentHashMap<>();

    private record Fitted(Instant at, Holidays holidays, BusinessCalendar calendar, Map<String, DepartmentModel> models) {
    }

    ForecastService(FloorDirectory floors, IssueHistory history, HolidaySource holidaySource,
                    ForecastProperties properties, Clock clock) {
        this.floors = floors;
        this.history = history;
        this.holidaySource = holidaySource;
        this.properties = properties;
        this.clock = clock;
    }

    public Floor floor(String officeId) {
        return floors.find(officeId).orElseThrow(() -> ProblemException.notFound("unknown-office",
                "庁舎「" + officeId + "」は登録されていません。"));
    }

    /** The department asked for, or the office's first one when none is given. */
    public Floor.Department department(Floor floor, String departmentId) {
        if (departmentId == null || departmentId.isBlank()) {
            return floor.departments().get(0);
        }
        return floor.department(departmentId).orElseThrow(() -> ProblemException.notFound("unknown-department",
                "「" + floor.office().nameJa() + "」に課「" + departmentId + "」はありません。課の一覧から選んでください。"));
    }

    /** Parses {@code 2026-12}; a clear Japanese refusal otherwise, or when the holiday data does not reach it. */
    public YearMonth month(String text, String officeId) {
        if (text == null || text.isBlank()) {
            return YearMonth.now(zone(floor(officeId)));
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid("invalid-month",
                    "月の指定「" + text + "」を読み取れません。2026-12 のように「年-月」で指定してください。");
        }
        checkCovered(month);
        return month;
    }

    public LocalDate day(String text) {
        try {
            LocalDate day = LocalDate.parse(text.strip());
            checkCovered(YearMonth.from(day));
            return day;
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid("invalid-day",
                    "日付の指定「" + text + "」を読み取れません。2026-12-01 のように「年-月-日」で指定してください。");
        }
    }

    private void checkCovered(YearMonth month) {
        Holidays holidays = holidaySource.holidays();
        if (month.getYear() < holidays.first().getYear() || month.getYear() > holidays.last().getYear()) {
            throw ProblemException.invalid("month-out-of-range", "祝日のデータがある " + holidays.first().getYear()
                    + "年から" + holidays.last().getYear() + "年までの月を指定してください。");
        }
    }

    public Forecast.Month forecast(String officeId, String departmentId, YearMonth month) {
        Floor floor = floor(officeId);
        Floor.Department department = department(floor, departmentId);
        Fitted f = models(floor);
        DepartmentModel model = f.models().get(department.id());
        List<Forecast.Day> days = new ArrayList<>();
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            days.add(day(f, model, d));
        }
        return new Forecast.Month(floor.office().id(), floor.office().nameJa(), floor.office().nameEn(),
                new Forecast.Department(department.id(), department.nameJa(), department.nameEn()), month,
                model.basis(), model.historyDays(), model.countsKnown(), days);
    }

    /** One day hour by hour, limited to the office's opening hours. */
    public Forecast.DayDetail forecastDay(String officeId, String departmentId, LocalDate date) {
        Forecast.Month month = forecast(officeId, departmentId, YearMonth.from(date));
        Forecast.Day day = month.days().get(date.getDayOfMonth() - 1);
        List<Forecast.Hour> hours = new ArrayList<>();
        if (day.open()) {
            Floor floor = floor(officeId);
            Fitted f = models(floor);
            DepartmentModel model = f.models().get(month.department().id());
            double[] expected = model.expectedHours(f.calendar().features(date));
            LocalTime opens = floor.office().opensAt();
            LocalTime closes = floor.office().closesAt();
            for (int i = 0; i < expected.length; i++) {
                LocalTime from = LocalTime.of(StandardPattern.FIRST_HOUR + i, 0);
                LocalTime to = from.plusHours(1);
                LocalTime start = from.isBefore(opens) ? opens : from;
                LocalTime end = to.isAfter(closes) || to.equals(LocalTime.MIDNIGHT) ? closes : to;
                if (!start.isBefore(end)) {
                    continue;
                }
                hours.add(new Forecast.Hour(from.getHour(), start.toString(), end.toString(),
                        Math.round(expected[i] * 10) / 10.0, model.hourLevel(expected[i])));
            }
        }
        return new Forecast.DayDetail(month, day, hours);
    }

    private static Forecast.Day day(Fitted f, DepartmentModel model, LocalDate d) {
        var closure = f.calendar().closure(d);
        if (closure.isPresent()) {
            var holiday = f.holidays().on(d);
            return new Forecast.Day(d, false, closure.get(), holiday.map(Holidays.Holiday::name).orElse(null),
                    holiday.map(Holidays.Holiday::nameEn).orElse(null), null, null, false, false, false);
        }
        BusinessCalendar.DayFeatures features = f.calendar().features(d);
        double expected = model.expected(features);
        return new Forecast.Day(d, true, null, null, null,
                model.countsKnown() ? (int) Math.round(expected) : null, model.dayLevel(expected),
                features.firstOfMonth(), features.lastOfMonth(), features.afterHoliday());
    }

    private Fitted models(Floor floor) {
        Holidays holidays = holidaySource.holidays();
        Instant now = clock.instant();
        Fitted current = fitted.get(floor.office().id());
        if (current != null && current.holidays() == holidays
                && Duration.between(current.at(), now).compareTo(properties.refit()) < 0) {
            return current;
        }
        synchronized (this) {
            Fitted again = fitted.get(floor.office().id());
            if (again != null && again != current) {
                return again;
            }
            Fitted made = fit(floor, holidays, now);
            fitted.put(floor.office().id(), made);
            return made;
        }
    }

    /** Forget fitted models, e.g. after history was loaded in bulk. */
    public void refresh() {
        fitted.clear();
    }

    private Fitted fit(Floor floor, Holidays holidays, Instant now) {
        BusinessCalendar calendar = new BusinessCalendar(holidays);
        LocalDate today = LocalDate.ofInstant(now, zone(floor));
        LocalDate from = today.minusYears(properties.historyYears());
        LocalDate to = today.minusDays(1);
        Map<String, SortedMap<LocalDate, int[]>> byDepartment = collect(floor, calendar, from, to);
        Map<String, DepartmentModel> models = new LinkedHashMap<>();
        for (Floor.Department d : floor.departments()) {
            SortedMap<LocalDate, int[]> days = byDepartment.get(d.id());
            StandardPattern.Shape shape = StandardPattern.of(d.id());
            models.put(d.id(), days.size() >= Math.max(1, properties.minHistoryDays())
                    ? DepartmentModel.fit(days, shape, calendar, properties.shrinkDays())
                    : DepartmentModel.standard(shape, calendar, REFERENCE_FROM, REFERENCE_TO));
        }
        return new Fitted(now, holidays, calendar, models);
    }

    /**
     * Per department, every business day on which the office recorded tickets, with that department's
     * visitors per hour (zero when none came that day).
     */
    Map<String, SortedMap<LocalDate, int[]>> collect(Floor floor, BusinessCalendar calendar, LocalDate from,
                                                     LocalDate to) {
        Set<LocalDate> recorded = new HashSet<>(history.daysWithTickets(floor.office().id(), from, to));
        Map<String, SortedMap<LocalDate, int[]>> result = new LinkedHashMap<>();
        for (Floor.Department d : floor.departments()) {
            SortedMap<LocalDate, int[]> days = new TreeMap<>();
            for (LocalDate day : recorded) {
                if (calendar.isBusinessDay(day)) {
                    days.put(day, new int[StandardPattern.HOURS]);
                }
            }
            result.put(d.id(), days);
        }
        for (IssueHistory.HourlyCount c : history.hourly(floor.office().id(), from, to)) {
            SortedMap<LocalDate, int[]> days = result.get(c.departmentId());
            int[] hours = days == null ? null : days.get(c.serviceDate());
            if (hours != null) {
                int h = Math.max(0, Math.min(StandardPattern.HOURS - 1, c.hour() - StandardPattern.FIRST_HOUR));
                hours[h] += c.visits();
            }
        }
        return result;
    }

    private static ZoneId zone(Floor floor) {
        return ZoneId.of(floor.office().timeZone());
    }
}
