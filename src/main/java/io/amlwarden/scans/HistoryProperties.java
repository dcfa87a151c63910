package io.amlwarden.scans;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Posture history settings ({@code warden.posture.*}, beside the scan settings they
 * belong with).
 *
 * @param historyRetention how long history points and roll-ups are kept; older ones are
 * deleted by the retention job
 */
@ConfigurationProperties("warden.posture")
record HistoryProperties(@DefaultValue("400d") Duration historyRetention) {

}
