package io.fieldcast.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Tokens for what a benchmark simulates (technicians' phones, console users), signed with the platform key like
 * TokenIssuer's (RS256).
 */
public final class BenchTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;

    public BenchTokens(Path privateKeyPem, String issuer) throws Exception {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(pem)));
        this.issuer = issuer;
    }

    public String forTechnician(String technicianId, String deviceId) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return sign("{\"iss\":\"" + issuer + "\",\"sub\":\"device:" + deviceId + "\",\"upn\":\"device:" + deviceId
                + "\",\"groups\":[\"technician\"],\"technician_id\":\"" + technicianId + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
    }

    /** A console user's token with {@code roles} (JSON array items, quoted) over every territory, for an hour. */
    public String forUser(String name, String... roles) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return sign("{\"iss\":\"" + issuer + "\",\"sub\":\"" + name + "\",\"upn\":\"" + name + "\",\"groups\":[\""
                + String.join("\",\"", roles) + "\"],\"territories\":[\"*\"],\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
    }

    private String sign(String claims) throws Exception {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String unsigned = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + B64.encodeToString(rsa.sign());
    }
}
