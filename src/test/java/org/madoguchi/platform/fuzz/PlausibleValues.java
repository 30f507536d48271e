package org.madoguchi.platform.fuzz;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Realistic ids and values by parameter name, so that safe requests also reach the code behind the lookups. */
final class PlausibleValues {

    private PlausibleValues() {
    }

    static String forName(String name, String format, Random r) {
        if (format.equals("uuid")) {
            return UUID.randomUUID().toString();
        }
        if (format.equals("date")) {
            return pick(r, "2024-04-01", "2026-12-04", "1999-12-31");
        }
        if (format.equals("int64") || format.equals("int32")) {
            return String.valueOf(1 + r.nextInt(50));
        }
        return switch (name) {
            case "officeId", "office" -> pick(r, "honcho", "akatsuka");
            case "departmentId", "department", "departments" -> pick(r, "koseki-jumin", "kokuho-nenkin", "kosodate");
            case "counterId", "counter" -> pick(r, "honcho-1", "honcho-11", "akatsuka-1");
            case "procedureIds" -> pick(r, "tennyu", "tenshutsu", "inkan");
            case "token" -> UUID.randomUUID().toString().replace("-", "").substring(0, 22);
            case "from", "day", "serviceDate" -> pick(r, "2024-04-01", "2025-01-15");
            case "to" -> pick(r, "2024-04-30", "2026-03-31");
            case "month" -> pick(r, "2024-04", "2025-12");
            case "fy" -> pick(r, "2024", "2025");
            case "years" -> pick(r, "1", "3");
            case "groupBy" -> pick(r, "department", "counter", "office", "day");
            case "code" -> pick(r, "1730004", "173-0004", "1000001");
            case "priorityClass" -> pick(r, "elderly", "disabled", "none");
            case "params" -> "dryRun=true";
            default -> "fuzz-" + r.nextInt(1000);
        };
    }

    private static String pick(Random r, String... values) {
        return List.of(values).get(r.nextInt(values.length));
    }
}
