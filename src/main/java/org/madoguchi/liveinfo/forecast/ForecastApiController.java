package org.madoguchi.liveinfo.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madoguchi.reception.Floor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The forecast as JSON for other sites and apps; the same figures as the calendar page. Public, counts only. */
@RestController
class ForecastApiController {

    private final ForecastService forecasts;

    ForecastApiController(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    /**
     * {@code GET /api/v1/public/offices/{office}/forecast?department=koseki-jumin&month=2026-12[&day=2026-12-01]}:
     * every date of the month with its level (and expected visitors when known); with {@code day}, that
     * day's hours as well.
     */
    @GetMapping("/api/v1/public/offices/{office}/forecast")
    Map<String, Object> forecast(@PathVariable String office, @RequestParam(required = false) String department,
                                 @RequestParam(required = false) String month,
                                 @RequestParam(required = false) String day) {
        Floor floor = forecasts.floor(office);
        Floor.Department dept = forecasts.department(floor, department);
        LocalDate date = day == null || day.isBlank() ? null : forecasts.day(day);
        YearMonth ym = date != null ? YearMonth.from(date) : forecasts.month(month, office);
        Forecast.Month f = forecasts.forecast(office, dept.id(), ym);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("officeId", f.officeId());
        body.put("officeName", f.officeNameJa());
        body.put("departmentId", f.department().id());
        body.put("departmentName", f.department().nameJa());
        body.put("month", f.month().toString());
        body.put("basis", f.basis().name());
        body.put("historyDays", f.historyDays());
        body.put("levels", List.of(CongestionLevel.values()).stream()
                .map(l -> Map.of("level", l.name(), "label", l.labelJa())).toList());
        body.put("days", f.days().stream().map(ForecastApiController::day).toList());
        if (date != null) {
            Forecast.DayDetail detail = forecasts.forecastDay(office, dept.id(), date);
            body.put("day", date.toString());
            body.put("hours", detail.hours().stream().map(h -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", h.from());
                m.put("to", h.to());
                m.put("expected", f.countsKnown() ? h.expected() : null);
                m.put("level", h.level().name());
                m.put("label", h.level().labelJa());
                return m;
            }).toList());
        }
        return body;
    }

    private static Map<String, Object> day(Forecast.Day d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", d.date().toString());
        m.put("open", d.open());
        m.put("closure", d.closure() == null ? null : d.closure().name());
        m.put("holidayName", d.holidayName());
        m.put("expected", d.expected());
        m.put("level", d.level() == null ? null : d.level().name());
        m.put("label", d.level() == null ? "閉庁日" : d.level().labelJa());
        return m;
    }
}
