package io.amlwarden.posture;

import java.util.List;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The production check beans, wired the way the application wires them (component scan of
 * the checks package), without the rest of the application.
 */
public final class Catalogue {

	private Catalogue() {
	}

	public static List<PostureCheck> checks() {
		return checks(PostureProperties.defaults());
	}

	public static List<PostureCheck> checks(PostureProperties properties) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(PostureProperties.class, () -> properties);
			context.scan("io.amlwarden.posture.checks");
			context.refresh();
			return List.copyOf(context.getBeansOfType(PostureCheck.class).values());
		}
	}

	public static PostureEvaluator evaluator() {
		return evaluator(PostureProperties.defaults());
	}

	public static PostureEvaluator evaluator(PostureProperties properties) {
		return new PostureEvaluator(checks(properties), properties);
	}

}
