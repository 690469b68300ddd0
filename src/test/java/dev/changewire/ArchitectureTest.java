package dev.changewire;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The component order of docs/architecture.md, checked on the compiled main code. A lower component
 * never uses a higher one (it declares an interface the higher one implements, or fires a CDI event);
 * {@code sandbox} sits beside the others and uses only {@code platform}; the application root (classes
 * directly in {@code dev.changewire}) may use every component. A boundary never uses another
 * component's entities: it goes through that component's control. The component order holds without
 * exception; the two older uses of an entity by another component's boundary are frozen in
 * src/test/resources/archunit-store (see archunit.properties): only new ones fail.
 */
class ArchitectureTest {

    static final String ROOT = "dev.changewire";
    static final Pattern COMPONENT = Pattern.compile(Pattern.quote(ROOT) + "\\.((?:elements\\.)?[a-z]+)\\.(boundary|control|entity)\\..*");

    static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    /** platform < tenancy < instances < events < hubs, notifications < polling < elements.* < application root. */
    static final ArchRule COMPONENT_ORDER = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("root").definedBy(ROOT)
            .layer("platform").definedBy(ROOT + ".platform..")
            .layer("tenancy").definedBy(ROOT + ".tenancy..")
            .layer("instances").definedBy(ROOT + ".instances..")
            .layer("events").definedBy(ROOT + ".events..")
            .layer("hubs").definedBy(ROOT + ".hubs..")
            .layer("notifications").definedBy(ROOT + ".notifications..")
            .layer("polling").definedBy(ROOT + ".polling..")
            .layer("elements").definedBy(ROOT + ".elements..")
            .layer("sandbox").definedBy(ROOT + ".sandbox..")
            .whereLayer("root").mayNotBeAccessedByAnyLayer()
            .whereLayer("elements").mayOnlyBeAccessedByLayers("root")
            .whereLayer("polling").mayOnlyBeAccessedByLayers("elements", "root")
            .whereLayer("notifications").mayOnlyBeAccessedByLayers("polling", "elements", "root")
            .whereLayer("hubs").mayOnlyBeAccessedByLayers("polling", "elements", "root")
            .whereLayer("events").mayOnlyBeAccessedByLayers("hubs", "notifications", "polling", "elements", "root")
            .whereLayer("instances").mayOnlyBeAccessedByLayers("events", "hubs", "notifications", "polling", "elements", "root")
            .whereLayer("tenancy").mayOnlyBeAccessedByLayers("instances", "events", "hubs", "notifications", "polling", "elements", "root")
            .whereLayer("sandbox").mayOnlyBeAccessedByLayers("root")
            .whereLayer("sandbox").mayOnlyAccessLayers("platform")
            .as("components use only components below them (docs/architecture.md)");

    static final ArchRule BOUNDARIES_USE_ONLY_THEIR_OWN_ENTITIES = ArchRuleDefinition.classes()
            .that().resideInAPackage(ROOT + ".*.boundary..").or().resideInAPackage(ROOT + ".elements.*.boundary..")
            .should(useNoEntityOfAnotherComponent())
            .as("a boundary uses no other component's entities");

    @Test
    void componentsUseOnlyComponentsBelowThem() {
        COMPONENT_ORDER.check(main);
    }

    @Test
    void aBoundaryUsesNoOtherComponentsEntities() {
        BOUNDARIES_USE_ONLY_THEIR_OWN_ENTITIES.check(main);
    }

    static Optional<String> component(JavaClass c) {
        Matcher m = COMPONENT.matcher(c.getName());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static ArchCondition<JavaClass> useNoEntityOfAnotherComponent() {
        return new ArchCondition<>("use no entity of another component") {
            @Override
            public void check(JavaClass boundary, ConditionEvents events) {
                String own = component(boundary).orElse("");
                for (Dependency d : boundary.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    Matcher m = COMPONENT.matcher(target.getName());
                    if (m.matches() && m.group(2).equals("entity") && !m.group(1).equals(own)) {
                        events.add(SimpleConditionEvent.violated(boundary, d.getDescription()));
                    }
                }
            }
        };
    }
}
