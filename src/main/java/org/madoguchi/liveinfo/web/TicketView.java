package org.madoguchi.liveinfo.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madoguchi.reception.TicketStatus;
import org.madoguchi.reception.VisitStatus;

/**
 * The ticket page's words, worked out once in Java so that the page and its live refresh say the same.
 * {@code state} changes only when the visitor's own status changes (not when the queue moves), and the page
 * reads {@code announcement} out only then, so screen readers are not flooded.
 */
record TicketView(int number, List<Step> steps, Step calledAt, String state, String announcement) {

    record Step(String departmentId, String name, String place, VisitStatus status, String statusText,
                String detail, String counter, boolean active) {
    }

    private static final Pattern DIGITS = Pattern.compile("(\\d+)");

    static TicketView of(TicketStatus ticket, LiveText text) {
        List<Step> steps = new ArrayList<>();
        StringBuilder state = new StringBuilder();
        for (TicketStatus.Step s : ticket.steps()) {
            String counter = s.counterLabelJa() == null ? null
                    : text.counter(s.counterLabelJa(), s.counterLabelEn(), number(s.counterLabelJa()));
            String detail = switch (s.status()) {
                case WAITING -> s.position() == null ? null : s.position() == 0 ? text.msg("live.step.next")
                        : text.msg("live.step.position", s.position(), s.waitMinutes() == null ? 0 : s.waitMinutes());
                case CALLED -> counter == null ? null : text.msg("live.step.goTo", counter);
                case SERVING -> counter == null ? null : text.msg("live.step.servingAt", counter);
                default -> null;
            };
            boolean active = s.status() == VisitStatus.CALLED || s.status() == VisitStatus.SERVING
                    || s.status() == VisitStatus.WAITING || s.status() == VisitStatus.ABSENT;
            steps.add(new Step(s.departmentId(), text.department(s.departmentId(), s.departmentNameJa(),
                    s.departmentNameEn()), text.place(s.floor(), s.area()), s.status(),
                    text.msg("live.visit." + s.status().name()), detail, counter, active));
            state.append(s.departmentId()).append('=').append(s.status()).append('@')
                    .append(s.counterLabelJa() == null ? "" : s.counterLabelJa()).append(';');
        }
        Step called = steps.stream().filter(s -> s.status() == VisitStatus.CALLED).findFirst().orElse(null);
        Optional<Step> focus = Optional.ofNullable(called)
                .or(() -> steps.stream().filter(Step::active).findFirst())
                .or(() -> steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1)));
        String announcement = focus.map(s -> text.msg("live.announce", s.name(), s.statusText())
                + (s.detail() == null ? "" : " " + s.detail())).orElse("");
        return new TicketView(ticket.number(), steps, called, state.toString(), announcement);
    }

    private static Integer number(String label) {
        Matcher m = DIGITS.matcher(label);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
