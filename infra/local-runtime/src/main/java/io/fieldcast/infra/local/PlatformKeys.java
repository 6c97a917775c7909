package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The platform's RSA key pair: services sign tokens (technician sessions, tracking links) with the private key and
 * verify with the public one. PEM files in the formats SmallRye JWT reads (PKCS#8 private, X.509 public).
 */
public record PlatformKeys(Path privateKey, Path publicKey) {

    public static final String PRIVATE_KEY_FILE = "platform-private.pem";
    public static final String PUBLIC_KEY_FILE = "platform-public.pem";

    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    public PlatformKeys {
        privateKey = privateKey.toAbsolutePath().normalize();
        publicKey = publicKey.toAbsolutePath().normalize();
    }

    /**
     * Returns the pair under {@code dir}, generating it only when it is not there: tokens issued before a restart
     * must stay valid after it. A half-written pair (one file missing) is replaced whole.
     */
    public static synchronized PlatformKeys ensure(Path dir) {
        PlatformKeys keys = new PlatformKeys(dir.resolve(PRIVATE_KEY_FILE), dir.resolve(PUBLIC_KEY_FILE));
        if (Files.isRegularFile(keys.privateKey) && Files.isRegularFile(keys.publicKey)) {
            return keys;
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // Public first: a crash in between leaves no private key, so the next call regenerates both.
            OwnerOnlyFiles.writeAtomically(keys.publicKey, pem(PUBLIC_LABEL, pair.getPublic().getEncoded()), false);
            OwnerOnlyFiles.writeAtomically(keys.privateKey, pem(PRIVATE_LABEL, pair.getPrivate().getEncoded()), true);
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the platform key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the platform key pair under " + dir, e);
        }
    }

    public RSAPrivateKey readPrivateKey() {
        try {
            byte[] der = der(privateKey, PRIVATE_LABEL);
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA PKCS#8 private key: " + privateKey, e);
        }
    }

    public RSAPublicKey readPublicKey() {
        try {
            byte[] der = der(publicKey, PUBLIC_LABEL);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA X.509 public key: " + publicKey, e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(Path file, String label) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            String body = text.replace("-----BEGIN " + label + "-----", "")
                    .replace("-----END " + label + "-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
