/**
 * The atomstack plugin test kit: abstract JUnit 5 contract suites that plugins, registries and
 * backends subclass in their tests, and seeded generators of random structures.
 */
module org.atomstack.testkit {
    requires transitive org.atomstack.api;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires transitive net.jqwik.api;

    exports org.atomstack.testkit;
}
