package io.fieldcast.platform.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.util.UUID;

/** bcrypt hashing for people's passwords and device secrets. */
public final class Passwords {

    private static final int COST = 10;

    private Passwords() {
    }

    public static String hash(String plain) {
        return BcryptUtil.bcryptHash(plain, COST);
    }

    /**
     * Like {@link #matches}, but as slow for an unknown account (null hash) as for a known one: the plain text is
     * checked against a hash of nothing, so the answer's timing does not tell which accounts exist.
     */
    public static boolean matchesInConstantTime(String plain, String hashOrNull) {
        boolean known = hashOrNull != null && !hashOrNull.isBlank();
        boolean ok = matches(plain == null ? "" : plain, known ? hashOrNull : NoAccount.HASH);
        return known && ok;
    }

    /** Made on first use: one bcrypt hash of a random secret nobody knows. */
    private static final class NoAccount {
        static final String HASH = hash(UUID.randomUUID().toString());
    }

    public static boolean matches(String plain, String hash) {
        if (plain == null || hash == null || hash.isBlank()) {
            return false;
        }
        try {
            Password stored = ModularCrypt.decode(hash);
            // The provider is named, so verification works outside Quarkus too (no provider registered there).
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                    WildFlyElytronPasswordProvider.getInstance());
            return factory.verify(factory.translate(stored), plain.toCharArray());
        } catch (InvalidKeySpecException | NoSuchAlgorithmException | InvalidKeyException e) {
            return false;
        }
    }
}
