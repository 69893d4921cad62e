package io.mailflow.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProviderCatalogTest {

    private final ProviderCatalog catalog = ProviderCatalog.loadDefault();

    @Test
    void everyIncidentHasProfilesToActOn() {
        for (IncidentKind kind : IncidentKind.values()) {
            if (kind.replyKind() != null) {
                assertThat(catalog.profilesWith(kind.provider(), kind.replyKind())).as(kind.optionName()).isNotEmpty();
            }
        }
        assertThat(catalog.profilesWith("google", ReplyKind.IP_BLOCKED)).isNotEmpty();
    }

    @Test
    void gmailAndMicrosoftCarryTheMostRecipients() {
        Map<String, Integer> perProvider = new HashMap<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            perProvider.merge(catalog.pickRoute(random).profile.provider, 1, Integer::sum);
        }

        int google = perProvider.get("google");
        int microsoft = perProvider.get("microsoft");
        assertThat(google).isBetween(28_000, 38_000);
        assertThat(microsoft).isBetween(18_000, 27_000);
        perProvider.forEach((provider, count) -> {
            if (!provider.equals("google") && !provider.equals("microsoft") && !provider.equals("other")) {
                assertThat(count).as(provider).isLessThan(microsoft);
            }
        });
        assertThat(perProvider).containsKeys("yahoo", "apple", "comcast", "godaddy", "yandex", "mailru", "gmx",
                "seznam", "orange", "free", "proofpoint", "other");
    }

    @Test
    void mxHostsAreDerivedFromTheDomain() {
        DomainRoute microsoft = catalog.profile("microsoft-365").route("contoso-health.example");
        DomainRoute company = catalog.profile("company-mx").route("juniper-farms.example");
        DomainRoute ironport = catalog.profile("ironport").route("globex-corp.example");

        assertThat(microsoft.mxHosts[0].name()).isEqualTo("contoso-health-example.mail.protection.outlook.com");
        assertThat(company.mxHosts[0].name()).isEqualTo("mail.juniper-farms.example");
        assertThat(company.mxHosts[0].addresses()[0]).matches("198\\.51\\.100\\.\\d{1,3}");
        assertThat(ironport.mxHosts[0].name()).matches("mx1\\.hc\\d{4}-\\d{2}\\.iphmx\\.com");
        assertThat(catalog.profile("ironport").route("globex-corp.example").mxHosts[0].name())
                .isEqualTo(ironport.mxHosts[0].name());
    }

    @Test
    void unknownProfileNamesTheKnownOnes() {
        assertThatThrownBy(() -> catalog.profile("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown provider profile 'nope'")
                .hasMessageContaining("gmail");
    }
}
