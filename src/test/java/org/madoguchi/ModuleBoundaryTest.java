package org.madoguchi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modular monolith's rules: one top-level package per capability; a module uses another only through
 * the classes in that module's top-level package (its API); platform depends on no capability; no cycles;
 * and no module reads or writes another module's database schema.
 */
class ModuleBoundaryTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.madoguchi");

    static String moduleOf(String packageName) {
        String rest = packageName.startsWith("org.madoguchi.") ? packageName.substring("org.madoguchi.".length()) : "";
        return rest.isEmpty() ? "" : rest.split("\\.")[0];
    }

    @Test
    void modulesUseEachOtherOnlyThroughTheirTopLevelPackage() {
        for (String module : modules()) {
            DescribedPredicate<JavaClass> internalsOfOthers = new DescribedPredicate<>("internals of modules other than " + module) {
                @Override
                public boolean test(JavaClass c) {
                    String p = c.getPackageName();
                    String owner = moduleOf(p);
                    return !owner.isEmpty() && !owner.equals(module) && !p.equals("org.madoguchi." + owner);
                }
            };
            noClasses().that().resideInAPackage("org.madoguchi." + module + "..")
                    .should().dependOnClassesThat(internalsOfOthers)
                    .check(CLASSES);
        }
    }

    @Test
    void platformDependsOnNoCapability() {
        noClasses().that().resideInAPackage("org.madoguchi.platform..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("a capability module") {
                    @Override
                    public boolean test(JavaClass c) {
                        String owner = moduleOf(c.getPackageName());
                        return !owner.isEmpty() && !owner.equals("platform");
                    }
                })
                .check(CLASSES);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("org.madoguchi.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachModuleTouchesOnlyItsOwnSchema() throws IOException {
        // A schema-qualified table after an SQL keyword: FROM reception.ticket, JOIN platform.staff, ...
        Pattern tableReference = Pattern.compile("(?i:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|REFERENCES)\\s+"
                + "(platform|reception|liveinfo|statistics|navigator|preentry|forms|cardreader|payments|survey|kpi)"
                + "\\.([a-z_]+)\\b");
        List<String> violations = new ArrayList<>();
        int references = 0;
        Path root = Path.of("src/main/java/org/madoguchi");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = root.relativize(file).getName(0).toString();
                Matcher m = tableReference.matcher(Files.readString(file));
                while (m.find()) {
                    references++;
                    if (!m.group(1).equals(module)) {
                        violations.add(file + " uses " + m.group());
                    }
                }
            }
        }
        assertThat(references).as("the pattern finds the modules' own SQL").isGreaterThan(20);
        assertThat(violations).isEmpty();
        assertThat(modules()).contains("platform", "reception");
    }

    private static List<String> modules() {
        return CLASSES.stream().map(c -> moduleOf(c.getPackageName())).filter(m -> !m.isEmpty()).distinct().sorted().toList();
    }
}
