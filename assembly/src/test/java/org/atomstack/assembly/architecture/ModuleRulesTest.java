package org.atomstack.assembly.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md, checked on the compiled main classes of every module
 * (all are on this module's test class path): api depends on the JDK only; plugins depend on
 * api and other plugins' exported packages, never on another module's {@code ..internal..};
 * backends do not depend on bases, selectors or models; nothing depends on the assembly; and
 * modules form no cycles.
 */
class ModuleRulesTest {
    /** Package prefix of each module; longest prefixes first. */
    static final List<String> MODULES = List.of(
        "org.atomstack.api", "org.atomstack.testkit",
        "org.atomstack.backend.cpu", "org.atomstack.backend.cuda",
        "org.atomstack.basis.ace", "org.atomstack.basis.cartesian",
        "org.atomstack.selection.langbein", "org.atomstack.purification",
        "org.atomstack.model.linear", "org.atomstack.model.hipnn", "org.atomstack.model.grace", "org.atomstack.model.mpacdc",
        "org.atomstack.assembly");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.atomstack");
    }

    static String moduleOf(String className) {
        for (String m : MODULES) {
            if (className.startsWith(m + ".")) {
                return m;
            }
        }
        return null;
    }

    @Test
    void everyModuleContributesClasses() {
        // guards the rules below against silently checking nothing
        for (String m : List.of("org.atomstack.api", "org.atomstack.assembly", "org.atomstack.testkit")) {
            if (classes.stream().noneMatch(c -> m.equals(moduleOf(c.getName())))) {
                throw new AssertionError("no classes imported for module " + m);
            }
        }
    }

    @Test
    void apiDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("org.atomstack.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.atomstack.api..")
            .check(classes);
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackages() {
        ArchCondition<JavaClass> notReachIntoOthersInternals = new ArchCondition<>("not depend on another module's ..internal.. packages") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = moduleOf(item.getName());
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    JavaClass target = d.getTargetClass();
                    String other = moduleOf(target.getName());
                    if (other != null && !other.equals(own) && target.getPackageName().contains(".internal")) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        };
        classes().that().resideInAPackage("org.atomstack..").should(notReachIntoOthersInternals).check(classes);
    }

    @Test
    void pluginsDependOnlyOnTheJdkTheApiAndOtherPluginsExportedPackages() {
        classes().that().resideInAnyPackage("org.atomstack.backend..", "org.atomstack.basis..", "org.atomstack.selection..",
                "org.atomstack.purification..", "org.atomstack.model..")
            .should().onlyDependOnClassesThat(DescribedPredicate.not(
                JavaClass.Predicates.resideInAnyPackage("org.atomstack.assembly..", "org.atomstack.testkit..")))
            .allowEmptyShould(true)
            .check(classes);
    }

    @Test
    void backendsDoNotDependOnBasesSelectorsOrModels() {
        noClasses().that().resideInAPackage("org.atomstack.backend..")
            .should().dependOnClassesThat().resideInAnyPackage("org.atomstack.basis..", "org.atomstack.selection..",
                "org.atomstack.purification..", "org.atomstack.model..")
            .allowEmptyShould(true)
            .check(classes);
    }

    @Test
    void nothingOutsideTheAssemblyDependsOnIt() {
        noClasses().that().resideOutsideOfPackage("org.atomstack.assembly..")
            .should().dependOnClassesThat().resideInAPackage("org.atomstack.assembly..")
            .check(classes);
    }

    @Test
    void modulesFormNoCycles() {
        SliceAssignment byModule = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String m = moduleOf(javaClass.getName());
                return m == null ? SliceIdentifier.ignore() : SliceIdentifier.of(m);
            }

            @Override
            public String getDescription() {
                return "atomstack modules";
            }
        };
        SlicesRuleDefinition.slices().assignedFrom(byModule).should().beFreeOfCycles().check(classes);
    }
}
