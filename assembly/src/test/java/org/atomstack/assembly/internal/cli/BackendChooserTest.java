package org.atomstack.assembly.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atomstack.api.backend.Availability;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.assembly.internal.wiring.BackendChooser;
import org.junit.jupiter.api.Test;

class BackendChooserTest {
    final PluginRegistry both = PluginRegistry.of(
        FakeBackends.backend("cuda", 10, Availability.unavailable("no NVIDIA driver")),
        FakeBackends.backend("cpu", 0, Availability.on("2 CPU threads")));

    @Test
    void autoFallsBackToCpuAndSaysWhyTheAcceleratorWasPassedOver() {
        BackendChooser.Choice c = new BackendChooser(both).choose("auto");
        assertEquals("cpu", c.plugin().info().id());
        assertTrue(c.reason().contains("cuda unavailable: no NVIDIA driver"), c.reason());
    }

    @Test
    void autoPrefersTheAvailableBackendOfHighestPriority() {
        PluginRegistry reg = PluginRegistry.of(
            FakeBackends.backend("cuda", 10, Availability.on("H200")),
            FakeBackends.backend("cpu", 0, Availability.on("2 CPU threads")));
        BackendChooser.Choice c = new BackendChooser(reg).choose("auto");
        assertEquals("cuda", c.plugin().info().id());
        assertTrue(c.reason().contains("(auto) on H200"), c.reason());
    }

    @Test
    void aRequestedButUnavailableBackendIsAnErrorWithTheReason() {
        PluginException e = assertThrows(PluginException.class, () -> new BackendChooser(both).choose("cuda"));
        assertTrue(e.getMessage().contains("'cuda' is installed but unavailable: no NVIDIA driver"), e.getMessage());
    }

    @Test
    void anUnknownBackendNamesTheInstalledOnes() {
        PluginException e = assertThrows(PluginException.class, () -> new BackendChooser(both).choose("tpu"));
        assertTrue(e.getMessage().contains("unknown backend plugin 'tpu'"), e.getMessage());
        assertTrue(e.getMessage().contains("cpu@"), e.getMessage());
    }

    @Test
    void noBackendInstalledIsAnError() {
        PluginException e = assertThrows(PluginException.class, () -> new BackendChooser(PluginRegistry.of()).choose("auto"));
        assertTrue(e.getMessage().contains("no backend plugin is installed"), e.getMessage());
    }
}
