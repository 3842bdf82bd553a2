/**
 * The atomstack application: Guice wiring, the {@code atomstack} CLI (picocli), data I/O
 * (extended XYZ, mlearn JSON), and the two plugin runtimes (ServiceLoader and embedded Apache
 * Felix) behind one {@link org.atomstack.api.plugin.PluginRegistry}.
 *
 * <p>Exports only {@code org.atomstack.assembly.io} (readers and writers usable from other
 * tools); everything else is implementation under {@code org.atomstack.assembly.internal}.
 */
module org.atomstack.assembly {
    requires transitive org.atomstack.api;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.dataformat.csv;
    requires com.google.guice;
    requires jakarta.inject;
    requires org.apache.felix.framework;
    requires org.slf4j;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;
    requires java.desktop;

    exports org.atomstack.assembly.io;

    // The embedded OSGi framework is found through its FrameworkFactory service.
    uses org.osgi.framework.launch.FrameworkFactory;

    opens org.atomstack.assembly.internal.cli to info.picocli, com.google.guice;
    opens org.atomstack.assembly.internal.wiring to com.google.guice;
    opens org.atomstack.assembly.internal.data to com.fasterxml.jackson.databind;
    opens org.atomstack.assembly.internal.bench to com.fasterxml.jackson.databind;
    opens org.atomstack.assembly.internal.run to com.fasterxml.jackson.databind;
    opens org.atomstack.assembly.internal.study to com.fasterxml.jackson.databind;
}
