package io.amlwarden.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a test of the running service reaches it with: its port, the local token issuer
 * that signs the callers' tokens, and its database for before/after comparisons.
 */
public abstract class ServiceTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected LocalTokenIssuer issuer;

	@Autowired
	protected JdbcTemplate jdbc;

}
