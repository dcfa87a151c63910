package io.amlwarden.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts the SQL statements prepared while serving requests to one path, to prove that a
 * read endpoint issues a bounded number of queries per page (no N+1). It wraps the
 * application's {@link DataSource}; statements of other threads (schedulers, scans) and
 * of other paths are not counted, so the count is exact while the test's request runs.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter implements BeanPostProcessor {

	private static final Set<String> METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

	private static final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	/**
	 * Starts counting the statements of requests to a path (exact match), from zero.
	 */
	public static void track(String path) {
		counts.put(path, new AtomicInteger());
	}

	/**
	 * Statements prepared for requests to a path since {@link #track(String)}.
	 */
	public static int count(String path) {
		AtomicInteger count = counts.get(path);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
			return proxy(DataSource.class, dataSource, (target, method, args) -> {
				Object result = invoke(target, method, args);
				return (result instanceof Connection connection) ? countingConnection(connection) : result;
			});
		}
		return bean;
	}

	private static Connection countingConnection(Connection connection) {
		return proxy(Connection.class, connection, (target, method, args) -> {
			if (METHODS.contains(method.getName())) {
				RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
				if (attributes instanceof ServletRequestAttributes servlet) {
					HttpServletRequest request = servlet.getRequest();
					AtomicInteger count = counts.get(request.getRequestURI());
					if (count != null) {
						count.incrementAndGet();
					}
				}
			}
			return invoke(target, method, args);
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
		InvocationHandler invocation = (p, method, args) -> handler.handle(target, method, args);
		return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type }, invocation);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@FunctionalInterface
	private interface Handler<T> {

		Object handle(T target, Method method, Object[] args) throws Throwable;

	}

}
