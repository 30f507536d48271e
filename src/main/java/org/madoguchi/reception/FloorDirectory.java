package org.madoguchi.reception;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.madoguchi.platform.DepartmentCatalog;
import org.madoguchi.platform.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the floor configuration (offices, departments, counters, procedures). It changes only through
 * migrations, so each office's floor is read once and kept.
 */
@Service
public class FloorDirectory implements DepartmentCatalog {

    private final JdbcClient jdbc;
    private final Map<String, Floor> floors = new ConcurrentHashMap<>();

    FloorDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Floor.Office> offices() {
        return jdbc.sql("SELECT id, name_ja, name_en, time_zone, opens_at, closes_at, auto_close FROM reception.office ORDER BY id")
                .query((rs, n) -> new Floor.Office(rs.getString("id"), rs.getString("name_ja"),
                        rs.getString("name_en"), rs.getString("time_zone"),
                        rs.getObject("opens_at", LocalTime.class), rs.getObject("closes_at", LocalTime.class),
                        rs.getBoolean("auto_close")))
                .list();
    }

    public Optional<Floor> find(String officeId) {
        if (officeId == null) {
            return Optional.empty();
        }
        Floor cached = floors.get(officeId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Floor> loaded = load(officeId);
        loaded.ifPresent(f -> floors.put(officeId, f));
        return loaded;
    }

    public Floor floor(String officeId) {
        return find(officeId).orElseThrow(() -> ProblemException.notFound("unknown-office",
                "庁舎「" + officeId + "」は登録されていません。"));
    }

    /** The floor that holds a department, for operations that start from a department id. */
    public Floor floorOfDepartment(String departmentId) {
        String officeId = jdbc.sql("SELECT office_id FROM reception.department WHERE id = :id")
                .param("id", departmentId).query(String.class).optional()
                .orElseThrow(() -> ProblemException.notFound("unknown-department",
                        "課「" + departmentId + "」は登録されていません。"));
        return floor(officeId);
    }

    public Floor floorOfCounter(String counterId) {
        String officeId = jdbc.sql("SELECT office_id FROM reception.counter WHERE id = :id")
                .param("id", counterId).query(String.class).optional()
                .orElseThrow(() -> ProblemException.notFound("unknown-counter",
                        "窓口「" + counterId + "」は登録されていません。"));
        return floor(officeId);
    }

    @Override
    public boolean officeExists(String officeId) {
        return find(officeId).isPresent();
    }

    @Override
    public boolean departmentExists(String departmentId) {
        return jdbc.sql("SELECT count(*) FROM reception.department WHERE id = :id").param("id", departmentId)
                .query(Long.class).single() > 0;
    }

    @Override
    public List<Entry> departments() {
        return jdbc.sql("""
                        SELECT d.id, d.name_ja FROM reception.department d JOIN reception.office o ON o.id = d.office_id
                        ORDER BY o.id, d.sort_order, d.id""")
                .query((rs, n) -> new Entry(rs.getString("id"), rs.getString("name_ja"))).list();
    }

    @Override
    public List<Entry> officeEntries() {
        return offices().stream().map(o -> new Entry(o.id(), o.nameJa())).toList();
    }

    private Optional<Floor> load(String officeId) {
        Optional<Floor.Office> office = offices().stream().filter(o -> o.id().equals(officeId)).findFirst();
        if (office.isEmpty()) {
            return Optional.empty();
        }
        List<Floor.Department> departments = jdbc.sql("""
                        SELECT id, name_ja, name_en, floor, area, linked, sort_order FROM reception.department
                        WHERE office_id = :office ORDER BY sort_order, id""")
                .param("office", officeId)
                .query((rs, n) -> new Floor.Department(rs.getString("id"), rs.getString("name_ja"),
                        rs.getString("name_en"), rs.getString("floor"), rs.getString("area"),
                        rs.getBoolean("linked"), rs.getInt("sort_order")))
                .list();
        List<Floor.CounterGroup> groups = jdbc.sql("""
                        SELECT id, name_ja, name_en, staff_rotate FROM reception.counter_group
                        WHERE office_id = :office ORDER BY id""")
                .param("office", officeId)
                .query((rs, n) -> new Floor.CounterGroup(rs.getString("id"), rs.getString("name_ja"),
                        rs.getString("name_en"), rs.getBoolean("staff_rotate")))
                .list();
        Map<String, Set<String>> counterDepartments = new HashMap<>();
        jdbc.sql("""
                        SELECT cd.counter_id, cd.department_id FROM reception.counter_department cd
                        JOIN reception.counter c ON c.id = cd.counter_id WHERE c.office_id = :office""")
                .param("office", officeId)
                .query(rs -> {
                    counterDepartments.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                });
        List<Floor.Counter> counters = jdbc.sql("""
                        SELECT id, counter_group_id, label_ja, label_en FROM reception.counter
                        WHERE office_id = :office ORDER BY length(id), id""")
                .param("office", officeId)
                .query((rs, n) -> new Floor.Counter(rs.getString("id"), rs.getString("counter_group_id"),
                        rs.getString("label_ja"), rs.getString("label_en"),
                        Set.copyOf(counterDepartments.getOrDefault(rs.getString("id"), Set.of()))))
                .list();
        List<Floor.Procedure> procedures = jdbc.sql("""
                        SELECT p.id, p.department_id, p.section_id, p.name_ja, p.name_en, p.typical_minutes
                        FROM reception.procedure p JOIN reception.department d ON d.id = p.department_id
                        WHERE d.office_id = :office ORDER BY d.sort_order, p.id""")
                .param("office", officeId)
                .query((rs, n) -> new Floor.Procedure(rs.getString("id"), rs.getString("department_id"),
                        rs.getString("section_id"), rs.getString("name_ja"), rs.getString("name_en"),
                        rs.getInt("typical_minutes")))
                .list();
        List<Floor.PriorityClass> classes = jdbc.sql("SELECT id, rank, name_ja, name_en FROM reception.priority_class ORDER BY rank, id")
                .query((rs, n) -> new Floor.PriorityClass(rs.getString("id"), rs.getInt("rank"),
                        rs.getString("name_ja"), rs.getString("name_en")))
                .list();
        return Optional.of(new Floor(office.get(), departments, groups, counters, procedures, classes));
    }
}
