package io.amlwarden.security;

import io.amlwarden.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What every {@code @WebMvcTest} slice with the production security rules needs: the
 * tester, a mocked token decoder (the slice never validates real tokens) and audit trail,
 * and a reader's request.
 */
public abstract class WebSliceTest {

	@Autowired
	protected MockMvcTester mvc;

	@MockitoBean
	protected JwtDecoder jwtDecoder;

	@MockitoBean
	protected AuditTrail auditTrail;

	protected MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).with(reader()).exchange();
	}

	protected static RequestPostProcessor reader() {
		return SecurityMockMvcRequestPostProcessors.jwt().authorities(new SimpleGrantedAuthority("ROLE_READER"));
	}

}
