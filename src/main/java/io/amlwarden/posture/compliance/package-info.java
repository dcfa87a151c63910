/**
 * Compliance frameworks: the controls of NIST SP 800-53 Rev. 5, ISO/IEC 27001:2022, CIS
 * Microsoft Azure Foundations 3.0.0 and PCI DSS 4.0.1 that our checks evidence, derived
 * from the Azure Policy regulatory-compliance initiatives through the policy definitions
 * each check carries, and each control's results from the latest posture of every
 * workspace.
 */
@NullMarked
package io.amlwarden.posture.compliance;

import org.jspecify.annotations.NullMarked;
