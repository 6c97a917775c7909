package io.fieldcast.dispatch.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.events.EventCodec;
import io.fieldcast.platform.rest.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job type's intake questions, and the check of a customer's answers. A question may be shown only when an earlier
 * one has a given answer ("Is there a dog?" → "Will it be shut away?"); a hidden question is neither required nor
 * kept. The answers are what the technician reads on the phone and the dispatcher in the console before the visit.
 */
public final class IntakeForm {

    /** Longest free-text answer. */
    public static final int MAX_TEXT = 300;
    private static final int MAX_QUESTIONS = 20;
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final ObjectMapper MAPPER = EventCodec.mapper();
    private static final TypeReference<List<Question>> QUESTIONS = new TypeReference<>() {
    };

    public enum Kind { TEXT, CHOICE, YES_NO, NUMBER }

    /** One answer a CHOICE question offers; {@code label} by language (en required). */
    public record Option(String value, Map<String, String> label) {
    }

    /** Shows a question only when the earlier question {@code question} was answered {@code equals}. */
    public record ShowIf(String question, String equals) {
    }

    /** {@code label} and {@code hint} by language ("en" required, "es" and others optional). */
    public record Question(String id, Kind kind, Map<String, String> label, Map<String, String> hint,
                           boolean required, List<Option> options, ShowIf showIf) {

        String labelIn(String language) {
            return label.getOrDefault(language, label.get("en"));
        }

        String optionLabel(String value, String language) {
            if (kind == Kind.YES_NO) {
                boolean yes = "yes".equals(value);
                return "es".equals(language) ? (yes ? "sí" : "no") : (yes ? "yes" : "no");
            }
            if (kind == Kind.CHOICE) {
                for (Option o : options) {
                    if (o.value().equals(value)) {
                        return o.label().getOrDefault(language, o.label().get("en"));
                    }
                }
            }
            return value;
        }
    }

    public static final IntakeForm NONE = new IntakeForm(List.of());

    private final List<Question> questions;

    private IntakeForm(List<Question> questions) {
        this.questions = List.copyOf(questions);
    }

    public List<Question> questions() {
        return questions;
    }

    /** The form stored with a job type (checked when it was written, so a corrupt column is a server fault). */
    public static IntakeForm stored(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            return new IntakeForm(MAPPER.readValue(json, QUESTIONS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt intake form: " + json, e);
        }
    }

    public String json() {
        try {
            return MAPPER.writeValueAsString(questions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form an admin wrote: 400 naming the first thing wrong with it. */
    public static IntakeForm checked(List<Question> questions) {
        if (questions == null) {
            return NONE;
        }
        if (questions.size() > MAX_QUESTIONS) {
            throw ApiException.badRequest("intake", "at most " + MAX_QUESTIONS + " questions");
        }
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String at = "intake[" + i + "]";
            if (q == null || q.id() == null || !ID.matcher(q.id()).matches()) {
                throw ApiException.badRequest(at + ".id", "must be 1-40 lower-case letters, digits or _, "
                        + "starting with a letter");
            }
            if (!earlier.add(q.id())) {
                throw ApiException.badRequest(at + ".id", "'" + q.id() + "' is used twice");
            }
            if (q.kind() == null) {
                throw ApiException.badRequest(at + ".kind", "must be one of TEXT, CHOICE, YES_NO, NUMBER");
            }
            if (q.label() == null || q.label().get("en") == null || q.label().get("en").isBlank()) {
                throw ApiException.badRequest(at + ".label", "needs at least an English label (\"en\")");
            }
            boolean choice = q.kind() == Kind.CHOICE;
            if (choice && (q.options() == null || q.options().size() < 2)) {
                throw ApiException.badRequest(at + ".options", "a CHOICE question needs at least two options");
            }
            if (!choice && q.options() != null && !q.options().isEmpty()) {
                throw ApiException.badRequest(at + ".options", "only a CHOICE question has options");
            }
            if (choice) {
                Set<String> values = new HashSet<>();
                for (Option o : q.options()) {
                    if (o == null || o.value() == null || o.value().isBlank() || o.label() == null
                            || o.label().get("en") == null || !values.add(o.value())) {
                        throw ApiException.badRequest(at + ".options", "each option needs a distinct value and an "
                                + "English label");
                    }
                }
            }
            if (q.showIf() != null && (q.showIf().question() == null || q.showIf().equals() == null
                    || !earlier.contains(q.showIf().question()) || q.showIf().question().equals(q.id()))) {
                throw ApiException.badRequest(at + ".showIf", "must name an earlier question and the answer that "
                        + "shows this one");
            }
        }
        List<Question> normalized = new ArrayList<>();
        for (Question q : questions) {
            normalized.add(new Question(q.id(), q.kind(), Map.copyOf(q.label()),
                    q.hint() == null ? Map.of() : Map.copyOf(q.hint()), q.required(),
                    q.options() == null ? List.of() : List.copyOf(q.options()), q.showIf()));
        }
        return new IntakeForm(normalized);
    }

    /**
     * The answers kept: one per question shown, trimmed, in the form's order. 400 naming the question for a required
     * answer missing, an answer not among the options, a number that is not one, text too long, or an answer to a
     * question the form does not have.
     */
    public Map<String, String> check(Map<String, String> answers) {
        Map<String, String> given = answers == null ? Map.of() : answers;
        Set<String> known = new HashSet<>();
        questions.forEach(q -> known.add(q.id()));
        for (String id : given.keySet()) {
            if (!known.contains(id)) {
                throw ApiException.badRequest("intake." + id, "this job has no such question");
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (Question q : questions) {
            if (q.showIf() != null && !q.showIf().equals().equals(kept.get(q.showIf().question()))) {
                continue;
            }
            String raw = given.get(q.id());
            String value = raw == null ? "" : raw.strip();
            String field = "intake." + q.id();
            if (value.isEmpty()) {
                if (q.required()) {
                    throw ApiException.badRequest(field, "please answer: " + q.labelIn("en"));
                }
                continue;
            }
            switch (q.kind()) {
                case YES_NO -> {
                    value = value.toLowerCase(Locale.ROOT);
                    if (!value.equals("yes") && !value.equals("no")) {
                        throw ApiException.badRequest(field, "must be yes or no");
                    }
                }
                case CHOICE -> {
                    String v = value;
                    if (q.options().stream().noneMatch(o -> o.value().equals(v))) {
                        throw ApiException.badRequest(field, "must be one of " + q.options().stream()
                                .map(Option::value).toList());
                    }
                }
                case NUMBER -> {
                    try {
                        int n = Integer.parseInt(value);
                        if (n < 0 || n > 100_000) {
                            throw ApiException.badRequest(field, "must be between 0 and 100000");
                        }
                        value = Integer.toString(n);
                    } catch (NumberFormatException e) {
                        throw ApiException.badRequest(field, "must be a whole number");
                    }
                }
                case TEXT -> {
                    if (value.length() > MAX_TEXT) {
                        throw ApiException.badRequest(field, "at most " + MAX_TEXT + " characters");
                    }
                    if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
                        throw ApiException.badRequest(field, "must not contain control characters");
                    }
                }
            }
            kept.put(q.id(), value);
        }
        return kept;
    }

    /**
     * The answers as one line for the visit's notes, in {@code language}: "Label: answer · Label: answer", what the
     * technician reads on the phone and the dispatcher on the console; empty when nothing was answered.
     */
    public String summary(Map<String, String> answers, String language) {
        List<String> parts = new ArrayList<>();
        for (Question q : questions) {
            String value = answers.get(q.id());
            if (value != null) {
                parts.add(q.labelIn(language) + ": " + q.optionLabel(value, language));
            }
        }
        return String.join(" · ", parts);
    }
}
