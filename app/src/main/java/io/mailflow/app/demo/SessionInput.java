package io.mailflow.app.demo;

import io.mailflow.schemas.HostInventoryEntry;
import java.nio.file.Path;
import java.util.List;

/**
 * Input of a demo or replay run.
 *
 * @param description how the report names the input
 * @param files maillog files, shipped in event-time order of their first line
 * @param inventory host inventory entries to load before any line, or empty
 * @param expectedIncidents incidents known to be in the input, or empty
 */
public record SessionInput(String description, List<Path> files, List<HostInventoryEntry> inventory,
        List<ExpectedIncident> expectedIncidents) {

    public SessionInput {
        files = List.copyOf(files);
        inventory = List.copyOf(inventory);
        expectedIncidents = List.copyOf(expectedIncidents);
    }
}
