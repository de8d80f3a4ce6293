package org.vaultmail.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.gateway.apikeys.TrustedApiKeyIssuer;
import org.vaultmail.gateway.mailboxes.TrustedMailboxConnections;

/**
 * The trusted in-process entries (an API key without the second-factor and freshness checks, a mailbox connected
 * without a signed-in session) are for the demo's start-up only: no controller and no other feature may reach them,
 * so no HTTP request can. (Their beans also exist only under profile {@code demo}.)
 */
class TrustedCallersReachTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vaultmail");

    @Test
    void onlyTheDemoUsesTheTrustedEntries() {
        noClasses().that().resideOutsideOfPackages("org.vaultmail.demo..")
                .and().doNotHaveFullyQualifiedName(TrustedApiKeyIssuer.class.getName())
                .and().doNotHaveFullyQualifiedName(TrustedMailboxConnections.class.getName())
                .and().doNotHaveFullyQualifiedName("org.vaultmail.gateway.apikeys.ApiKeysConfiguration")
                .and().doNotHaveFullyQualifiedName("org.vaultmail.gateway.mailboxes.MailboxesConfiguration")
                .should().dependOnClassesThat().belongToAnyOf(TrustedApiKeyIssuer.class, TrustedMailboxConnections.class)
                .check(classes);
    }

    @Test
    void noControllerReachesThem() {
        noClasses().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().belongToAnyOf(TrustedApiKeyIssuer.class, TrustedMailboxConnections.class)
                .check(classes);
        noClasses().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
                .should().callMethod("org.vaultmail.gateway.apikeys.ApiKeys", "createForTrustedCaller",
                        "long", "org.vaultmail.gateway.apikeys.ApiKeys$Request", "java.lang.String")
                .check(classes);
    }
}
