package io.amlwarden.reliability.replicas;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;

/**
 * Stops an instance at a chosen point of its work: wraps a bean (e.g. the Azure
 * operations) so that one chosen call, once armed, blocks its thread. The test then
 * crashes the instance while the thread is parked there; when the gate is finally opened
 * the parked call fails instead of carrying on, as a killed process would.
 * {@link Mode#PAUSE_BEFORE} lets the call carry on instead (for outages rather than
 * crashes).
 */
final class Gate {

	enum Mode {

		/** Park before the call; never make it. */
		HALT_BEFORE,
		/** Make the call, then park; its result is never used. */
		HALT_AFTER,
		/** Park before the call, then make it when opened. */
		PAUSE_BEFORE

	}

	private @Nullable Pattern method;

	private int skip;

	private Mode mode = Mode.HALT_BEFORE;

	private volatile CountDownLatch reached = new CountDownLatch(1);

	private volatile CountDownLatch open = new CountDownLatch(1);

	private volatile Object @Nullable [] arguments;

	/**
	 * Arms the gate for the call after {@code skip} matching calls.
	 * @param methodRegex method names to match
	 */
	synchronized void arm(String methodRegex, int skip, Mode mode) {
		this.method = Pattern.compile(methodRegex);
		this.skip = skip;
		this.mode = mode;
		this.reached = new CountDownLatch(1);
		this.open = new CountDownLatch(1);
		this.arguments = null;
	}

	synchronized void disarm() {
		this.method = null;
	}

	boolean awaitReached(long seconds) throws InterruptedException {
		return this.reached.await(seconds, TimeUnit.SECONDS);
	}

	/** Lets the parked call go on (and fail, unless the mode is a pause). */
	void open() {
		this.open.countDown();
	}

	Object @Nullable [] arguments() {
		return this.arguments;
	}

	private synchronized @Nullable Mode trigger(String name) {
		if (this.method == null || !this.method.matcher(name).matches()) {
			return null;
		}
		if (this.skip > 0) {
			this.skip--;
			return null;
		}
		this.method = null;
		return this.mode;
	}

	Object wrap(Object target) {
		ProxyFactory proxy = new ProxyFactory(target);
		proxy.setProxyTargetClass(true);
		proxy.addAdvice((MethodInterceptor) (invocation) -> {
			Mode triggered = trigger(invocation.getMethod().getName());
			if (triggered == null) {
				return invocation.proceed();
			}
			this.arguments = invocation.getArguments().clone();
			if (triggered == Mode.HALT_AFTER) {
				invocation.proceed();
			}
			CountDownLatch open = this.open;
			this.reached.countDown();
			open.await(10, TimeUnit.MINUTES);
			if (triggered == Mode.PAUSE_BEFORE) {
				return invocation.proceed();
			}
			throw new IllegalStateException("this instance was shut down abruptly here (test gate)");
		});
		return proxy.getProxy();
	}

}
