package io.fieldcast.infra.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformKeysTest {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path dir;

    @Test
    void keysAreGeneratedOnceAndReused() throws Exception {
        PlatformKeys first = PlatformKeys.ensure(dir.resolve("keys"));
        byte[] privateBytes = Files.readAllBytes(first.privateKey());

        PlatformKeys second = PlatformKeys.ensure(dir.resolve("keys"));

        assertEquals(first, second);
        assertArrayEquals(privateBytes, Files.readAllBytes(second.privateKey()));
    }

    @Test
    void halfWrittenPairIsReplacedWhole() throws Exception {
        PlatformKeys first = PlatformKeys.ensure(dir);
        String oldPublic = Files.readString(first.publicKey());
        Files.delete(first.privateKey());

        PlatformKeys second = PlatformKeys.ensure(dir);

        assertNotEquals(oldPublic, Files.readString(second.publicKey()));
        assertTrue(verifies(sign(second, "payload"), second));
    }

    @Test
    void filesArePemInTheFormatsSmallRyeJwtReads() throws Exception {
        PlatformKeys keys = PlatformKeys.ensure(dir);

        assertTrue(Files.readString(keys.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(keys.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals(2048, keys.readPublicKey().getModulus().bitLength());
    }

    @Test
    void privateKeyIsReadableByItsOwnerOnly() throws Exception {
        PlatformKeys keys = PlatformKeys.ensure(dir);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKey())));
    }

    @Test
    void jwtSignedWithPrivateKeyVerifiesWithPublicKeyAndTamperingIsDetected() throws Exception {
        PlatformKeys keys = PlatformKeys.ensure(dir);
        String header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = URL.encodeToString("{\"sub\":\"technician-7\",\"iss\":\"fieldcast\"}"
                .getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;

        String jwt = signingInput + "." + URL.encodeToString(sign(keys, signingInput));

        String[] parts = jwt.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        assertTrue(verifies(signature, keys, parts[0] + "." + parts[1]));
        String forged = URL.encodeToString("{\"sub\":\"technician-8\",\"iss\":\"fieldcast\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertFalse(verifies(signature, keys, parts[0] + "." + forged));
    }

    private static byte[] sign(PlatformKeys keys, String input) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(keys.readPrivateKey());
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return rs256.sign();
    }

    private static boolean verifies(byte[] signature, PlatformKeys keys) throws Exception {
        return verifies(signature, keys, "payload");
    }

    private static boolean verifies(byte[] signature, PlatformKeys keys, String input) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.readPublicKey());
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(signature);
    }
}
