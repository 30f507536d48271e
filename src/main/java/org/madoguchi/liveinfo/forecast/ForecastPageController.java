package org.madoguchi.liveinfo.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.OfficeHours;
import org.madoguchi.reception.OpeningText;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public congestion forecast calendar (混雑予想カレンダー): a month per department, and one day by the
 * hour. Plain HTML, no script: the department selector is a GET form, the months and days are links.
 */
@Controller
class ForecastPageController {

    private final ForecastService forecasts;
    private final MessageSource messages;
    private final OfficeHours hours;

    ForecastPageController(ForecastService forecasts, MessageSource messages, OfficeHours hours) {
        this.forecasts = forecasts;
        this.hours = hours;
        this.messages = messages;
    }

    /** A calendar week, Sunday first as Japanese calendars are; {@code null} pads days outside the month. */
    record Week(List<Forecast.Day> days) {
    }

    @GetMapping("/live/{office}/forecast")
    String calendar(@PathVariable String office, @RequestParam(required = false) String department,
                    @RequestParam(required = false) String month, @RequestParam(required = false) String day,
                    Model model, Locale locale) {
        Floor floor = forecasts.floor(office);
        Floor.Department dept = forecasts.department(floor, department);
        LocalDate date = day == null || day.isBlank() ? null : forecasts.day(day);
        YearMonth ym = date != null ? YearMonth.from(date) : forecasts.month(month, office);
        Forecast.Month forecast = forecasts.forecast(office, dept.id(), ym);
        boolean ja = "ja".equals(locale.getLanguage());

        model.addAttribute("forecast", forecast);
        // Today's state first: a calendar read after closing must not suggest the counters are open now.
        model.addAttribute("opening", OpeningText.of(hours.now(floor.office().id()), messages, locale));
        model.addAttribute("floor", floor);
        model.addAttribute("ja", ja);
        model.addAttribute("departmentName", ja ? dept.nameJa() : dept.nameEn());
        model.addAttribute("officeName", ja ? floor.office().nameJa() : floor.office().nameEn());
        model.addAttribute("monthTitle", ym.format(pattern("forecast.pattern.month", locale)));
        model.addAttribute("weeks", weeks(forecast));
        model.addAttribute("weekdays", List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
        model.addAttribute("levels", Arrays.asList(CongestionLevel.values()));
        String base = "/live/" + floor.office().id() + "/forecast";
        model.addAttribute("base", base);
        model.addAttribute("prevLink", link(base, dept.id(), ym.minusMonths(1), null));
        model.addAttribute("nextLink", link(base, dept.id(), ym.plusMonths(1), null));
        model.addAttribute("prevTitle", ym.minusMonths(1).format(pattern("forecast.pattern.month", locale)));
        model.addAttribute("nextTitle", ym.plusMonths(1).format(pattern("forecast.pattern.month", locale)));
        model.addAttribute("monthLink", link(base, dept.id(), ym, null));
        model.addAttribute("dayPattern", pattern("forecast.pattern.day", locale));
        if (date != null) {
            Forecast.DayDetail detail = forecasts.forecastDay(office, dept.id(), date);
            model.addAttribute("detail", detail);
            model.addAttribute("dayTitle", date.format(pattern("forecast.pattern.day", locale)));
            double max = detail.hours().stream().mapToDouble(Forecast.Hour::expected).max().orElse(1);
            model.addAttribute("maxHour", max <= 0 ? 1 : max);
        }
        return "liveinfo/forecast/calendar";
    }

    /** Link to a month or a day of a department's calendar, for the template. */
    static String link(String base, String department, YearMonth month, LocalDate day) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(base).queryParam("department", department)
                .queryParam("month", month.toString());
        if (day != null) {
            b.queryParam("day", day.toString());
        }
        return b.build().encode().toUriString();
    }

    private DateTimeFormatter pattern(String key, Locale locale) {
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, "uuuu-MM-dd", locale), locale);
    }

    private static List<Week> weeks(Forecast.Month month) {
        List<Week> weeks = new ArrayList<>();
        List<Forecast.Day> current = new ArrayList<>();
        int lead = month.month().atDay(1).getDayOfWeek().getValue() % 7; // Sunday = 0
        for (int i = 0; i < lead; i++) {
            current.add(null);
        }
        for (Forecast.Day d : month.days()) {
            current.add(d);
            if (current.size() == 7) {
                weeks.add(new Week(current));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            while (current.size() < 7) {
                current.add(null);
            }
            weeks.add(new Week(current));
        }
        return weeks;
    }
}
