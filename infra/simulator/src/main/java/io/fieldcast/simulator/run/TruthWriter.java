package io.fieldcast.simulator.run;

import io.fieldcast.simulator.api.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The truth file: one JSON object per line, {@code {"type": "habits"|"day"|"visit"|"sent", ...}}. For evaluation
 * only: nothing in the platform reads it.
 */
public final class TruthWriter implements AutoCloseable {

    private final BufferedWriter out;

    public TruthWriter(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            out = Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void write(String type, Object record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.putAll(Json.MAPPER.convertValue(record, Json.MAPPER.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class)));
        try {
            out.write(Json.MAPPER.writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
