package org.madoguchi.navigator.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.madoguchi.reception.Floor;
import org.madoguchi.reception.FloorDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The navigator's content, read from {@code classpath:navigator/} at start-up. A broken file stops the start
 * with its file and line; once the database is there, every department and procedure a flow names is checked
 * against the office's floor, so a flow never hands the kiosk a plan it would refuse.
 */
@Component
public class FlowCatalog {

    public static final String FLOWS = "classpath:navigator/flows/*.yaml";

    private final Dictionary dictionary;
    private final FeeTable fees;
    private final Map<String, Flow> flows;
    private final FloorDirectory floors;
    private final String officeId;

    FlowCatalog(FloorDirectory floors, @Value("${madoguchi.navigator.office-id:honcho}") String officeId) {
        this.floors = floors;
        this.officeId = officeId;
        this.dictionary = FlowLoader.dictionary("navigator/common.yaml", read("classpath:navigator/common.yaml"));
        this.fees = FlowLoader.fees("navigator/fees.yaml", read("classpath:navigator/fees.yaml"));
        this.flows = load(FLOWS, dictionary, fees);
    }

    /** Reads every flow under a pattern; also used by the tests on broken files. */
    public static Map<String, Flow> load(String pattern, Dictionary dictionary, FeeTable fees) {
        Map<String, Flow> flows = new LinkedHashMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            for (Resource resource : resources) {
                String file = "navigator/flows/" + resource.getFilename();
                Flow flow = FlowLoader.flow(file, resource.getContentAsString(StandardCharsets.UTF_8), dictionary, fees);
                flows.put(flow.id(), flow);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return flows.values().stream().sorted(Comparator.comparing(Flow::group).thenComparingInt(Flow::order))
                .collect(LinkedHashMap::new, (m, f) -> m.put(f.id(), f), Map::putAll);
    }

    public static String read(String location) {
        try {
            return new PathMatchingResourcePatternResolver().getResource(location).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(location, e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void checkAgainstFloor() {
        checkAgainst(floors.floor(officeId));
    }

    /** Every department and procedure named by a flow exists on the floor, and each procedure is that department's. */
    public void checkAgainst(Floor floor) {
        for (Flow flow : flows.values()) {
            for (OutcomeItem item : flow.outcomes()) {
                if (item.department() != null && floor.department(item.department()).isEmpty()) {
                    throw new FlowException(flow.file(), item.line(), "課「" + item.department() + "」は庁舎「"
                            + floor.office().id() + "」にありません。");
                }
                if (item.procedure() != null) {
                    Floor.Procedure p = floor.procedure(item.procedure()).orElseThrow(() -> new FlowException(flow.file(),
                            item.line(), "手続「" + item.procedure() + "」は受付に登録されていません。"));
                    if (!p.departmentId().equals(item.department())) {
                        throw new FlowException(flow.file(), item.line(), "手続「" + item.procedure() + "」は「"
                                + p.departmentId() + "」の手続です（department: " + item.department() + "）。");
                    }
                }
            }
        }
    }

    public List<Flow> flows() {
        return List.copyOf(flows.values());
    }

    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(flows.get(id));
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    public FeeTable fees() {
        return fees;
    }

    public String officeId() {
        return officeId;
    }
}
