package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Random secrets the runtime makes once and keeps under {@code secrets/} (owner-only files): the PostgreSQL passwords
 * and the tracking-link key. Reused on every start, so a restart changes nothing a service or a sent link relies on.
 */
public final class GeneratedSecrets {

    /** Letters and digits only: safe in a SQL literal, a shell word and a URL without quoting. */
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9]{16,}");
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecrets() {
    }

    /** The secret in {@code dir/name}, generated (32 letters and digits, about 190 bits) when absent or damaged. */
    public static synchronized String ensure(Path dir, String name) {
        Path file = dir.resolve(name);
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (PLAIN.matcher(kept).matches()) {
                    return kept;
                }
            }
            String secret = random();
            OwnerOnlyFiles.writeAtomically(file, secret + "\n", true);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated secret " + file, e);
        }
    }

    static String random() {
        StringBuilder text = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
