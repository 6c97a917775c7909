package io.fieldcast.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/**
 * Tokens no service may accept, both claiming an administrator of every territory: one signed with the platform's
 * own key but expired an hour ago, one unexpired but signed with a key nobody trusts.
 */
final class ExpiredTokens {

    static final String ISSUER = "https://fieldcast.io/platform";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey platformKey;
    private final Clock clock;

    ExpiredTokens(Path platformPrivateKeyPem, Clock clock) throws Exception {
        String pem = Files.readString(platformPrivateKeyPem).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        this.platformKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(pem)));
        this.clock = clock;
    }

    String expired() throws Exception {
        long now = clock.instant().getEpochSecond();
        return sign(claims(now - 7200, now - 3600), platformKey);
    }

    String forged() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        long now = clock.instant().getEpochSecond();
        return sign(claims(now, now + 6 * 3600), generator.generateKeyPair().getPrivate());
    }

    private static String claims(long issuedAt, long expires) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"fuzz-admin\",\"upn\":\"fuzz-admin\",\"groups\":[\"admin\","
                + "\"dispatcher\"],\"territories\":[\"*\"],\"iat\":" + issuedAt + ",\"exp\":" + expires
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    static String sign(String claims, PrivateKey key) throws Exception {
        String unsigned = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + B64.encodeToString(rsa.sign());
    }
}
