package org.madoguchi.platform.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a backup holds. The file starts with the header (enough to list it: time, versions) and ends with the full
 * manifest (tables with their columns and row counts, sequences), written once every table has been copied.
 */
record BackupManifest(int format, Instant createdAt, String appVersion, String flywayVersion,
                      List<TableEntry> tables, List<SequenceEntry> sequences) {

    static final int FORMAT = 1;

    record TableEntry(String schema, String name, List<String> columns, long rows) {
    }

    record SequenceEntry(String schema, String name, Long lastValue, String ownerTable, String ownerColumn) {
    }

    record Header(int format, Instant createdAt, String appVersion, String flywayVersion) {
    }

    Header header() {
        return new Header(format, createdAt, appVersion, flywayVersion);
    }
}
