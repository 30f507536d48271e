package org.madoguchi.liveinfo.forecast;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the congestion forecast ({@code madoguchi.liveinfo.forecast.*}).
 *
 * @param holidaysFile          a holiday_jp holidays.yml that replaces the bundled one; empty = bundled
 * @param holidaysCheckInterval how often that file's modification time is looked at
 * @param historyYears          how many years of recorded tickets the model learns from
 * @param minHistoryDays        business days with records a department needs before its own history is used;
 *                              below it the standard pattern (audit volumes and seasonality) is shown
 * @param shrinkDays            pseudo-days pulling each factor towards the standard pattern (sparse cells)
 * @param refit                 how long a fitted model is reused before the history is read again
 */
@ConfigurationProperties("madoguchi.liveinfo.forecast")
public record ForecastProperties(String holidaysFile,
                                 @DefaultValue("PT1M") Duration holidaysCheckInterval,
                                 @DefaultValue("3") int historyYears,
                                 @DefaultValue("120") int minHistoryDays,
                                 @DefaultValue("10") double shrinkDays,
                                 @DefaultValue("PT1H") Duration refit) {
}
