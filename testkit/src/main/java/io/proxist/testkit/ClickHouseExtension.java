package io.proxist.testkit;

import io.proxist.chclient.ClickHouseServer;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one real ClickHouse server per test JVM (started on first use, stopped when the JVM's
 * tests end) and one database per test class. Test methods, constructors and lifecycle methods may declare a
 * {@link TestClickHouse} parameter.
 */
public final class ClickHouseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ClickHouseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        testClickHouse(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestClickHouse t = context.getStore(NS).remove(context.getRequiredTestClass(), TestClickHouse.class);
        if (t != null) {
            t.client().query("DROP DATABASE IF EXISTS " + t.database());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestClickHouse.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return testClickHouse(extensionContext);
    }

    private static TestClickHouse testClickHouse(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        return classContext
                .getStore(NS)
                .getOrComputeIfAbsent(
                        testClass, c -> createDatabase(sharedServer(context), testClass), TestClickHouse.class);
    }

    private static ClickHouseServer sharedServer(ExtensionContext context) {
        return context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent(ClickHouseServer.class, k -> SharedClickHouse.start(), ClickHouseServer.class);
    }

    private static TestClickHouse createDatabase(ClickHouseServer server, Class<?> testClass) {
        String name = "t_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff);
        server.client().query("CREATE DATABASE " + name);
        return new TestClickHouse(server, name);
    }
}
