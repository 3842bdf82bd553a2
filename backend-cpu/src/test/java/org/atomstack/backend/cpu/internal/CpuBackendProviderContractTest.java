package org.atomstack.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.atomstack.testkit.PluginProviderContract;
import org.junit.jupiter.api.Test;

/** The plugin-provider contract for {@link CpuBackendProvider}, plus its backend-specific promises. */
class CpuBackendProviderContractTest extends PluginProviderContract<CpuBackendProvider> {
    @Override
    protected CpuBackendProvider provider() {
        return new CpuBackendProvider();
    }

    @Test
    void isAlwaysAvailableAndNamesItsThreadCount() {
        Availability a = provider().availability();
        assertTrue(a.available());
        assertTrue(a.detail().contains("CPU thread"), a.detail());
        assertEquals(0, provider().priority());
    }

    @Test
    void opensABackendWithIdCpuThatStartsWithNoTensors() {
        try (Backend b = provider().open()) {
            assertEquals("cpu", b.id());
            assertEquals(0, b.openTensors());
            assertEquals(provider().availability().detail(), b.device());
        }
    }
}
