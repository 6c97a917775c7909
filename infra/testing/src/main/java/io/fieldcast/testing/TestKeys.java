package io.fieldcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A platform RSA key pair for one test JVM, written as PEM files the way SmallRye JWT reads them. */
public final class TestKeys {

    private static TestKeys instance;

    private final Path privateKey;
    private final Path publicKey;

    private TestKeys(Path privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static synchronized TestKeys get() {
        if (instance == null) {
            instance = generate();
        }
        return instance;
    }

    private static TestKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("fieldcast-test-keys");
            dir.toFile().deleteOnExit();
            Path priv = dir.resolve("jwt-private.pem");
            Path pub = dir.resolve("jwt-public.pem");
            Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            priv.toFile().deleteOnExit();
            pub.toFile().deleteOnExit();
            return new TestKeys(priv, pub);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public Path privateKey() {
        return privateKey;
    }

    public Path publicKey() {
        return publicKey;
    }
}
