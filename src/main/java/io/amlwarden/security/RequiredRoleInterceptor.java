package io.amlwarden.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks an operation's {@link RequiresRole} before Spring MVC reads its parameters and
 * body. Method security alone checks it only after binding and validation, so a caller
 * without the role would learn from 400s what the operation accepts (and make the service
 * parse bodies it will refuse anyway). The {@code @PreAuthorize} of the annotation stays
 * as a second line.
 */
final class RequiredRoleInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		RequiresRole required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresRole.class);
		if (required == null) {
			required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresRole.class);
		}
		if (required == null) {
			return true;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String authority = required.value().authority();
		if (authentication == null
				|| authentication.getAuthorities().stream().noneMatch((a) -> authority.equals(a.getAuthority()))) {
			throw new AccessDeniedException("Role " + required.value().appRole() + " required");
		}
		return true;
	}

}
