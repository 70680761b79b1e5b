package io.ticketing.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.Set;

/**
 * The machine's Redis (127.0.0.1:6379) for one test class, as a JUnit extension
 * ({@code @RegisterExtension static final TestRedis REDIS = new TestRedis(prefix)}): connected before the class's
 * first test; after its last, every key under the prefix is deleted and the connection closed.
 */
public final class TestRedis implements BeforeAllCallback, AfterAllCallback {
    private final String prefix;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;

    public TestRedis(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public StringRedisTemplate template() {
        return redis;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        connections = new LettuceConnectionFactory("127.0.0.1", 6379);
        connections.afterPropertiesSet();
        redis = new StringRedisTemplate(connections);
        redis.afterPropertiesSet();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Set<String> keys = redis.keys(prefix + ":*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        connections.destroy();
    }
}
