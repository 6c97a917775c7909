package io.fieldcast.dispatch.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.events.EventCodec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The small JSON columns of the dispatch schema (skill maps, weekly shifts, travel factors). */
public final class Json {

    private static final ObjectMapper MAPPER = EventCodec.mapper();
    private static final TypeReference<TreeMap<String, Integer>> INT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Double>> DOUBLES = new TypeReference<>() {
    };

    private Json() {
    }

    public static Map<String, Integer> intMap(String json) {
        return read(json, INT_MAP);
    }

    public static Map<String, String> stringMap(String json) {
        return read(json, STRING_MAP);
    }

    /** A JSON array of numbers; empty when blank or unreadable (the caller treats that as "nothing learned"). */
    public static List<Double> doubles(String json) {
        try {
            return json == null || json.isBlank() ? List.of() : MAPPER.readValue(json, DOUBLES);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T extends Map<String, ?>> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json == null || json.isBlank() ? "{}" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + json, e);
        }
    }
}
