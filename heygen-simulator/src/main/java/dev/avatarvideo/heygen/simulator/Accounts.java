package dev.avatarvideo.heygen.simulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HeyGen accounts the simulator knows, one per API key, each with a prepaid wallet that every render draws on.
 * Keys are compared in constant time and never printed.
 */
final class Accounts {

    static final BigDecimal RENDER_PRICE = BigDecimal.ONE;
    private static final BigDecimal DEFAULT_BALANCE = new BigDecimal("1000000");

    static final class Account {
        private final String apiKey;
        private final String id;
        private final String username;
        private BigDecimal balance = DEFAULT_BALANCE;

        private Account(String apiKey, String username) {
            this.apiKey = apiKey;
            this.id = idOf(apiKey);
            this.username = username;
        }

        String apiKey() {
            return apiKey;
        }

        /** Names the account in what the simulator keeps (renders, endpoints, events) without keeping its key. */
        String id() {
            return id;
        }

        String username() {
            return username;
        }

        synchronized BigDecimal balance() {
            return balance;
        }

        synchronized void setBalance(BigDecimal newBalance) {
            balance = newBalance;
        }

        /** Takes the price of one render from the wallet, or answers HeyGen's 402 when it does not cover it. */
        synchronized void charge(BigDecimal price) {
            if (balance.compareTo(price) < 0) {
                throw HeyGenError.insufficientCredit("Insufficient credit: a render costs " + price + ", the wallet holds " + balance);
            }
            balance = balance.subtract(price);
        }
    }

    private final Map<String, Account> byKey = new ConcurrentHashMap<>();

    void add(String apiKey, String username) {
        if (apiKey == null || apiKey.isBlank() || username == null || username.isBlank()) {
            throw new IllegalArgumentException("an account needs an API key and a username");
        }
        byKey.put(apiKey, new Account(apiKey, username));
    }

    /** The account whose key equals {@code presented}, compared in constant time against every known key. */
    Optional<Account> byApiKey(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        Account match = null;
        for (Account account : byKey.values()) {
            if (MessageDigest.isEqual(candidate, account.apiKey.getBytes(StandardCharsets.UTF_8))) {
                match = account;
            }
        }
        return Optional.ofNullable(match);
    }

    /** A fingerprint of the key: the same key always has the same id, and the id does not give the key away. */
    static String idOf(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return "acct_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    Account require(String apiKey) {
        return byApiKey(apiKey).orElseThrow(() -> new IllegalArgumentException("the simulator knows no account with that API key"));
    }
}
