package org.madoguchi.platform.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.madoguchi.platform.KeyRing;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup file: a zip stream sealed by {@link SealedStreams}, holding {@code header.json}, one
 * {@code data/<schema>.<table>} entry per table in PostgreSQL's binary COPY format, and {@code manifest.json} last.
 */
final class BackupFiles {

    static final String HEADER = "header.json";
    static final String MANIFEST = "manifest.json";
    static final String DATA = "data/";

    interface TableLoader {
        void load(String entryName, InputStream data) throws IOException, SQLException;
    }

    private BackupFiles() {
    }

    /** Copies every table through {@code connection}, which must already be in its snapshot transaction. */
    static BackupManifest write(Connection connection, Path target, KeyRing keys, JsonMapper json, Instant now,
                                String appVersion, String flywayVersion, List<String> schemas)
            throws IOException, SQLException {
        List<BackupCatalog.Table> tables = BackupCatalog.tables(connection, schemas);
        List<BackupCatalog.Sequence> sequences = BackupCatalog.sequences(connection, schemas);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<BackupManifest.TableEntry> copied = new ArrayList<>();
        BackupManifest manifest;
        try (ZipOutputStream zip = new ZipOutputStream(SealedStreams.sealing(
                new BufferedOutputStream(Files.newOutputStream(target), SealedStreams.CHUNK), keys))) {
            zip.setLevel(Deflater.BEST_SPEED);
            BackupManifest.Header header = new BackupManifest.Header(BackupManifest.FORMAT, now, appVersion, flywayVersion);
            zip.putNextEntry(new ZipEntry(HEADER));
            zip.write(json.writeValueAsBytes(header));
            zip.closeEntry();
            OutputStream entry = new FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // The zip stays open for the next table.
                }
            };
            for (BackupCatalog.Table table : tables) {
                zip.putNextEntry(new ZipEntry(DATA + table.schema() + "." + table.name()));
                long rows = copy.copyOut("COPY " + table.qualified() + " (" + table.columnList()
                        + ") TO STDOUT (FORMAT binary)", entry);
                zip.closeEntry();
                copied.add(new BackupManifest.TableEntry(table.schema(), table.name(), table.columns(), rows));
            }
            manifest = new BackupManifest(BackupManifest.FORMAT, now, appVersion, flywayVersion, copied,
                    sequences.stream().map(s -> new BackupManifest.SequenceEntry(s.schema(), s.name(), s.lastValue(),
                            s.ownerTable(), s.ownerColumn())).toList());
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(json.writeValueAsBytes(manifest));
            zip.closeEntry();
        }
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            // On disk before the move makes it the newest backup.
            channel.force(true);
        }
        return manifest;
    }

    /** The header only: decrypts the first chunk, not the whole file. */
    static BackupManifest.Header header(Path file, KeyRing keys, JsonMapper json) throws IOException {
        try (ZipInputStream zip = open(file, keys)) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !first.getName().equals(HEADER)) {
                throw new IOException("Backup file has no header");
            }
            return json.readValue(zip.readAllBytes(), BackupManifest.Header.class);
        }
    }

    /** Reads the whole file, which checks every chunk, and returns the manifest at its end. */
    static BackupManifest manifest(Path file, KeyRing keys, JsonMapper json) throws IOException {
        BackupManifest manifest = null;
        try (ZipInputStream zip = open(file, keys)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(MANIFEST)) {
                    manifest = json.readValue(zip.readAllBytes(), BackupManifest.class);
                } else {
                    zip.transferTo(OutputStream.nullOutputStream());
                }
            }
        }
        if (manifest == null || manifest.format() != BackupManifest.FORMAT) {
            throw new IOException("Backup file has no manifest of format " + BackupManifest.FORMAT);
        }
        return manifest;
    }

    /** Hands each table's data to {@code loader}, in the order they were written (parents first). */
    static void tables(Path file, KeyRing keys, TableLoader loader) throws IOException, SQLException {
        try (ZipInputStream zip = open(file, keys)) {
            InputStream entry = new FilterInputStream(zip) {
                @Override
                public void close() {
                    // The zip stays open for the next table.
                }
            };
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().startsWith(DATA)) {
                    loader.load(e.getName().substring(DATA.length()), entry);
                }
            }
        }
    }

    private static ZipInputStream open(Path file, KeyRing keys) throws IOException {
        return new ZipInputStream(SealedStreams.opening(
                new BufferedInputStream(Files.newInputStream(file), SealedStreams.CHUNK), keys));
    }
}
